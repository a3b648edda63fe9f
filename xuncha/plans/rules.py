"""Who sees and plans terms, rounds and batches: the office plans within its committee's
scope; reviewers and leadership read; nobody else sees the plan."""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, policy, scope_q
from xuncha.plans.models import Batch, Round, ScopeRule, Term

READERS = {Role.OFFICE, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER, Role.LEADERSHIP}
PLANNERS = {Role.OFFICE}


def _term_q(user, action: Action, prefix: str) -> Q | None:
    roles = READERS if action in (Action.VIEW, Action.EXPORT) else PLANNERS
    return scope_q(user, roles, f"{prefix}owner__path")


@policy(Term)
def term_policy(user, action):
    return _term_q(user, action, "")


@policy(ScopeRule)
def scope_rule_policy(user, action):
    return _term_q(user, action, "term__")


@policy(Round)
def round_policy(user, action):
    return _term_q(user, action, "term__")


@policy(Batch)
def batch_policy(user, action):
    return _term_q(user, action, "round__term__")
