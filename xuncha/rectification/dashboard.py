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

from django.core.exceptions import EmptyResultSet
from django.db.models import Q, QuerySet, Sum, Value

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


def _problems_by_level(tallies: QuerySet) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for level, status, n in tallies.values_list("organisation__level", "status").annotate(n=Sum("problems")).order_by():
        counts[level][status] += n
    return counts


def _problems_by_aspect(tallies: QuerySet) -> list[Rates]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for title, status, n in tallies.values_list("aspect__title", "status").annotate(n=Sum("problems")).order_by():
        counts[title][status] += n
    rows = [Rates.of({"aspect_title": title}, title, c) for title, c in counts.items()]
    return sorted(rows, key=lambda r: (-r.problems, r.label))


def _measures_by(tallies: QuerySet, key: str, *, today: date) -> dict:
    """{key value: MeasureCounts} (key "organisation_id"), or {status: ...} when key is "status"."""
    counts: dict = defaultdict(MeasureCounts)
    names = ("status",) if key == "status" else (key, "status")
    rows = (
        tallies.values_list(*names)
        .annotate(
            n=Sum("measures"),
            signed=Sum("measures", filter=signed_off_q(approved=TALLY_APPROVED)),
            overdue=Sum("measures", filter=overdue_q(today=today, approved=TALLY_APPROVED)),
        )
        .order_by()
    )
    for *group, status, n, signed, overdue in rows:
        counts[group[0] if group else status].add(status, n, signed or 0, overdue or 0)
    return counts


def _ranked(problem_tallies: QuerySet, measure_tallies: QuerySet, top: int) -> tuple[list[int], int]:
    """The `top` organisations with most problems, then most measures, then lowest id, and how
    many organisations have any tally at all: one grouped query over both tallies, so that only
    `top` rows leave the database however many organisations a province has."""
    from django.db import connection

    problems = problem_tallies.values("organisation_id").annotate(p=Sum("problems"), m=Value(0)).order_by()
    measures = measure_tallies.values("organisation_id").annotate(p=Value(0), m=Sum("measures")).order_by()
    try:
        problems_sql, problems_params = problems.query.sql_with_params()
        measures_sql, measures_params = measures.query.sql_with_params()
    except EmptyResultSet:  # a scope known to be empty (e.g. Inspection.objects.none())
        return [], 0
    sql = (
        "SELECT u.organisation_id, SUM(u.p), SUM(u.m), COUNT(*) OVER () FROM ("
        f"SELECT * FROM ({problems_sql}) pt UNION ALL SELECT * FROM ({measures_sql}) mt"
        ") u GROUP BY u.organisation_id ORDER BY 2 DESC, 3 DESC, 1 LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*problems_params, *measures_params, top])
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][3] if rows else 0)


def _level_label(level: str) -> str:
    return str(OrgLevel(level).label) if level in LEVELS else level


def _listed(ranked: list[int], problem_tallies: QuerySet, measure_tallies: QuerySet, *, today: date):
    """The listed organisations' rows, with their names: three small queries for `top` organisations."""
    from xuncha.orgs.models import Organisation

    problems: dict[int, Counter] = defaultdict(Counter)
    rows = problem_tallies.filter(organisation__in=ranked).values_list("organisation_id", "status")
    for org, status, n in rows.annotate(n=Sum("problems")).order_by():
        problems[org][status] += n
    measures = _measures_by(measure_tallies.filter(organisation__in=ranked), "organisation_id", today=today)
    names = {
        pk: (name, level)
        for pk, name, level in Organisation.objects.filter(pk__in=ranked).values_list("pk", "name", "level")
    }
    listed = [
        OrganisationRow(
            Rates.of({"organisation": org}, names[org][0], problems[org]),
            _level_label(names[org][1]),
            measures.get(org) or MeasureCounts(),
        )
        for org in ranked
    ]
    listed.sort(key=lambda r: (-r.rates.problems, -r.measures.measures, r.rates.label))
    return listed


def dashboard_figures(inspections: QuerySet, *, today: date, top: int = TOP) -> Dashboard:
    """The dashboard over `inspections` (a queryset, used as a subquery). Seven queries whatever
    the number of inspections, each a grouped sum that returns a handful of rows: problems by
    level, measures by status, problems by aspect, the ranking of the organisations, and the
    listed organisations' problems, measures and names."""
    scope = Q(inspection__in=inspections.values("pk"))
    problem_tallies = ProblemTally.objects.filter(scope)
    measure_tallies = MeasureTally.objects.filter(scope)
    by_level = _problems_by_level(problem_tallies)
    overall = MeasureCounts()
    for counts in _measures_by(measure_tallies, "status", today=today).values():
        for status, n in counts.by_status.items():
            overall.by_status[status] += n
        overall.signed_off += counts.signed_off
        overall.overdue += counts.overdue
    ranked, organisations = _ranked(problem_tallies, measure_tallies, top)
    return Dashboard(
        total=Rates.of({}, "", sum(by_level.values(), Counter())),
        by_level=[Rates.of({"level": lv}, _level_label(lv), by_level[lv]) for lv in LEVELS if lv in by_level],
        organisations=_listed(ranked, problem_tallies, measure_tallies, today=today),
        more_organisations=max(0, organisations - top),
        by_aspect=_problems_by_aspect(problem_tallies),
        measures=overall,
    )
