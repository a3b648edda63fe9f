"""Teams are visible with their inspection; pools and evaluations are the office's."""

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, policy, scope_q
from xuncha.inspections.rules import _via_inspection, inspection_q
from xuncha.staffing.models import Evaluation, PoolMember, TalentPool, TeamAppraisal, TeamMember


@policy(TeamMember)
def member_policy(user, action):
    if action in (Action.VIEW, Action.EXPORT):
        return _via_inspection(inspection_q(user, action))
    return scope_q(user, {Role.OFFICE}, "inspection__term__owner__path")


@policy(TalentPool)
def pool_policy(user, action):
    return scope_q(user, {Role.OFFICE}, "owner__path")


@policy(PoolMember)
def pool_member_policy(user, action):
    return scope_q(user, {Role.OFFICE}, "pool__owner__path")


@policy(Evaluation)
def evaluation_policy(user, action):
    return scope_q(user, {Role.OFFICE}, "member__inspection__term__owner__path")


@policy(TeamAppraisal)
def appraisal_policy(user, action):
    return scope_q(user, {Role.OFFICE}, "inspection__term__owner__path")


def pool_owners(user):
    """Organisations whose talent pools the user keeps: the office's, within its scope."""
    from xuncha.orgs.models import Organisation

    condition = scope_q(user, {Role.OFFICE}, "path")
    if condition is None:
        return Organisation.objects.none()
    return Organisation.objects.active().filter(condition).order_by("path")
