"""The follow-up card on an inspection's page: its 回头看 step, the follow-ups of it, and the
inspection it follows up (kept here so the inspection's page needs one line)."""

from django import template

from xuncha.followup.figures import recheck_counts
from xuncha.followup.models import ReCheck
from xuncha.inspections.queries import inspections_for_user
from xuncha.workflow.actions import offered

register = template.Library()


@register.inclusion_tag("followup/_card.html", takes_context=True)
def follow_up_card(context, inspection):
    user = context["request"].user
    follow_ups = list(inspections_for_user(user).filter(follows_up=inspection).order_by("-pk"))
    # the inspection's page has asked the declarations already (`actions`); ask again elsewhere
    steps = context.get("actions")
    step = (steps if steps is not None else offered(user, inspection, "inspections.Inspection")).create_follow_up
    earlier = inspection.follows_up if inspection.follows_up_id else None
    counts = recheck_counts(ReCheck.objects.filter(inspection=inspection)) if earlier else None
    return {
        "inspection": inspection,
        "step": step,
        "follow_ups": follow_ups,
        "earlier": earlier,
        "counts": counts,
        "shown": bool(step or follow_ups or earlier),
    }
