"""Findings are the team's working material: the office and the team see them. The feedback
tree is also read by reviewers and leadership in scope, and by the inspected organisation
once the feedback has been given (it rectifies those problems): each inspected organisation
reads only the problems concerning it (`Problem.organisation`), and the aspects and items
that hold them, never the whole inspection, which may inspect several organisations.

Oversight reads an inspection whole only through the inspecting committee (the term's owner
in its scope). Oversight granted inside an inspected organisation (a district's discipline
reviewer or leadership under a city's inspection of two districts) reads that organisation's
share, as its liaison does, from entry rather than from feedback (`oversight_share_q`)."""

from django.db.models import Q
from django.utils import timezone

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, has_role, policy, remembered_per_user, scope_q
from xuncha.confidential.disclosure import confidential
from xuncha.findings.models import Aspect, Category, FeedbackRevision, Finding, Item, Problem
from xuncha.inspections.rules import INSPECTED, inspection_work_q


def _inspections(q: Q | None):
    from xuncha.inspections.models import Inspection

    return None if q is None else Inspection.objects.filter(q).values("pk")


def feedback_q(user, action: Action, prefix: str) -> Q | None:
    """The whole feedback of an inspection: oversight and the team read it, the office and the
    team write it. The inspected side's share is `own_problems_q`."""
    if action in (Action.VIEW, Action.EXPORT):
        ids = _inspections(_oversight_or_team(user))
    else:
        ids = _inspections(inspection_work_q(user))
    return None if ids is None else Q(**{f"{prefix}inspection__in": ids})


@remembered_per_user  # built once per request (issue 19)
def oversight_share_q(user, prefix: str = "") -> Q | None:
    """Rows with an inspected organisation and an inspection (problems, plans) that oversight
    granted inside an inspected organisation reads: those of organisations in its scope, once
    the inspection has entered. Never the whole inspection, whose other targets are not its
    business (`_oversight_or_team` keeps whole reading to the inspecting committee)."""
    from xuncha.inspections.rules import OVERSIGHT

    share = scope_q(user, OVERSIGHT, f"{prefix}organisation__path")
    entered = Q(**{f"{prefix}inspection__entry_on__lte": timezone.localdate()})
    return None if share is None else share & entered


def _share_problems_q(user, action: Action) -> Q | None:
    """The problems read in part: the inspected side's own and oversight's share."""
    if action not in (Action.VIEW, Action.EXPORT):
        return None
    return _either(own_problems_q(user), oversight_share_q(user))


@remembered_per_user  # built once per request (issue 19)
def own_problems_q(user, prefix: str = "") -> Q | None:
    """The problems an inspected organisation's liaison or unit reads: those concerning an
    organisation in its scope (`Problem.organisation`, the inspected organisation whose plan
    rectifies it), once the feedback has been given. Never through the inspection's targets:
    an inspection of two organisations would show each the other's problems. Measures and plans
    draw the same line through their plan's organisation (`rectification.rules.plan_q`)."""
    own = scope_q(user, INSPECTED, f"{prefix}organisation__path")
    return None if own is None else own & Q(**{f"{prefix}inspection__feedback_on__lte": timezone.localdate()})


def _own_aspects(user, action: Action) -> Q | None:
    """The aspects read in part (an inspected organisation, oversight inside one): those
    holding one of the problems read, and headings no problem stands under yet (the whole
    feedback's: read by each inspected organisation once given, by oversight inside one once
    entered); never an aspect holding only another organisation's problems."""
    problems = _share_problems_q(user, action)
    if problems is None:
        return None
    from xuncha.inspections.rules import OVERSIGHT

    headings = _either(
        _and(
            scope_q(user, INSPECTED, "inspection__targets__organisation__path"),
            Q(inspection__feedback_on__lte=timezone.localdate()),
        ),
        _and(
            scope_q(user, OVERSIGHT, "inspection__targets__organisation__path"),
            Q(inspection__entry_on__lte=timezone.localdate()),
        ),
    )
    held = Q(pk__in=Problem.objects.filter(problems).values("aspect_id"))
    if headings is None:
        return held
    empty = Aspect.objects.filter(headings, problems__isnull=True).values("pk")
    return held | Q(pk__in=empty)


def _own_items(user, action: Action) -> Q | None:
    """The items read in part: those holding one of the problems read, and items without a
    problem under an aspect read."""
    aspects = _own_aspects(user, action)
    if aspects is None:
        return None
    held = Problem.objects.filter(_share_problems_q(user, action)).values("item_id")
    empty = Item.objects.filter(problems__isnull=True, aspect__in=Aspect.objects.filter(aspects).values("pk"))
    return Q(pk__in=held) | Q(pk__in=empty.values("pk"))


def _and(a: Q | None, b: Q) -> Q | None:
    return None if a is None else a & b


def _either(*parts: Q | None) -> Q | None:
    result = None
    for part in parts:
        if part is not None:
            result = part if result is None else result | part
    return result


@remembered_per_user  # built once per request (issue 19)
def _oversight_or_team(user) -> Q | None:
    """The inspections read whole: oversight of the inspecting committee and the team. Oversight
    inside an inspected organisation reads its share only (`oversight_share_q`)."""
    from xuncha.inspections.rules import OVERSIGHT, _any, _team_q, committee_q

    parts = []
    if owner := committee_q(user, OVERSIGHT):
        parts.append(owner)
    parts += _team_q(user)
    return _any(parts)


@policy(Finding)
def finding_policy(user, action):
    ids = _inspections(inspection_work_q(user))
    return None if ids is None else Q(inspection__in=ids)


# Each filter follows foreign keys and subqueries only (no join through the inspection's
# targets), so it matches a row once and applies directly.
@policy(Aspect)
def aspect_policy(user, action):
    return _either(feedback_q(user, action, ""), _own_aspects(user, action))


@policy(Item)
def item_policy(user, action):
    return _either(feedback_q(user, action, "aspect__"), _own_items(user, action))


@policy(Problem)
def problem_policy(user, action):
    return _either(feedback_q(user, action, ""), _share_problems_q(user, action))


@policy(FeedbackRevision)
def revision_policy(user, action):
    # a correction's reason may name any inspected organisation's problem: oversight and the
    # team read the feedback's history as a whole
    return feedback_q(user, Action.VIEW, "")


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
