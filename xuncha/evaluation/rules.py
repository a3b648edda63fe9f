"""Who may do what with evaluation schemes and evaluations.

* Schemes belong to an office (`owner`): office users whose scope covers the owner build, edit
  and copy them; oversight (office, reviewers, leadership) in that scope reads them.
* Evaluations belong to the term's committee: the office of that committee compiles, scores,
  submits and signs them off; reviewers and leadership of that committee read them (they review
  rectification beside the office, DOMAIN.md 三方联审, and leadership interviews laggards).
* The evaluated organisation's liaison reads its own evaluation once it is signed off, not
  before: the result is tied to its cadres' performance review (seed 003 "与村干部绩效挂钩",
  seed 002 "纳入绩效考评"), so the organisation is told the result and the deductions it can
  act on; drafts and scores still being entered stay with the office. Responsible units and
  other roles read nothing here. Everything out of scope is a 404.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, can, has_role, policy, scope_q
from xuncha.evaluation.enums import EvaluationStatus
from xuncha.evaluation.models import Consequence, EnteredFigure, Evaluation, Item, ItemScore, Plate, RaterGroup, Scheme
from xuncha.inspections.rules import OVERSIGHT, committee_q

READING = (Action.VIEW, Action.EXPORT)


def _either(*parts: Q | None) -> Q | None:
    found = [p for p in parts if p is not None]
    if not found:
        return None
    q = found[0]
    for part in found[1:]:
        q |= part
    return q


def scheme_q(user, action: Action) -> Q | None:
    roles = OVERSIGHT if action in READING else {Role.OFFICE}
    return scope_q(user, roles, "owner__path")


@policy(Scheme)
def scheme_policy(user, action):
    return scheme_q(user, action)


def _via(q: Q | None, model_prefix: str, queryset) -> Q | None:
    return None if q is None else Q(**{f"{model_prefix}__in": queryset.filter(q).values("pk")})


@policy(Plate)
def plate_policy(user, action):
    return _via(scheme_q(user, action), "scheme", Scheme.objects)


@policy(Item)
def item_policy(user, action):
    return _via(scheme_q(user, action), "plate__scheme", Scheme.objects)


@policy(RaterGroup)
def group_policy(user, action):
    return _via(scheme_q(user, action), "scheme", Scheme.objects)


def evaluation_q(user, action: Action) -> Q | None:
    if action not in READING:
        return committee_q(user, {Role.OFFICE})
    own = scope_q(user, {Role.LIAISON}, "organisation__path")
    if own is not None:
        own &= Q(status=EvaluationStatus.SIGNED_OFF)
    return _either(committee_q(user, OVERSIGHT), own)


@policy(Evaluation)
def evaluation_policy(user, action):
    return evaluation_q(user, action)


@policy(ItemScore)
def score_policy(user, action):
    return _via(evaluation_q(user, action), "evaluation", Evaluation.objects)


@policy(EnteredFigure)
def figure_policy(user, action):
    return _via(evaluation_q(user, action), "evaluation", Evaluation.objects)


@policy(Consequence)
def consequence_policy(user, action):
    return _via(evaluation_q(user, action), "evaluation", Evaluation.objects)


def may_edit_scheme(user, scheme: Scheme) -> bool:
    return can(user, Action.CHANGE, scheme)


def may_change(user, evaluation: Evaluation) -> bool:
    return can(user, Action.CHANGE, evaluation)


def may_read_evaluations(user) -> bool:
    """The menu and the list pages: oversight roles (a liaison reaches its own signed-off
    evaluations from the list too)."""
    return has_role(user, *OVERSIGHT, Role.LIAISON)


def may_run_evaluations(user) -> bool:
    """Building schemes and starting evaluations is the office's."""
    return has_role(user, Role.OFFICE)


def may_score(user, evaluation: Evaluation) -> bool:
    """Scores are entered while the evaluation is a draft, by whoever may change it."""
    from xuncha.evaluation.enums import EvaluationStatus

    return evaluation.status == EvaluationStatus.DRAFT and may_change(user, evaluation)
