"""Permission-scoped reads of meetings and follow-up items (pages, exports, the API, the
workbench all go through here)."""

from django.db.models import Count, Q

from xuncha.accounts.permissions import Action, restrict
from xuncha.meetings.enums import FollowUpStatus
from xuncha.meetings.models import AgendaItem, Attendance, FollowUpItem, Meeting


def meetings_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    rows = Meeting.objects.all() if include_archived else Meeting.objects.active()
    return restrict(rows, user, action).select_related("term__owner", "inspection", "chair")


def with_counts(meetings):
    """Attendances and leader attendances counted in the query (the list's columns)."""
    return meetings.annotate(
        attendee_count=Count("attendances", distinct=True),
        leader_count=Count("attendances", filter=Q(attendances__as_leader=True), distinct=True),
    )


def attendances_of(meeting):
    return (
        Attendance.objects.filter(meeting=meeting).select_related("person__organisation").order_by("-as_leader", "pk")
    )


def agenda_of(meeting):
    return AgendaItem.objects.filter(meeting=meeting).select_related("inspection", "problem").order_by("number")


def follow_ups_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    rows = FollowUpItem.objects.all() if include_archived else FollowUpItem.objects.active()
    return restrict(rows, user, action).select_related("meeting__term__owner", "owner", "agenda_item")


def open_follow_ups(user):
    return follow_ups_for_user(user).filter(status=FollowUpStatus.OPEN)


def escalated_follow_ups(user):
    """The user's own open items the warning run found overdue (their workbench warns of them)."""
    if not getattr(user, "pk", None):
        return FollowUpItem.objects.none()
    return open_follow_ups(user).filter(owner=user, escalated_on__isnull=False).order_by("deadline", "pk")


def feedback_decision(user, inspection):
    """The agenda item of the 书记专题会 that decided `inspection`'s feedback, when the user may
    read that meeting (else None: the inspected side is not told of the committee's meetings)."""
    item = (
        AgendaItem.objects.filter(inspection=inspection, decides_feedback=True, meeting__archived_at__isnull=True)
        .select_related("meeting")
        .first()
    )
    if item is None or not meetings_for_user(user).filter(pk=item.meeting_id).exists():
        return None
    return item


def owner_choices(term):
    """Accounts a follow-up item may be sent to: active accounts of the committee's subtree."""
    from xuncha.accounts.models import User

    return (
        User.objects.filter(is_active=True, organisation__path__startswith=term.owner.path)
        .select_related("organisation")
        .order_by("organisation__path", "username")
    )


def recordable_terms(user):
    """Terms whose committee's office the user is (a meeting is recorded for one of them)."""
    from xuncha.plans.models import Term

    return restrict(Term.objects.active(), user, Action.CHANGE).select_related("owner").order_by("-starts_on", "pk")


def queries_may_record(user, inspection) -> bool:
    """May the user record a meeting about `inspection` (its committee's office)."""
    from xuncha.meetings.rules import may_record

    return may_record(user, inspection.term)
