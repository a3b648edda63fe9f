"""The register's figures: issued documents per year and kind (seed 002: 3份要情专报、23份专题报告、
43份抄告单), with replies awaited, overdue and given, each counted from the rows a user may see
and linked to the list of exactly those rows."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from xuncha.results.enums import ResultKind, ResultStatus
from xuncha.results.lists import overdue_q


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class YearFigures:
    year: int
    by_kind: list[KindCount]  # every kind, in the enum's order, zeros included
    total: int
    awaiting: int  # a reply required and not yet given, not overdue
    overdue: int
    replied: int


def register_figures(rows, *, today: date) -> list[YearFigures]:
    """Issued (numbered) documents among `rows`, per year of issue, latest year first."""
    issued = rows.exclude(status=ResultStatus.DRAFT).filter(archived_at__isnull=True).order_by()
    per_kind: dict[int, dict[str, int]] = {}
    for year, kind, n in issued.values_list("year", "kind").annotate(n=Count("pk")):
        per_kind.setdefault(year, {})[kind] = n
    replies = {
        row["year"]: row
        for row in issued.values("year").annotate(
            overdue=Count("pk", filter=overdue_q(today)),
            awaiting=Count("pk", filter=Q(status=ResultStatus.ISSUED, reply_required=True) & ~overdue_q(today)),
            replied=Count("pk", filter=Q(status=ResultStatus.REPLIED)),
        )
    }
    result = []
    for year in sorted(per_kind, reverse=True):
        counts = per_kind[year]
        result.append(
            YearFigures(
                year=year,
                by_kind=[KindCount(k.value, str(k.label), counts.get(k.value, 0)) for k in ResultKind],
                total=sum(counts.values()),
                awaiting=replies[year]["awaiting"],
                overdue=replies[year]["overdue"],
                replied=replies[year]["replied"],
            )
        )
    return result
