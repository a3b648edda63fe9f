"""Who sees and works common-problem lists.

The office over the term's committee drafts, publishes and reads a list; reviewers and
leadership over the committee read it (the term's readers, xuncha/plans/rules.py). A reached
organisation's liaison and responsible units see only their own reach and its self-checks,
never the list's other organisations nor the problems the items were drawn from (an
inspection's feedback is not theirs to read). Rebound links are read by those who work the
inspection of the new finding or problem.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, in_scope, policy, scope_q
from xuncha.common.models import CommonCategory, CommonItem, CommonList, Reach, ReboundLink, SelfCheck
from xuncha.plans.rules import READERS

CHECKERS = {Role.LIAISON, Role.RESPONSIBLE_UNIT}
MANAGERS = {Role.OFFICE}


def _list_q(user, action, prefix: str) -> Q | None:
    roles = READERS if action in (Action.VIEW, Action.EXPORT) else MANAGERS
    return scope_q(user, roles, f"{prefix}term__owner__path")


@policy(CommonList)
def list_policy(user, action):
    return _list_q(user, action, "")


@policy(CommonCategory)
def category_policy(user, action):
    return _list_q(user, action, "common_list__")


@policy(CommonItem)
def item_policy(user, action):
    return _list_q(user, action, "category__common_list__")


def _reach_q(user, action, prefix: str) -> Q | None:
    office = _list_q(user, action, f"{prefix}common_list__")
    own = (
        scope_q(user, CHECKERS, f"{prefix}organisation__path")
        if action in (Action.VIEW, Action.EXPORT, Action.CHANGE)
        else None
    )
    if own is not None:
        own &= Q(**{f"{prefix}common_list__status": "published"})
    parts = [q for q in (office, own) if q is not None]
    if not parts:
        return None
    return parts[0] | parts[1] if len(parts) == 2 else parts[0]


@policy(Reach)
def reach_policy(user, action):
    return _reach_q(user, action, "")


@policy(SelfCheck)
def check_policy(user, action):
    return _reach_q(user, action, "reach__")


@policy(ReboundLink)
def link_policy(user, action):
    from xuncha.inspections.rules import inspection_work_q

    work = inspection_work_q(user)
    if work is None:
        return None
    from xuncha.inspections.models import Inspection

    ids = Inspection.objects.filter(work).values("pk")
    return Q(finding__inspection__in=ids) | Q(problem__inspection__in=ids)


def may_manage_list(user, common_list: CommonList) -> bool:
    return in_scope(user, MANAGERS, common_list.term.owner.path)


def may_record_check(user, check: SelfCheck) -> bool:
    """The reached organisation's own liaison or responsible unit answers its self-check."""
    return in_scope(user, CHECKERS, check.reach.organisation.path)


def may_open_lists(user) -> bool:
    from xuncha.accounts.permissions import has_role

    return has_role(user, *READERS)


def may_open_checks(user) -> bool:
    from xuncha.accounts.permissions import has_role

    return has_role(user, *CHECKERS)
