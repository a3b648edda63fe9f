"""Who sees and handles clues. Clues are confidential: the inspected organisation, responsible
units, leadership and the administrators never see them.

* The office of the inspecting committee (scope over the term's committee) sees, signs and transfers.
* The inspection team (any member) sees its inspection's clues; leaders and deputies may sign.
* Discipline and organisation reviewers see clues transferred to a body of *their own kind* in
  their scope (a discipline reviewer: clues received by a discipline commission; an organisation
  reviewer: clues received by an organisation department), and confirm receipt, record handling
  and conclude them. The kind chosen at transfer and the receiving body's own kind must both
  match the reviewer's role (`RECEIVING_BODIES`); a clue sent to any other body is read by no
  reviewer.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, can, has_role, in_scope, policy, restrict, scope_q
from xuncha.clues.enums import ReceivingKind
from xuncha.clues.models import Clue, CluePerson, ClueSignature
from xuncha.confidential.disclosure import confidential
from xuncha.inspections.rules import committee_q, team_inspection_ids
from xuncha.orgs.enums import OrgKind

# Each reviewer role and the receiving body it stands for: (kind chosen at transfer, the body's own kind).
RECEIVING_BODIES = {
    Role.DISCIPLINE_REVIEWER: (ReceivingKind.DISCIPLINE, OrgKind.DISCIPLINE_COMMISSION),
    Role.ORGANISATION_REVIEWER: (ReceivingKind.ORGANISATION, OrgKind.ORGANISATION_DEPARTMENT),
}
RECEIVERS = set(RECEIVING_BODIES)
SIGNING_TEAM_ROLES = {"leader", "deputy"}


def receiving_kind_for(body) -> str:
    """The receiving kind a body of this organisation kind receives clues as ('' for none)."""
    for kind, org_kind in RECEIVING_BODIES.values():
        if body.kind == org_kind:
            return kind
    return ""


def received_q(user, prefix: str = "") -> Q | None:
    """Transferred clues received by a body of the kind each of the user's reviewer roles
    stands for, within that role's subtree."""
    result = None
    for role, (kind, org_kind) in RECEIVING_BODIES.items():
        scope = scope_q(user, {role}, f"{prefix}receiving_body__path")
        if scope is None:
            continue
        part = scope & Q(
            **{
                f"{prefix}receiving_kind": kind,
                f"{prefix}receiving_body__kind": org_kind,
                f"{prefix}transferred_on__isnull": False,
            }
        )
        result = part if result is None else result | part
    return result


def clue_q(user, action: Action, prefix: str = "") -> Q | None:
    parts = []
    if office := committee_q(user, {Role.OFFICE}, f"{prefix}inspection__"):
        parts.append(office)
    if action in (Action.VIEW, Action.EXPORT):
        if has_role(user, Role.TEAM_MEMBER):
            parts.append(Q(**{f"{prefix}inspection__in": team_inspection_ids(user)}))
        if receiving := received_q(user, prefix):
            parts.append(receiving)
    elif action == Action.CHANGE and (receiving := received_q(user, prefix)):
        parts.append(receiving)
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
    """Receipt, handling and conclusion: a reviewer of the receiving body's kind in its scope."""
    if clue.receiving_body_id is None or clue.transferred_on is None:
        return False
    return any(
        clue.receiving_kind == kind
        and clue.receiving_body.kind == org_kind
        and in_scope(user, {role}, clue.receiving_body.path)
        for role, (kind, org_kind) in RECEIVING_BODIES.items()
    ) and can(user, Action.VIEW, clue)


CLUE_ROLES = {Role.OFFICE, Role.TEAM_MEMBER, *RECEIVERS}


def may_count_clues(user) -> bool:
    """Clue figures are for the roles that see clues, and for leadership (counts, never rows)."""
    return has_role(user, *CLUE_ROLES, Role.LEADERSHIP)


def require_clue_role(user, *, figures: bool = False) -> None:
    """Pages about clues do not exist for roles that can never see one (default deny);
    leadership sees the figures only, as counts."""
    from django.http import Http404

    if not (may_count_clues(user) if figures else has_role(user, *CLUE_ROLES)):
        raise Http404


def figures_scope(user):
    """Clues counted in the figures a user sees: those they may read, and for leadership every
    clue of the inspections they oversee (they get counts, never rows)."""
    from xuncha.inspections.queries import inspections_for_user

    visible = Clue.objects.active().filter(pk__in=restrict(Clue.objects.all(), user).values("pk"))
    if has_role(user, Role.LEADERSHIP):
        visible = visible | Clue.objects.active().filter(inspection__in=inspections_for_user(user).values("pk"))
    return visible


def _clue_petitions(clue: Clue):
    return clue.petitions.all()


# A clue's text (allegation, history, export) never carries the reporters' identities.
confidential(Clue, petitions=_clue_petitions)


def petition_figures_scope(user):
    """Petitions counted in the figures a user sees: those they may read, and for leadership
    every petition of the inspections they oversee (counts, never rows)."""
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.petitions.models import Petition
    from xuncha.petitions.queries import petitions_for_user

    petitions = petitions_for_user(user)
    if has_role(user, Role.LEADERSHIP):
        petitions = petitions | Petition.objects.active().filter(inspection__in=inspections_for_user(user).values("pk"))
    return petitions
