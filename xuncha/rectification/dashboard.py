"""The rectification dashboard's figures, read from the summary tallies (tally.py).

Three grouped sums over the tallies of the inspections in scope, whatever their number:
problems by organisation and status (which also gives the levels and the totals), problems by
aspect title and status, and measures by organisation and status with their signed-off and
overdue parts; then the names of the organisations listed. The sums group by ids (no names in
the grouping) and the Python side touches each grouped row once, so a province's million
measures cost no more than their tally rows. Each figure is the one
`figures.rectification_figures` computes from the rows for the same filter, so that every
number can drill down to the figures page.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import Q, QuerySet, Sum

from xuncha.orgs.enums import OrgLevel
from xuncha.rectification.enums import MeasureStatus, ProblemStatus
from xuncha.rectification.figures import ProblemRates, overdue_q, signed_off_q
from xuncha.rectification.models import MeasureTally, ProblemTally

TOP = 50  # organisations listed; the rest are counted in a note

TALLY_APPROVED = Q(approved=True)  # how a tally row says "signed off" (figures.signed_off_q)

# the enums' `values` build a new list on each access: read them once, not once per row
PROBLEM_STATUSES = tuple(ProblemStatus.values)
MEASURE_STATUSES = tuple(MeasureStatus.values)
LEVELS = tuple(OrgLevel.values)


@dataclass(frozen=True)
class Rates(ProblemRates):
    """Problems of one group by derived status, with 完成率 and 整改率 (figures.rate)."""

    param: str  # the figures page's filter for this group, e.g. "level=district"
    label: str
    problems: int
    done: int
    basically_done: int
    not_done: int

    @classmethod
    def of(cls, param: dict, label: str, counts: Mapping[str, int]) -> "Rates":
        done, basic, not_done = (counts.get(s, 0) for s in PROBLEM_STATUSES)
        return cls(urlencode(param), label, done + basic + not_done, done, basic, not_done)


@dataclass
class MeasureCounts:
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURE_STATUSES, 0))
    signed_off: int = 0
    overdue: int = 0

    @property
    def measures(self) -> int:
        return sum(self.by_status.values())

    def add(self, status: str, measures: int, signed_off: int, overdue: int) -> None:
        self.by_status[status] += measures
        self.signed_off += signed_off
        self.overdue += overdue


@dataclass(frozen=True)
class OrganisationRow:
    rates: Rates
    level_label: str
    measures: MeasureCounts


@dataclass(frozen=True)
class Dashboard:
    total: Rates
    by_level: list[Rates]
    organisations: list[OrganisationRow]  # the TOP with most problems
    more_organisations: int
    by_aspect: list[Rates]
    measures: MeasureCounts


def _problems_by_organisation(tallies: QuerySet) -> tuple[dict[int, Counter], dict[int, str]]:
    """{organisation: Counter(status: problems)} and {organisation: level}. Grouped by ids and
    the short level only: names are read for the listed organisations alone."""
    counts: dict[int, Counter] = defaultdict(Counter)
    levels: dict[int, str] = {}
    rows = tallies.values_list("organisation_id", "organisation__level", "status").annotate(n=Sum("problems"))
    for org, level, status, n in rows.order_by():
        counts[org][status] += n
        levels[org] = level
    return counts, levels


def _problems_by_aspect(tallies: QuerySet) -> list[Rates]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for title, status, n in tallies.values_list("aspect__title", "status").annotate(n=Sum("problems")).order_by():
        counts[title][status] += n
    rows = [Rates.of({"aspect_title": title}, title, c) for title, c in counts.items()]
    return sorted(rows, key=lambda r: (-r.problems, r.label))


def _measures_by_organisation(tallies: QuerySet, *, today: date) -> dict[int, MeasureCounts]:
    counts: dict[int, MeasureCounts] = defaultdict(MeasureCounts)
    rows = (
        tallies.values_list("organisation_id", "status")
        .annotate(
            n=Sum("measures"),
            signed=Sum("measures", filter=signed_off_q(approved=TALLY_APPROVED)),
            overdue=Sum("measures", filter=overdue_q(today=today, approved=TALLY_APPROVED)),
        )
        .order_by()
    )
    for org, status, n, signed, overdue in rows:
        counts[org].add(status, n, signed or 0, overdue or 0)
    return counts


def _level_label(level: str) -> str:
    return str(OrgLevel(level).label) if level in LEVELS else level


def _listed(problems: dict[int, Counter], measures: dict[int, MeasureCounts], top: int) -> list[OrganisationRow]:
    """The `top` organisations with most problems (then most measures), with their names."""
    from xuncha.orgs.models import Organisation

    sizes = {org: sum(c.values()) for org, c in problems.items()}
    ranked = sorted(
        set(problems) | set(measures),
        key=lambda org: (-sizes.get(org, 0), -(measures[org].measures if org in measures else 0), org),
    )[:top]
    names = {
        pk: (name, level)
        for pk, name, level in Organisation.objects.filter(pk__in=ranked).values_list("pk", "name", "level")
    }
    empty = Counter()
    rows = [
        OrganisationRow(
            Rates.of({"organisation": org}, names[org][0], problems.get(org, empty)),
            _level_label(names[org][1]),
            measures.get(org) or MeasureCounts(),
        )
        for org in ranked
    ]
    rows.sort(key=lambda r: (-r.rates.problems, -r.measures.measures, r.rates.label))
    return rows


def dashboard_figures(inspections: QuerySet, *, today: date, top: int = TOP) -> Dashboard:
    """The dashboard over `inspections` (a queryset, used as a subquery). Four queries whatever
    the number of inspections: three grouped sums over the tallies and the names of the
    organisations listed."""
    scope = Q(inspection__in=inspections.values("pk"))
    problems, levels = _problems_by_organisation(ProblemTally.objects.filter(scope))
    measures = _measures_by_organisation(MeasureTally.objects.filter(scope), today=today)
    by_level: dict[str, Counter] = defaultdict(Counter)
    for org, counts in problems.items():
        by_level[levels[org]].update(counts)
    overall = MeasureCounts()
    for counts in measures.values():
        for status, n in counts.by_status.items():
            overall.by_status[status] += n
        overall.signed_off += counts.signed_off
        overall.overdue += counts.overdue
    listed = set(problems) | set(measures)
    return Dashboard(
        total=Rates.of({}, "", sum(by_level.values(), Counter())),  # a handful of levels, not every organisation
        by_level=[Rates.of({"level": lv}, _level_label(lv), by_level[lv]) for lv in LEVELS if lv in by_level],
        organisations=_listed(problems, measures, top),
        more_organisations=max(0, len(listed) - top),
        by_aspect=_problems_by_aspect(ProblemTally.objects.filter(scope)),
        measures=overall,
    )
