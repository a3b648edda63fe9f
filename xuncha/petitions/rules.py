"""Petitions are confidential like clues: the office and the inspection's team see them; the
inspected side, reviewers, leadership and administrators never do. A reporter's identity is
opened only by a user who also holds the identity-reader role over the inspecting committee.
Immediate fixes are also shown to the unit they are handed to, without the petition."""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, can, has_role, in_scope, policy, scope_q
from xuncha.confidential.disclosure import confidential
from xuncha.inspections.rules import committee_q, team_inspection_ids
from xuncha.petitions.models import IdentityReveal, ImmediateFix, Petition, ReporterIdentity

FIXERS = {Role.LIAISON, Role.RESPONSIBLE_UNIT}


def _casework_q(user, prefix: str = "") -> Q | None:
    parts = []
    if office := committee_q(user, {Role.OFFICE}, f"{prefix}inspection__"):
        parts.append(office)
    if has_role(user, Role.TEAM_MEMBER):
        parts.append(Q(**{f"{prefix}inspection__in": team_inspection_ids(user)}))
    result = None
    for part in parts:
        result = part if result is None else result | part
    return result


@policy(Petition)
def petition_policy(user, action):
    return _casework_q(user)


@policy(ReporterIdentity)
def identity_policy(user, action):
    return None  # never listed or exported; see `may_reveal_identity`


@policy(IdentityReveal)
def reveal_policy(user, action):
    """The reasons given for reveals are read by those who may reveal the identity themselves
    (identity readers over the committee who see the petition); the auditor reads the log."""
    if action not in (Action.VIEW,):
        return None
    casework = _casework_q(user, "petition__")
    readers = scope_q(user, {Role.IDENTITY_READER}, "petition__inspection__term__owner__path")
    return None if casework is None or readers is None else casework & readers


@policy(ImmediateFix)
def fix_policy(user, action):
    parts = [q for q in [_casework_q(user), scope_q(user, FIXERS, "organisation__path")] if q is not None]
    if not parts:
        return None
    result = parts[0]
    for part in parts[1:]:
        result |= part
    return result


def may_reveal_identity(user, petition: Petition) -> bool:
    return in_scope(user, {Role.IDENTITY_READER}, petition.inspection.term.owner.path) and can(
        user, Action.VIEW, petition
    )


def may_triage(user, petition: Petition) -> bool:
    return can(user, Action.CHANGE, petition)


def may_record_fix_result(user, fix: ImmediateFix) -> bool:
    """The fixers over the organisation, or an office that may see the fix: a city office is not
    offered the fixes a provincial inspection handed to one of its districts (it cannot open them)."""
    in_reach = in_scope(user, FIXERS | {Role.OFFICE}, fix.organisation.path) and can(user, Action.VIEW, fix)
    return in_reach or can(user, Action.CHANGE, fix)


def may_hand_over_fix(user, inspection) -> bool:
    """The office over the inspecting committee and the inspection's team hand problems over."""
    from xuncha.inspections.queries import may_work_on

    return may_work_on(user, inspection)


def may_answer_reporter(user, fix: ImmediateFix) -> bool:
    """Only those who handle the petition the fix came from answer its reporter."""
    return fix.petition_id is not None and may_triage(user, fix.petition)


def may_list_petitions(user, *, fixes: bool = False) -> bool:
    """The petition list (and, with `fixes`, the list of immediate fixes) opens for these roles;
    pages link to it only for them."""
    allowed = {Role.OFFICE, Role.TEAM_MEMBER} | (FIXERS if fixes else set())
    return has_role(user, *allowed)


def require_petition_role(user, *, fixes: bool = False) -> None:
    from django.http import Http404

    if not may_list_petitions(user, fixes=fixes):
        raise Http404


def _itself(petition: Petition):
    return [petition]


# A petition's own text (content, reply, reason) is shown, exported and copied without the
# reporter's identity: the identity is read only through a logged reveal.
confidential(Petition, petitions=_itself)


def _fix_petitions(fix: ImmediateFix):
    return [fix.petition] if fix.petition_id else []


_may_handle_fix_petition = may_answer_reporter


# The unit a fix is handed to reads the fix, never the petition: the reporters' identities are
# scrubbed from every text of the fix, and the answer given to the reporter (and which petition
# the fix came from) is read only by those who handle the petition.
confidential(
    ImmediateFix,
    petitions=_fix_petitions,
    restricted={
        "answer_to_reporter": _may_handle_fix_petition,
        "answered_on": _may_handle_fix_petition,
        "petition": _may_handle_fix_petition,
    },
)
