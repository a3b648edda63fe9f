"""Rectification figures, each computed from rows and each with the filter that drills down
to them (DOMAIN.md, "Figures and how they are computed").

- 问题整改完成率 = done problems ÷ all problems (seed 004: 30 ÷ 35 = 85.71%)
- 整改率 = (done + basically done) ÷ all problems (stated as such; seed 000's 99.71%)

"All problems" in both rates are the problems whose status is known: a problem imported from a
report that states no status for it (status "not stated", seed 001) is left out of the
denominator, counted apart (`not_stated`), and the pages say so beside the rates, with a link
to those problems. It is never counted as not done.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from xuncha.findings.models import Problem
from xuncha.rectification.deadlines import overdue_q
from xuncha.rectification.enums import ChangeStatus, MeasureStatus, ProblemStatus
from xuncha.rectification.models import Flag, Measure, MeasureChange, Rebound, Regulation
from xuncha.rectification.status import with_status


def rate(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class ProblemRates:
    """The two rates of problems by derived status; the class provides `problems` (all, the
    not-stated ones included), `done`, `basically_done` and `not_stated`."""

    @property
    def rated(self) -> int:
        """The problems the rates count: all but those whose status is not stated."""
        return self.problems - self.not_stated

    @property
    def completion_rate(self) -> Decimal | None:
        """问题整改完成率: done ÷ the problems whose status is known."""
        return rate(self.done, self.rated)

    @property
    def rectification_rate(self) -> Decimal | None:
        """整改率 as DOMAIN.md defines it by default: (done + basically done) ÷ the problems
        whose status is known."""
        return rate(self.done + self.basically_done, self.rated)


@dataclass(frozen=True)
class NotStated:
    """The not-stated problems of one inspection in a figure's scope: the note beside the
    rates links to them on the inspection's board."""

    inspection_id: int
    title: str
    problems: int


@dataclass(frozen=True)
class RectificationFigures(ProblemRates):
    problems: int
    done: int
    basically_done: int
    not_done: int
    not_stated: int  # status not stated (imported): out of the rates
    measures_by_status: dict[str, int]
    measures: int
    overdue: int
    regulations: int
    rebounds: int
    flags_open: int
    flags_total: int
    extensions: int  # approved later deadlines (延期), `MeasureChange.extends_deadline`
    not_stated_by_inspection: tuple[NotStated, ...] = ()


def overdue_measures(measures: QuerySet[Measure], *, today: date) -> QuerySet[Measure]:
    return measures.filter(overdue_q(today=today))


def rectification_figures(problems: QuerySet[Problem], measures: QuerySet[Measure], *, today: date):
    # grouping by an aggregate-based annotation is not portable SQL: count the derived statuses
    # of the rows instead (one query; one short string per problem)
    by_inspection = Counter(with_status(problems).values_list("inspection_id", "derived_status"))
    statuses = Counter()
    for (_inspection, status), n in by_inspection.items():
        statuses[status] += n
    # the measures by status with their overdue ones, and the red cards open and in all: one
    # grouped query each, not one per count (each count compiles and runs the scope again)
    by_status, overdue = {}, 0
    late = Count("pk", filter=overdue_q(today=today))
    for status, n, late_n in measures.values_list("status").annotate(n=Count("pk"), late=late).order_by():
        by_status[status] = n
        overdue += late_n
    flags = Flag.objects.filter(Q(measure__in=measures.values("pk")) | Q(problem__in=problems.values("pk")))
    flag_counts = flags.aggregate(total=Count("pk"), open=Count("pk", filter=Q(cleared_at__isnull=True)))
    return RectificationFigures(
        problems=sum(statuses.values()),
        done=statuses.get(ProblemStatus.DONE, 0),
        basically_done=statuses.get(ProblemStatus.BASICALLY_DONE, 0),
        not_done=statuses.get(ProblemStatus.NOT_DONE, 0),
        not_stated=statuses.get(ProblemStatus.NOT_STATED, 0),
        measures_by_status={s.value: by_status.get(s.value, 0) for s in MeasureStatus},
        measures=sum(by_status.values()),
        overdue=overdue,
        regulations=Regulation.objects.filter(measure__in=measures.values("pk")).count(),
        rebounds=Rebound.objects.filter(problem__in=problems.values("pk")).count(),
        flags_open=flag_counts["open"],
        flags_total=flag_counts["total"],
        extensions=MeasureChange.objects.filter(
            measure__in=measures.values("pk"), status=ChangeStatus.APPROVED, extends_deadline=True
        ).count(),
        not_stated_by_inspection=_not_stated(by_inspection),
    )


def _not_stated(by_inspection: Counter) -> tuple[NotStated, ...]:
    """The inspections with not-stated problems, with their titles (one query, only when there
    are any)."""
    from xuncha.inspections.models import Inspection

    counts = {pk: n for (pk, status), n in by_inspection.items() if status == ProblemStatus.NOT_STATED}
    if not counts:
        return ()
    titles = dict(Inspection.objects.filter(pk__in=counts).values_list("pk", "title"))
    return tuple(NotStated(pk, titles.get(pk, ""), counts[pk]) for pk in sorted(counts))
