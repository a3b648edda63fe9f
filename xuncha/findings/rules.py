"""Findings are the team's working material: the office and the team see them. The feedback
tree is also read by reviewers and leadership in scope, and by the inspected organisation
once the feedback has been given (it rectifies those problems)."""

from django.db.models import Q
from django.utils import timezone

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, has_role, policy, scope_q
from xuncha.confidential.disclosure import confidential
from xuncha.findings.models import Aspect, Category, FeedbackRevision, Finding, Item, Problem
from xuncha.inspections.rules import INSPECTED, inspection_work_q


def _inspections(q: Q | None):
    from xuncha.inspections.models import Inspection

    return None if q is None else Inspection.objects.filter(q).values("pk")


def feedback_q(user, action: Action, prefix: str) -> Q | None:
    parts = []
    if action in (Action.VIEW, Action.EXPORT):
        if (ids := _inspections(_oversight_or_team(user))) is not None:
            parts.append(Q(**{f"{prefix}inspection__in": ids}))
        if inspected := scope_q(user, INSPECTED, f"{prefix}inspection__targets__organisation__path"):
            parts.append(inspected & Q(**{f"{prefix}inspection__feedback_on__lte": timezone.localdate()}))
    elif (ids := _inspections(inspection_work_q(user))) is not None:
        parts.append(Q(**{f"{prefix}inspection__in": ids}))
    result = None
    for part in parts:
        result = part if result is None else result | part
    return result


def _oversight_or_team(user) -> Q | None:
    """Inspection visibility without the inspected side's (they get feedback only once given)."""
    from xuncha.inspections.rules import OVERSIGHT, _any, _team_q, committee_q, entered_inspection_q

    parts = []
    if owner := committee_q(user, OVERSIGHT):
        parts.append(owner)
    if target := scope_q(user, OVERSIGHT, "organisation__path"):
        parts.append(entered_inspection_q(target))
    parts += _team_q(user)
    return _any(parts)


@policy(Finding)
def finding_policy(user, action):
    ids = _inspections(inspection_work_q(user))
    return None if ids is None else Q(inspection__in=ids)


@policy(Aspect)
def aspect_policy(user, action):
    return _distinct(Aspect, feedback_q(user, action, ""))


@policy(Item)
def item_policy(user, action):
    return _distinct(Item, feedback_q(user, action, "aspect__"))


@policy(Problem)
def problem_policy(user, action):
    return _distinct(Problem, feedback_q(user, action, ""))


@policy(FeedbackRevision)
def revision_policy(user, action):
    return _distinct(FeedbackRevision, feedback_q(user, Action.VIEW, ""))


def _distinct(model, q: Q | None) -> Q | None:
    """Joins through inspection targets can repeat rows; filter by primary key instead."""
    return None if q is None else Q(pk__in=model.objects.filter(q).values("pk"))


@policy(Category)
def category_policy(user, action):
    if action in (Action.VIEW, Action.EXPORT):
        return Q() if has_role(user, *Role.casework()) else None
    return Q() if has_role(user, Role.OFFICE) else None


def _finding_petitions(finding: Finding):
    return finding.petitions.all()


def _problem_petitions(problem: Problem):
    from xuncha.petitions.models import Petition

    return Petition.objects.filter(finding__problems=problem)


# Findings and feedback problems drawn from petitions carry no reporter's identity (the text
# travels to the feedback and the inspected organisation).
confidential(Finding, petitions=_finding_petitions)
confidential(Problem, petitions=_problem_petitions)


def feedback_opens(user, inspection) -> bool:
    """The feedback page of `inspection` opens for the office and the team (who draft it) and for
    whoever may read some of it (the inspected side once it is given, oversight)."""
    from xuncha.accounts.permissions import restrict
    from xuncha.inspections.rules import may_work

    return may_work(user, inspection) or restrict(Aspect.objects.filter(inspection=inspection), user).exists()
