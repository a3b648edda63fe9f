"""Derived statuses (DOMAIN.md, status rules), as SQL so that boards and figures stay fast.

A measure counts as done when it is done or ongoing (its stage target met) and signed off.
A problem is done when every measure of it counts as done; basically done when every measure
is at least basically done (basically done, or done/ongoing awaiting sign-off); otherwise,
including a problem with no measure, not done.
"""

from django.db.models import Case, Count, F, Q, QuerySet, Value, When

from xuncha.rectification.enums import MeasureStatus, ProblemStatus, SignOff

_ACTIVE = Q(measures__archived_at__isnull=True)
_DONE = _ACTIVE & Q(measures__status__in=list(MeasureStatus.sign_off_states()), measures__sign_off=SignOff.APPROVED)
_AT_LEAST_BASIC = _ACTIVE & Q(
    measures__status__in=[MeasureStatus.BASICALLY_DONE, MeasureStatus.DONE, MeasureStatus.ONGOING]
)


def with_status(problems: QuerySet) -> QuerySet:
    """Annotate problems with `measure_count`, `done_count` and the derived `derived_status`."""
    return problems.annotate(
        measure_count=Count("measures", filter=_ACTIVE, distinct=True),
        done_count=Count("measures", filter=_DONE, distinct=True),
        basic_count=Count("measures", filter=_AT_LEAST_BASIC, distinct=True),
    ).annotate(
        derived_status=Case(
            When(measure_count=0, then=Value(ProblemStatus.NOT_DONE.value)),
            When(done_count=F("measure_count"), then=Value(ProblemStatus.DONE.value)),
            When(basic_count=F("measure_count"), then=Value(ProblemStatus.BASICALLY_DONE.value)),
            default=Value(ProblemStatus.NOT_DONE.value),
        )
    )


def problem_status(problem) -> ProblemStatus:
    """The derived status of one problem (same rule, for a single row)."""
    annotated = with_status(type(problem).objects.filter(pk=problem.pk)).get()
    return ProblemStatus(annotated.derived_status)
