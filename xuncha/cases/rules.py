"""Who reads and keeps typical cases.

* The office of the committee whose inspection the case came from keeps it: drafts, edits,
  publishes, records its uses; drafts are the office's alone (a draft is still close to a clue).
* A published case is warning-education material for the committee's whole area: readable by
  every casework role in the committee's subtree (the inspected organisations included) and by
  those above it. Its text is redacted by rule whatever the reader.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, policy, scope_paths, scope_q
from xuncha.cases.enums import CaseStatus
from xuncha.cases.models import CaseUse, TypicalCase

READERS = {
    Role.OFFICE,
    Role.TEAM_MEMBER,
    Role.LIAISON,
    Role.RESPONSIBLE_UNIT,
    Role.DISCIPLINE_REVIEWER,
    Role.ORGANISATION_REVIEWER,
    Role.LEADERSHIP,
}


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def case_q(user, action: Action, prefix: str = "") -> Q | None:
    keeps = scope_q(user, {Role.OFFICE}, f"{prefix}term__owner__path")
    if action not in (Action.VIEW, Action.EXPORT):
        return keeps
    paths = scope_paths(user, READERS)
    if not paths:
        return keeps
    area = Q(**{f"{prefix}term__owner__path__in": sorted({a for p in paths for a in _ancestors(p)})})
    below = scope_q(user, READERS, f"{prefix}term__owner__path")
    published = Q(**{f"{prefix}status": CaseStatus.PUBLISHED, f"{prefix}archived_at__isnull": True}) & (
        area | below if below is not None else area
    )
    return published if keeps is None else keeps | published


@policy(TypicalCase)
def case_policy(user, action):
    return case_q(user, action)


@policy(CaseUse)
def use_policy(user, action):
    return case_q(user, action, "case__")


def may_read_cases(user) -> bool:
    from xuncha.accounts.permissions import has_role

    return has_role(user, *READERS)


def may_draft_case(user, inspection) -> bool:
    """The office of the committee whose inspection it is."""
    from xuncha.accounts.permissions import in_scope

    return in_scope(user, {Role.OFFICE}, inspection.term.owner.path)
