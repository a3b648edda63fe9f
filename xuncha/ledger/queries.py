"""Permission-scoped reads of ledger rows, and how each row is rendered into cells.

Export and import both call this module: export to write the rows, import to compare a file's
rows with what the platform holds. Rendering is canonical, so an unchanged file compares equal
cell by cell, and both sides always agree on what "unchanged" means.

Which rows a user gets:
* measures the user may act on (``restrict(Measure, user, action)``); for an import only those
  of plans the user may change (the office of the committee, the liaison of the organisation);
* problems with no measure yet, of plans the user may act on (the rectification plan rule
  applied to problems, which carry the same inspection and organisation as their plan).
A measure row shows the problems it serves: they are part of the measure, so a responsible
unit that may export the measure reads them through it.

Reads are a fixed number of ``values_list`` queries whatever the number of rows (100,000-row
ledgers are exported in seconds).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, groupby
from operator import itemgetter

from django.db import connections
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from xuncha.accounts.permissions import Action, restrict
from xuncha.findings.models import Aspect, Problem
from xuncha.ledger import columns as cols
from xuncha.ledger.cells import deadline_cell, format_date, join_names
from xuncha.orgs.models import Organisation
from xuncha.rectification.models import Measure, Plan, ProgressUpdate
from xuncha.rectification.rules import plan_q
from xuncha.web.inputs import parse_id

MEASURE_FIELDS = (
    "id",
    "version",
    "number",
    "plan_id",
    "plan__inspection_id",
    "plan__organisation_id",
    "target",
    "content",
    "leader",
    "responsible_person",
    "lead_unit_id",
    "deadline",
    "ongoing",
    "stage_target",
    "standard",
    "status",
    "sign_off",
    "signed_off_on",
)


@dataclass(frozen=True)
class MeasureRecord:
    """One measure as the ledger holds it (built on demand; rows are kept as plain tuples)."""

    id: int
    version: int
    number: int
    plan_id: int
    inspection_id: int
    organisation_id: int
    target: str
    content: str
    leader: str
    responsible_person: str
    lead_unit_id: int | None
    deadline: date | None
    ongoing: bool
    stage_target: str
    standard: str
    status: str
    sign_off: str
    signed_off_on: date | None
    problem_ids: tuple[int, ...]
    unit_ids: tuple[int, ...]


@dataclass(slots=True, frozen=True)
class ProblemRecord:
    id: int
    number: str
    title: str
    aspect_id: int
    position: int
    organisation_id: int
    inspection_id: int


@dataclass(frozen=True)
class OrgRecord:
    name: str
    path: str


@dataclass
class Ledger:
    """The rows of one ledger as the platform holds them, ready to render.

    Measures are kept as the tuples the database returned (MEASURE_FIELDS order) with their
    links in side tables: a 100,000-row ledger is rendered without building an object per row.
    """

    columns: tuple[cols.Column, ...]
    inspections: dict[int, str]  # id -> title, in ledger order
    measure_rows: dict[int, tuple] = field(default_factory=dict)
    problem_ids: dict[int, tuple[int, ...]] = field(default_factory=dict)
    unit_ids: dict[int, tuple[int, ...]] = field(default_factory=dict)
    progress: dict[int, str] = field(default_factory=dict)
    evidence: dict[int, list[str]] = field(default_factory=dict)
    problems: dict[int, ProblemRecord] = field(default_factory=dict)
    placeholders: list[int] = field(default_factory=list)  # problems with no measure yet
    waiting: frozenset[int] = frozenset()  # the same, for lookups
    aspects: dict[int, str] = field(default_factory=dict)
    organisations: dict[int, OrgRecord] = field(default_factory=dict)
    _texts: dict = field(default_factory=dict, repr=False)
    _units: dict = field(default_factory=dict, repr=False)
    _deadlines: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.measure_rows) + len(self.placeholders)

    @property
    def with_inspection(self) -> bool:
        return cols.INSPECTION in self.columns

    def measure(self, pk: int) -> MeasureRecord | None:
        row = self.measure_rows.get(pk)
        if row is None:
            return None
        return MeasureRecord(*row, self.problem_ids.get(pk, ()), self.unit_ids.get(pk, ()))

    def ordered(self) -> list[tuple[bool, int]]:
        """(is_measure, id) in ledger order: by inspection, then by the feedback's order of
        problems (a measure sits at its first problem), then by plan and measure number."""
        order = {pk: n for n, pk in enumerate(self.inspections)}
        position = {pk: p.position for pk, p in self.problems.items()}
        big = 1 << 62
        keyed = []
        for pk, row in self.measure_rows.items():
            first = min((position[p] for p in self.problem_ids.get(pk, ())), default=big)
            keyed.append((order[row[4]], first, 1, row[3], row[2], pk))
        for pk in self.placeholders:
            p = self.problems[pk]
            keyed.append((order[p.inspection_id], p.position, 0, 0, 0, pk))
        keyed.sort()
        return [(key[2] == 1, key[5]) for key in keyed]

    def rows(self) -> Iterator[tuple]:
        """Every row's cells in column order, 序号 first."""
        skip_inspection = not self.with_inspection
        for index, (is_measure, pk) in enumerate(self.ordered(), start=1):
            cells = self.measure_cells(pk) if is_measure else self.problem_cells(self.problems[pk])
            yield (index, *cells[1:]) if skip_inspection else (index, *cells)

    def cells_for_key(self, key: str) -> tuple | None:
        """The row (without 序号) whose key is exactly `key` now, or None: an unknown key, or a
        measure whose version has moved on since the key was written."""
        kind, rest = key[:1], key[1:]
        if kind == cols.MEASURE_KEY_PREFIX:
            pk, _sep, version = (parse_id(part) for part in rest.partition(":"))
            row = self.measure_rows.get(pk) if pk and version else None
            if row is not None and row[1] == version:
                return self.measure_cells(row[0])
        elif kind == cols.PROBLEM_KEY_PREFIX and parse_id(rest) in self.waiting:
            return self.problem_cells(self.problems[parse_id(rest)])
        return None

    # Rendering. Cells come in TERM_COLUMNS order without 序号; an inspection's ledger drops 巡察.
    # Problems, aspects, units and deadlines repeat from row to row: each distinct value is
    # rendered once (links are kept as tuples, which are their own cache keys).
    def problem_texts(self, problem_ids: tuple[int, ...]) -> tuple[str, str]:
        """(方面, 反馈问题) for a set of problems: their aspects, then the problems, in feedback order."""
        texts = self._texts.get(problem_ids)
        if texts is None:
            problems = sorted((self.problems[p] for p in problem_ids), key=lambda p: p.position)
            aspects = list(dict.fromkeys(p.aspect_id for p in problems))
            texts = self._texts[problem_ids] = (
                "\n".join(self.aspects[a] for a in aspects),
                "\n".join(f"（{p.number}）{p.title}" for p in problems),
            )
        return texts

    def unit_names(self, unit_ids: tuple[int, ...]) -> str:
        text = self._units.get(unit_ids)
        if text is None:
            units = sorted((self.organisations[u] for u in unit_ids), key=lambda o: o.path)
            text = self._units[unit_ids] = join_names(o.name for o in units)
        return text

    def org_name(self, pk: int | None) -> str:
        return self.organisations[pk].name if pk is not None else ""

    def measure_cells(self, pk: int) -> tuple:
        (
            _pk,
            version,
            _number,
            _plan,
            inspection_id,
            organisation_id,
            target,
            content,
            leader,
            responsible_person,
            lead_unit_id,
            deadline,
            ongoing,
            stage_target,
            standard,
            status,
            sign_off,
            signed_off_on,
        ) = self.measure_rows[pk]
        aspects, problems = self.problem_texts(self.problem_ids.get(pk, ()))
        when = self._deadlines.get((deadline, ongoing))
        if when is None:
            when = self._deadlines[(deadline, ongoing)] = deadline_cell(deadline, ongoing)
        sign_off_text = cols.sign_off_words()[sign_off]
        if sign_off == "approved" and signed_off_on:
            sign_off_text = f"{sign_off_text}（{format_date(signed_off_on)}）"
        evidence = self.evidence.get(pk)
        return (
            self.inspections[inspection_id],
            self.organisations[organisation_id].name,
            aspects,
            problems,
            target,
            content,
            leader,
            responsible_person,
            self.organisations[lead_unit_id].name if lead_unit_id is not None else "",
            self.unit_names(self.unit_ids.get(pk, ())),
            when,
            stage_target,
            standard,
            self.progress.get(pk, ""),
            cols.measure_status_words()[status],
            "\n".join(evidence) if evidence else "",
            sign_off_text,
            f"{cols.MEASURE_KEY_PREFIX}{pk}:{version}",
        )

    def problem_cells(self, p: ProblemRecord) -> tuple[str, ...]:
        return (
            self.inspections[p.inspection_id],
            self.org_name(p.organisation_id),
            *self.problem_texts((p.id,)),
            *([""] * 13),
            f"{cols.PROBLEM_KEY_PREFIX}{p.id}",
        )


def ledger_measures(user, action: Action, inspections: QuerySet) -> QuerySet:
    """Active measures of active plans the user may export, or (for an import) change as an
    editor of the plan: responsible units report progress but do not rewrite the plan."""
    measures = Measure.objects.active().filter(plan__inspection__in=inspections, plan__archived_at__isnull=True)
    if action is Action.EXPORT:
        return restrict(measures, user, Action.EXPORT)
    plans = restrict(Plan.objects.active(), user, Action.CHANGE)
    return restrict(measures, user, Action.CHANGE).filter(plan__in=plans.values("pk"))


def ledger_problems(user, action: Action, inspections: QuerySet) -> QuerySet:
    """Problems the user may read whose plan (same inspection and organisation) the user may
    export, or change for an import, whether or not the plan has been started yet."""
    scope = plan_q(user, Action.EXPORT if action is Action.EXPORT else Action.CHANGE)
    if scope is None:
        return Problem.objects.none()
    read = Action.EXPORT if action is Action.EXPORT else Action.VIEW
    return restrict(Problem.objects.filter(inspection__in=inspections), user, read).filter(scope)


def exportable_inspections(user) -> QuerySet:
    """Inspections whose ledger the user may export: those they may export, and those where a
    measure falls to them (a responsible unit below the inspected organisation does not see the
    inspection itself, but exports the rows of its own measures)."""
    from xuncha.inspections.models import Inspection
    from xuncha.inspections.queries import inspections_for_user

    visible = inspections_for_user(user, Action.EXPORT).values("pk")
    assigned = restrict(Measure.objects.active(), user, Action.EXPORT).values("plan__inspection_id")
    return (
        Inspection.objects.active().filter(Q(pk__in=visible) | Q(pk__in=assigned)).select_related("term", "term__owner")
    )


def inspection_ledger(inspection, user, action: Action = Action.EXPORT) -> Ledger:
    return load_ledger(user, action, [inspection], term_layout=False)


def term_ledger(term, user, action: Action = Action.EXPORT) -> Ledger:
    """Every inspection of the term the user may export, in the order they entered."""
    from xuncha.inspections.queries import inspections_for_user

    inspections = list(
        inspections_for_user(user, action).filter(term=term).order_by(F("entry_on").asc(nulls_last=True), "pk")
    )
    return load_ledger(user, action, inspections, term_layout=True)


def ledger_title(*, inspection=None, term=None) -> str:
    if inspection is not None:
        return cols.INSPECTION_TITLE.format(name=inspection.title)
    return cols.TERM_TITLE.format(name=term.name)


def load_ledger(user, action: Action, inspections: list, *, term_layout: bool) -> Ledger:
    """Read the ledger of `inspections` (in this order) as `user` may see it for `action`.

    Only the measures and the problems in scope are permission-restricted queries; the links,
    progress and evidence are read per inspection and kept only for those measures (one join
    instead of the restriction's subqueries again: the same rows, several times faster). Which
    problems still wait for a measure is worked out from the links in Python, not with a
    correlated NOT EXISTS, whose plan PostgreSQL gets badly wrong on freshly loaded tables.
    """
    ledger = Ledger(
        columns=cols.TERM_COLUMNS if term_layout else cols.INSPECTION_COLUMNS,
        inspections={i.pk: i.title for i in inspections},
    )
    if not inspections:
        return ledger
    ids = list(ledger.inspections)
    inspection_qs = type(inspections[0]).objects.filter(pk__in=ids)
    measures = ledger_measures(user, action, inspection_qs).values_list(*MEASURE_FIELDS).order_by()
    rows = ledger.measure_rows = {row[0]: row for row in _fetch(measures)}
    active = {
        "measure__plan__inspection__in": ids,
        "measure__archived_at__isnull": True,
        "measure__plan__archived_at__isnull": True,
    }
    first, covered = itemgetter(0), set()
    for name, target in (("problem_ids", "problem_id"), ("unit_ids", "organisation_id")):
        through = (Measure.problems if target == "problem_id" else Measure.units).through
        links = _fetch(through.objects.filter(**active).values_list("measure_id", target).order_by("measure_id"))
        if target == "problem_id":
            covered.update(link[1] for link in links)  # problems with a measure, whoever may see it
        grouped = groupby(links, key=first)
        setattr(ledger, name, {pk: tuple(link[1] for link in group) for pk, group in grouped if pk in rows})
    _load_progress(ledger, ids)

    in_scope = ledger_problems(user, action, inspection_qs).order_by().values_list("pk", flat=True)
    ledger.placeholders = [pk for pk in in_scope if pk not in covered]
    ledger.waiting = frozenset(ledger.placeholders)
    linked = set(chain.from_iterable(ledger.problem_ids.values())).union(ledger.placeholders)
    for row in (
        Problem.objects.filter(inspection__in=ids)
        .values_list("id", "number", "title", "aspect_id", "position", "organisation_id", "inspection_id")
        .order_by()
    ):
        if row[0] in linked:
            ledger.problems[row[0]] = ProblemRecord(*row)

    aspect_ids = {p.aspect_id for p in ledger.problems.values()}
    ledger.aspects = {
        pk: f"（{number}）{title}"
        for pk, number, title in Aspect.objects.filter(pk__in=aspect_ids).values_list("id", "number", "title")
    }
    org_ids = {p.organisation_id for p in ledger.problems.values()}
    lead_unit = MEASURE_FIELDS.index("lead_unit_id")
    org_ids.update({row[5] for row in rows.values()}, {row[lead_unit] for row in rows.values()} - {None})
    org_ids.update(chain.from_iterable(ledger.unit_ids.values()))
    ledger.organisations = {
        pk: OrgRecord(name, path)
        for pk, name, path in Organisation.objects.filter(pk__in=org_ids).values_list("id", "name", "path")
    }
    return ledger


def _fetch(queryset) -> list[tuple]:
    """The rows of a values_list query straight from the cursor, skipping Django's per-row
    converters (a third of the read time at 100,000 rows). Only for columns that both SQLite
    (declared-type converters) and PostgreSQL already return as the right Python type:
    integers, text, booleans and dates; never for datetimes, which SQLite returns naive."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _load_progress(ledger: Ledger, inspection_ids: list[int]) -> None:
    """The latest progress update of each measure (with its date) and every evidence file.
    Progress is readable wherever its measure is (the ProgressUpdate policy), so it is kept
    for the ledger's measures only."""
    rows = ledger.measure_rows
    tz = timezone.get_current_timezone()
    updates = ProgressUpdate.objects.filter(measure__plan__inspection__in=inspection_ids)
    latest: dict[int, tuple] = {}
    for measure_id, posted_at, text in updates.values_list("measure_id", "posted_at", "text").order_by(
        "measure_id", "posted_at", "id"
    ):
        latest[measure_id] = (posted_at, text)
    for measure_id, (posted_at, text) in latest.items():
        if measure_id in rows:
            ledger.progress[measure_id] = f"{format_date(posted_at.astimezone(tz).date())}：{text}"
    evidence = ProgressUpdate.evidence.through.objects.filter(
        progressupdate__measure__plan__inspection__in=inspection_ids
    )
    for measure_id, name in evidence.values_list("progressupdate__measure_id", "storedfile__name").order_by(
        "progressupdate__posted_at", "progressupdate_id", "storedfile_id"
    ):
        if measure_id in rows:
            ledger.evidence.setdefault(measure_id, []).append(name)
