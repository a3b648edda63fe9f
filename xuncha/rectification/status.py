"""Derived statuses (DOMAIN.md, status rules), as SQL so that boards and figures stay fast.

A measure counts towards its problem's completion when it is reported done, or when it is
ongoing (长期坚持: it has no end) and its stage target was signed off: DOMAIN.md asks sign-off
of the ongoing measure's stage result, not of a done measure, for the problem to count as done.
A problem is done when every measure of it counts as done; basically done when every measure
is at least basically done (basically done, or ongoing awaiting sign-off); otherwise,
including a problem with no measure, not done.

A measure imported from a published report that states no status for it (seed 001's progress
paragraphs) is "not stated". Its problem is not stated when the measures whose status is known
do not decide it: every one of them is at least basically done (or there is none), and at
least one measure is not stated. A known measure below basically done already makes the
problem not done, whatever the others are. Not-stated problems are left out of the rates
(`figures.ProblemRates`) and shown as such, never as not done.

Why a done measure awaiting sign-off makes its problem done, not basically done: the unit's
"已完成" must read "已完成" on the board and in the rates (完成率 = done ÷ all). Counting it as
basically done showed 整改率 100% beside 完成率 0% and listed the problem under "基本完成的
整改事项" in the progress report, a status nobody reported. Sign-off (销号) is a separate,
later review: a returned sign-off sends the measure back to in progress (and the problem with
it), and until it is signed off the measure stays open for deadlines and warnings
(`deadlines.py`), so the board shows such a problem green with its overdue badge.
"""

from django.db.models import Case, Count, F, Q, QuerySet, Value, When

from xuncha.rectification.enums import MeasureStatus, ProblemStatus, SignOff

_ACTIVE = Q(measures__archived_at__isnull=True)
_DONE = _ACTIVE & (
    Q(measures__status=MeasureStatus.DONE)
    | Q(measures__status=MeasureStatus.ONGOING, measures__sign_off=SignOff.APPROVED)
)
_AT_LEAST_BASIC = _ACTIVE & Q(
    measures__status__in=[MeasureStatus.BASICALLY_DONE, MeasureStatus.DONE, MeasureStatus.ONGOING]
)
_NOT_STATED = _ACTIVE & Q(measures__status=MeasureStatus.NOT_STATED)


def with_status(problems: QuerySet) -> QuerySet:
    """Annotate problems with `measure_count`, `done_count`, `not_stated_count` and the derived
    `derived_status`."""
    return problems.annotate(
        measure_count=Count("measures", filter=_ACTIVE, distinct=True),
        done_count=Count("measures", filter=_DONE, distinct=True),
        basic_count=Count("measures", filter=_AT_LEAST_BASIC, distinct=True),
        not_stated_count=Count("measures", filter=_NOT_STATED, distinct=True),
    ).annotate(
        derived_status=Case(
            When(measure_count=0, then=Value(ProblemStatus.NOT_DONE.value)),
            When(done_count=F("measure_count"), then=Value(ProblemStatus.DONE.value)),
            When(basic_count=F("measure_count"), then=Value(ProblemStatus.BASICALLY_DONE.value)),
            When(
                Q(not_stated_count__gt=0, measure_count=F("basic_count") + F("not_stated_count")),
                then=Value(ProblemStatus.NOT_STATED.value),
            ),
            default=Value(ProblemStatus.NOT_DONE.value),
        )
    )


def problem_status(problem) -> ProblemStatus:
    """The derived status of one problem (same rule, for a single row)."""
    annotated = with_status(type(problem).objects.filter(pk=problem.pk)).get()
    return ProblemStatus(annotated.derived_status)
