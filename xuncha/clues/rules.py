"""Who sees and handles clues. Clues are confidential: the inspected organisation, responsible
units, leadership and the administrators never see them.

* The office of the inspecting committee (scope over the term's committee) sees, signs and transfers.
* The inspection team (any member) sees its inspection's clues; leaders and deputies may sign.
* Discipline and organisation reviewers see clues transferred to a body in their scope, and
  confirm receipt, record handling and conclude them.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, can, has_role, in_scope, policy, restrict, scope_q
from xuncha.clues.models import Clue, CluePerson, ClueSignature
from xuncha.inspections.rules import committee_q, team_inspection_ids

RECEIVERS = {Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER}
SIGNING_TEAM_ROLES = {"leader", "deputy"}


def clue_q(user, action: Action, prefix: str = "") -> Q | None:
    parts = []
    if office := committee_q(user, {Role.OFFICE}, f"{prefix}inspection__"):
        parts.append(office)
    if action in (Action.VIEW, Action.EXPORT):
        if has_role(user, Role.TEAM_MEMBER):
            parts.append(Q(**{f"{prefix}inspection__in": team_inspection_ids(user)}))
        if receiving := scope_q(user, RECEIVERS, f"{prefix}receiving_body__path"):
            parts.append(receiving & Q(**{f"{prefix}transferred_on__isnull": False}))
    elif action == Action.CHANGE and (receiving := scope_q(user, RECEIVERS, f"{prefix}receiving_body__path")):
        parts.append(receiving & Q(**{f"{prefix}transferred_on__isnull": False}))
    result = None
    for part in parts:
        result = part if result is None else result | part
    return result


@policy(Clue)
def clue_policy(user, action):
    return clue_q(user, action)


@policy(CluePerson)
def clue_person_policy(user, action):
    return clue_q(user, action, "clue__")


@policy(ClueSignature)
def signature_policy(user, action):
    return clue_q(user, Action.VIEW, "clue__")


def may_sign(user, clue: Clue) -> bool:
    if in_scope(user, {Role.OFFICE}, clue.inspection.term.owner.path):
        return True
    if not has_role(user, Role.TEAM_MEMBER):
        return False
    return team_inspection_ids(user, SIGNING_TEAM_ROLES).filter(inspection_id=clue.inspection_id).exists()


def may_transfer(user, clue: Clue) -> bool:
    return in_scope(user, {Role.OFFICE}, clue.inspection.term.owner.path)


def may_handle(user, clue: Clue) -> bool:
    return (
        clue.receiving_body_id is not None
        and in_scope(user, RECEIVERS, clue.receiving_body.path)
        and can(user, Action.VIEW, clue)
    )


CLUE_ROLES = {Role.OFFICE, Role.TEAM_MEMBER, *RECEIVERS}


def require_clue_role(user, *, figures: bool = False) -> None:
    """Pages about clues do not exist for roles that can never see one (default deny);
    leadership sees the figures only, as counts."""
    from django.http import Http404

    allowed = CLUE_ROLES | ({Role.LEADERSHIP} if figures else set())
    if not has_role(user, *allowed):
        raise Http404


def figures_scope(user):
    """Clues counted in the figures a user sees: those they may read, and for leadership every
    clue of the inspections they oversee (they get counts, never rows)."""
    from xuncha.inspections.queries import inspections_for_user

    visible = Clue.objects.active().filter(pk__in=restrict(Clue.objects.all(), user).values("pk"))
    if has_role(user, Role.LEADERSHIP):
        visible = visible | Clue.objects.active().filter(inspection__in=inspections_for_user(user).values("pk"))
    return visible
