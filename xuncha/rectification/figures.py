"""Rectification figures, each computed from rows and each with the filter that drills down
to them (DOMAIN.md, "Figures and how they are computed").

- 问题整改完成率 = done problems ÷ all problems (seed 004: 30 ÷ 35 = 85.71%)
- 整改率 = (done + basically done) ÷ all problems (stated as such; seed 000's 99.71%)
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
    """The two rates of problems by derived status; the class provides `problems`, `done`
    and `basically_done`."""

    @property
    def completion_rate(self) -> Decimal | None:
        """问题整改完成率: done ÷ all."""
        return rate(self.done, self.problems)

    @property
    def rectification_rate(self) -> Decimal | None:
        """整改率 as DOMAIN.md defines it by default: (done + basically done) ÷ all."""
        return rate(self.done + self.basically_done, self.problems)


@dataclass(frozen=True)
class RectificationFigures(ProblemRates):
    problems: int
    done: int
    basically_done: int
    not_done: int
    measures_by_status: dict[str, int]
    measures: int
    overdue: int
    regulations: int
    rebounds: int
    flags_open: int
    flags_total: int
    extensions: int  # approved later deadlines (延期), `MeasureChange.extends_deadline`


def overdue_measures(measures: QuerySet[Measure], *, today: date) -> QuerySet[Measure]:
    return measures.filter(overdue_q(today=today))


def rectification_figures(problems: QuerySet[Problem], measures: QuerySet[Measure], *, today: date):
    # grouping by an aggregate-based annotation is not portable SQL: count the derived statuses
    # of the rows instead (one query; one short string per problem)
    statuses = Counter(with_status(problems).values_list("derived_status", flat=True))
    by_status = dict(measures.values_list("status").annotate(n=Count("pk")).order_by())
    flags = Flag.objects.filter(Q(measure__in=measures.values("pk")) | Q(problem__in=problems.values("pk")))
    return RectificationFigures(
        problems=sum(statuses.values()),
        done=statuses.get(ProblemStatus.DONE, 0),
        basically_done=statuses.get(ProblemStatus.BASICALLY_DONE, 0),
        not_done=statuses.get(ProblemStatus.NOT_DONE, 0),
        measures_by_status={s.value: by_status.get(s.value, 0) for s in MeasureStatus},
        measures=sum(by_status.values()),
        overdue=overdue_measures(measures, today=today).count(),
        regulations=Regulation.objects.filter(measure__in=measures.values("pk")).count(),
        rebounds=Rebound.objects.filter(problem__in=problems.values("pk")).count(),
        flags_open=flags.filter(cleared_at__isnull=True).count(),
        flags_total=flags.count(),
        extensions=MeasureChange.objects.filter(
            measure__in=measures.values("pk"), status=ChangeStatus.APPROVED, extends_deadline=True
        ).count(),
    )
