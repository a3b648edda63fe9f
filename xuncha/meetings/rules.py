"""Who sees and does what with meetings.

* Meetings belong to the committee that owns their term: its office records and edits them,
  the office and leadership over that committee read them.
* The inspected side never sees the committee's own meetings (team work meetings, leading-group
  meetings, 书记专题会): a feedback meeting only is read by whoever may read its inspection
  (the inspected organisation, its team, the reviewers).
* A follow-up item is read by whoever reads its meeting and by its owner (who may otherwise see
  nothing of the meeting); only its owner marks it done.
* An agenda item's clue is shown only to whoever may read the clue (`visible_clue_ids`).
Administrators (三员) hold no casework role and see nothing here.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, has_role, in_scope, policy, scope_q
from xuncha.meetings.enums import FollowUpStatus, MeetingKind
from xuncha.meetings.models import FollowUpItem, Meeting

READERS = {Role.OFFICE, Role.LEADERSHIP}


def _reading(action: Action) -> bool:
    return action in (Action.VIEW, Action.EXPORT)


def meeting_q(user, action: Action) -> Q | None:
    office = scope_q(user, {Role.OFFICE}, "term__owner__path")
    if not _reading(action):
        return office
    from xuncha.inspections.models import Inspection
    from xuncha.inspections.rules import inspection_q

    parts = [q for q in (scope_q(user, READERS, "term__owner__path"),) if q is not None]
    seen = inspection_q(user, Action.VIEW)
    if seen is not None:
        parts.append(Q(kind=MeetingKind.FEEDBACK, inspection__in=Inspection.objects.filter(seen).values("pk")))
    if not parts:
        return None
    result = parts[0]
    for part in parts[1:]:
        result |= part
    return result


@policy(Meeting)
def meeting_policy(user, action):
    return meeting_q(user, action)


@policy(FollowUpItem)
def follow_up_policy(user, action):
    if not _reading(action):
        return scope_q(user, {Role.OFFICE}, "meeting__term__owner__path")
    meetings = meeting_q(user, Action.VIEW)
    mine = Q(owner=user) if getattr(user, "pk", None) else None
    if meetings is None:
        return mine
    seen = Q(meeting__in=Meeting.objects.filter(meetings).values("pk"))
    return seen if mine is None else seen | mine


def may_read_meetings(user) -> bool:
    return has_role(user, *READERS)


def may_record(user, term) -> bool:
    return in_scope(user, {Role.OFFICE}, term.owner.path)


def may_manage(user, meeting) -> bool:
    return in_scope(user, {Role.OFFICE}, meeting.term.owner.path)


def may_complete(user, item) -> bool:
    return getattr(user, "pk", None) is not None and item.owner_id == user.pk


def is_open(item) -> bool:
    return item.status == FollowUpStatus.OPEN and not item.is_archived


def visible_clue_ids(user, clue_ids) -> set[int]:
    """The clues among `clue_ids` the user may read (the clue's own rules decide)."""
    ids = {pk for pk in clue_ids if pk}
    if not ids:
        return set()
    from xuncha.clues.queries import clues_for_user

    return set(clues_for_user(user).filter(pk__in=ids).values_list("pk", flat=True))
