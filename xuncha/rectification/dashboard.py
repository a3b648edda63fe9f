"""The rectification dashboard's figures, read from the summary tallies (xuncha/tallies).

The inspections in scope are split (`_split`) into whole terms, read from the term tallies
(one row per organisation and term, and short rows by aspect title and by measure status and
deadline), and the inspections left over, read from their own tallies. Every figure is a
grouped sum in the database that returns a handful of rows: problems by level, measures by
status with their signed-off and overdue parts, problems by aspect title, and a ranking of the
organisations that returns only the `top` listed ones, with their names and problems by status
(and the count of the others); the listed organisations' measures then come from their
inspection tallies. A province's dashboard
over every term thus reads its term rows, not the tallies of 25,000 inspections. Each figure is
the one `figures.rectification_figures` computes from the rows for the same filter, so that
every number can drill down to the figures page.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Sum, Value

from xuncha.orgs.enums import OrgLevel
from xuncha.rectification.deadlines import done_q, overdue_q
from xuncha.rectification.enums import MeasureStatus, ProblemStatus
from xuncha.rectification.figures import ProblemRates
from xuncha.rectification.models import (
    MeasureTally,
    ProblemTally,
    TermAspectTally,
    TermMeasureTally,
    TermTally,
    TermTallyMember,
)

TOP = 50  # organisations listed; the rest are counted in a note

TALLY_APPROVED = Q(approved=True)  # how a tally row says "signed off" (deadlines.done_q)

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
    not_stated: int  # status not stated (imported): counted in `problems`, out of the rates

    @classmethod
    def of(cls, param: dict, label: str, counts: Mapping[str, int]) -> "Rates":
        done, basic, not_done, not_stated = (counts.get(s, 0) for s in PROBLEM_STATUSES)
        return cls(urlencode(param), label, done + basic + not_done + not_stated, done, basic, not_done, not_stated)


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


@dataclass(frozen=True)
class _Scope:
    """The inspections in scope as whole terms (read from the term tallies) and the rest (read
    from the inspection tallies): together exactly the inspections in scope, each once."""

    whole_terms: list[int]
    rest: Q | None  # a filter of inspection tallies, None when no inspection is left over

    def inspection_tallies(self) -> Q:
        """The same scope over inspection tallies, for the listed organisations' rows."""
        whole = Q(inspection__term_id__in=self.whole_terms)
        return whole if self.rest is None else whole | self.rest

    def rest_of(self, model) -> QuerySet:
        return model.objects.none() if self.rest is None else model.objects.filter(self.rest)


REST_LISTED = 2_000  # up to this many inspections left over are passed by id, more as a subquery
# up to this many inspections in scope (a city's term has about 160) are read once and passed by
# id to the split's queries; beyond it (a province's terms together) reading them would cost more
# than compiling the scope again, and the read stops at this many
SCOPE_LISTED = 500


@dataclass(frozen=True)
class Part:
    """Inspections of the scope read in part: all but `whole` (a queryset of primary keys),
    whose tallies count only the organisations matching `organisations` (a filter on the
    tallies' inspected organisation). Oversight granted inside an inspected organisation reads
    its share of a city's inspection of several, never the whole (`findings.rules`)."""

    whole: QuerySet
    organisations: Q


def _split(inspections: QuerySet, part: Part | None = None) -> _Scope:
    """Terms read whole, and the inspections in scope outside them. A term is read whole when
    every inspection of it is in scope (archived ones too, since the term tallies count them
    all) and its term rows were rolled up from exactly those inspections (`TermTallyMember`:
    an inspection moved outside the domain functions, by QuerySet.update or SQL, leaves its old term's
    rows counting it, and those rows must then not be read for anyone). Two queries; for a
    province's office every term is whole. The inspections read in part (`part`) are never in
    a whole term and add their share of the tallies to the rest."""
    from xuncha.inspections.models import Inspection
    from xuncha.plans.models import Term

    # the scope once, when it is small (a city's term): each inspection's key, term and whether
    # it is read whole, so that the queries below carry lists instead of compiling and running
    # the permission scope's subqueries again each (a province's terms together are read as
    # subqueries: listing them would cost more, and the read stops at SCOPE_LISTED + 1)
    in_whole = Value(True) if part is None else ExpressionWrapper(Q(pk__in=part.whole), BooleanField())
    listed = list(inspections.order_by().values_list("pk", "term_id", in_whole)[: SCOPE_LISTED + 1])
    partial: Q | None = None  # the inspections read in part, as a filter of their tallies
    if len(listed) <= SCOPE_LISTED:
        inspections = Inspection.objects.filter(pk__in=[pk for pk, _, whole in listed if whole])
        if partial_keys := [pk for pk, _, whole in listed if not whole]:
            partial = Q(inspection_id__in=partial_keys)
        touched = sorted({term for _, term, whole in listed if whole})
    else:
        listed = None
        if part is not None:
            if (read_in_part := inspections.exclude(pk__in=part.whole)).exists():
                partial = Q(inspection__in=read_in_part.values("pk"))
            inspections = inspections.filter(pk__in=part.whole)
        # the terms the scope touches, as a list: the checks below then probe those terms' rows
        # by index (a city's term: 0.13 -> 0.08 s at scale 20) instead of anti-joining whole tables
        touched = list(inspections.order_by().values_list("term_id", flat=True).distinct())
    scope = inspections.values("pk")
    of_term = Inspection.objects.filter(term=OuterRef("pk"))
    # terms whose rows are not exactly their inspections': one not rolled up into its term,
    # or one rolled up into a term it has left (each set computed once, not per term)
    rolled_up_here = TermTallyMember.objects.filter(inspection=OuterRef("pk"), term=OuterRef("term"))
    unrolled = Inspection.objects.filter(term__in=touched).exclude(Exists(rolled_up_here)).values("term")
    moved_out = TermTallyMember.objects.filter(term__in=touched).exclude(inspection__term=F("term")).values("term")
    whole = list(
        Term.objects.filter(pk__in=touched)
        .exclude(Exists(of_term.exclude(pk__in=scope)))
        .exclude(pk__in=unrolled)
        .exclude(pk__in=moved_out)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rest = None
    if listed is not None:  # fewer than REST_LISTED: passed by key
        read_whole = set(whole)
        if ids := [pk for pk, term, is_whole in listed if is_whole and term not in read_whole]:
            rest = Q(inspection_id__in=ids)
    else:
        left = inspections.exclude(term_id__in=whole)
        ids = list(left.order_by().values_list("pk", flat=True)[: REST_LISTED + 1])
        if len(ids) > REST_LISTED:
            rest = Q(inspection__in=left.values("pk"))
        elif ids:
            rest = Q(inspection_id__in=ids)
    if partial is not None:
        share = partial & part.organisations
        rest = share if rest is None else rest | share
    return _Scope(whole, rest)


def _problems_by_level(scope: _Scope) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    terms = TermTally.objects.filter(term__in=scope.whole_terms).values_list("organisation__level")
    for level, *by_status in terms.annotate(
        done=Sum("done"), basic=Sum("basically_done"), not_done=Sum("not_done"), not_stated=Sum("not_stated")
    ).order_by():
        counts[level].update(dict(zip(PROBLEM_STATUSES, by_status, strict=True)))
    rest = scope.rest_of(ProblemTally).values_list("organisation__level", "status").annotate(n=Sum("problems"))
    for level, status, n in rest.order_by():
        counts[level][status] += n
    return counts


def _problems_by_aspect(scope: _Scope) -> list[Rates]:
    counts: dict[str, Counter] = defaultdict(Counter)
    terms = TermAspectTally.objects.filter(term__in=scope.whole_terms).values_list("aspect_title", "status")
    rest = scope.rest_of(ProblemTally).values_list("aspect__title", "status")
    for rows in (terms, rest):
        for title, status, n in rows.annotate(n=Sum("problems")).order_by():
            counts[title][status] += n
    rows = [Rates.of({"aspect_title": title}, title, c) for title, c in counts.items() if sum(c.values())]
    return sorted(rows, key=lambda r: (-r.problems, r.label))


def _measures_by(tallies: QuerySet, key: str, *, today: date, into: dict | None = None) -> dict:
    """{key value: MeasureCounts} (key "organisation_id"), or {status: ...} when key is "status",
    added to `into` if given. `tallies`: inspection or term measure tallies."""
    counts: dict = defaultdict(MeasureCounts) if into is None else into
    names = ("status",) if key == "status" else (key, "status")
    rows = (
        tallies.values_list(*names)
        .annotate(
            n=Sum("measures"),
            signed=Sum("measures", filter=done_q(approved=TALLY_APPROVED)),
            overdue=Sum("measures", filter=overdue_q(today=today, approved=TALLY_APPROVED, archived=False)),
        )
        .order_by()
    )
    for *group, status, n, signed, overdue in rows:
        counts[group[0] if group else status].add(status, n, signed or 0, overdue or 0)
    return counts


@dataclass(frozen=True)
class _Ranked:
    """A listed organisation: its name and level, and its problems by status."""

    name: str
    level: str
    problems: dict[str, int]


def _ranked(scope: _Scope, top: int) -> tuple[dict[int, _Ranked], int]:
    """The `top` organisations with most problems, then most measures, then lowest id, in that
    order, with their problems by status, and how many organisations have any tally at all: one
    grouped query over the term rows of the whole terms and the inspection rows of the rest, so
    that only `top` rows leave the database however many organisations a province has."""
    from django.db.models import Case, IntegerField, When

    from xuncha.orgs.models import Organisation

    def by_status(status):  # an inspection tally row's problems in one status column
        return Sum(Case(When(status=status, then=F("problems")), default=Value(0), output_field=IntegerField()))

    statuses = PROBLEM_STATUSES  # also the term rows' columns (TermTally.done, ...)
    zero = Value(0, output_field=IntegerField())
    parts = [
        TermTally.objects.filter(term__in=scope.whole_terms)
        .values("organisation_id")
        .annotate(**{f"p_{s}": Sum(s) for s in statuses}, m=Sum("measures")),
        scope.rest_of(ProblemTally)
        .values("organisation_id")
        .annotate(**{f"p_{s}": by_status(s) for s in statuses}, m=zero),
        scope.rest_of(MeasureTally)
        .values("organisation_id")
        .annotate(**{f"p_{s}": zero for s in statuses}, m=Sum("measures")),
    ]
    selects, params = [], []
    for part in parts:
        try:
            sql, part_params = part.order_by().query.sql_with_params()
        except EmptyResultSet:  # nothing in this part (no whole term, or nothing left over)
            continue
        selects.append(f"SELECT * FROM ({sql}) part{len(selects)}")
        params.extend(part_params)
    if not selects:
        return {}, 0
    organisations = connection.ops.quote_name(Organisation._meta.db_table)
    sums = ", ".join(f"SUM(u.p_{s}) AS p_{s}" for s in statuses)
    total = " + ".join(f"SUM(u.p_{s})" for s in statuses)
    # the names of the listed organisations only, joined after the LIMIT
    sql = (
        f"SELECT r.organisation_id, o.name, o.level, r.organisations, {', '.join(f'r.p_{s}' for s in statuses)} FROM ("
        f"SELECT u.organisation_id, {sums}, {total} AS p, SUM(u.m) AS m, COUNT(*) OVER () AS organisations "
        f"FROM ({' UNION ALL '.join(selects)}) u GROUP BY u.organisation_id ORDER BY p DESC, m DESC, 1 LIMIT %s"
        f") r INNER JOIN {organisations} o ON o.id = r.organisation_id ORDER BY r.p DESC, r.m DESC, r.organisation_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, top])
        rows = cursor.fetchall()
    ranked = {
        pk: _Ranked(name, level, dict(zip(statuses, counts, strict=True)))
        for pk, name, level, _organisations, *counts in rows
    }
    return ranked, (rows[0][3] if rows else 0)


def _level_label(level: str) -> str:
    return str(OrgLevel(level).label) if level in LEVELS else level


def _listed(ranked: dict[int, _Ranked], scope: _Scope, *, today: date) -> list[OrganisationRow]:
    """The listed organisations' rows (`ranked`: their names, levels and problems), with their
    measures: one small query for `top` organisations, from their inspection tallies (by the
    organisation's index; overdue needs the deadlines, which the term rows do not keep by
    organisation)."""
    tallies = scope.inspection_tallies() & Q(organisation__in=list(ranked))
    measures = _measures_by(MeasureTally.objects.filter(tallies), "organisation_id", today=today)
    listed = [
        OrganisationRow(
            Rates.of({"organisation": org}, row.name, row.problems),
            _level_label(row.level),
            measures.get(org) or MeasureCounts(),
        )
        for org, row in ranked.items()
    ]
    listed.sort(key=lambda r: (-r.rates.problems, -r.measures.measures, r.rates.label))
    return listed


@contextmanager
def _one_snapshot():
    """The split and the sums in one transaction, on PostgreSQL in one snapshot (REPEATABLE
    READ): under READ COMMITTED each statement sees the latest commits, and an inspection moved
    into a whole term between the split and the sums would be counted for a user who may not
    see it. SQLite's transaction holds its lock for the ~50 ms of the sums. Inside a caller's
    transaction (tests, or a view that has one) its isolation applies."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def dashboard_figures(inspections: QuerySet, *, today: date, top: int = TOP, part: Part | None = None) -> Dashboard:
    """The dashboard over `inspections` (a queryset), those outside `part.whole` counted only
    for `part.organisations`. Whole terms in scope are read from the term tallies, the other
    inspections from theirs (`_split`); about a dozen queries whatever the number of
    inspections, each a grouped sum that returns a handful of rows."""
    with _one_snapshot():
        return _figures(inspections, today=today, top=top, part=part)


def _figures(inspections: QuerySet, *, today: date, top: int, part: Part | None) -> Dashboard:
    scope = _split(inspections, part)
    by_level = _problems_by_level(scope)
    by_status: dict = defaultdict(MeasureCounts)
    _measures_by(TermMeasureTally.objects.filter(term__in=scope.whole_terms), "status", today=today, into=by_status)
    _measures_by(scope.rest_of(MeasureTally), "status", today=today, into=by_status)
    overall = MeasureCounts()
    for counts in by_status.values():
        for status, n in counts.by_status.items():
            overall.by_status[status] += n
        overall.signed_off += counts.signed_off
        overall.overdue += counts.overdue
    ranked, organisations = _ranked(scope, top)
    return Dashboard(
        total=Rates.of({}, "", sum(by_level.values(), Counter())),
        by_level=[
            Rates.of({"level": lv}, _level_label(lv), by_level[lv])
            for lv in LEVELS
            if lv in by_level and sum(by_level[lv].values())
        ],
        organisations=_listed(ranked, scope, today=today),
        more_organisations=max(0, organisations - top),
        by_aspect=_problems_by_aspect(scope),
        measures=overall,
    )
