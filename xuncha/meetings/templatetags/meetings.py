"""The meetings card on an inspection's page: which 书记专题会 decided its feedback and its
feedback meetings, as far as the reader may see them (the inspected side sees its feedback
meetings, never the committee's own meetings), so the inspection's page needs one line."""

from django import template

from xuncha.meetings.enums import MeetingKind
from xuncha.meetings.queries import feedback_decision, meetings_for_user, queries_may_record

register = template.Library()


@register.inclusion_tag("meetings/_inspection_card.html", takes_context=True)
def meetings_card(context, inspection):
    user = context["request"].user
    decision = feedback_decision(user, inspection)
    feedback = list(
        meetings_for_user(user).filter(kind=MeetingKind.FEEDBACK, inspection=inspection).order_by("held_on", "pk")
    )
    may_record = queries_may_record(user, inspection)
    return {
        "inspection": inspection,
        "decision": decision,
        "feedback_meetings": feedback,
        "may_record": may_record,
        "shown": bool(decision or feedback or may_record),
    }
