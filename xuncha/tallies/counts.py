"""The recount: what the summary tables of rectification should hold, and making them hold it.

Why: deriving the status of every problem from its measures (`status.with_status`) is right
but too slow over a whole province (a million measures). The dashboard reads sums over these
tables (`ProblemTally`, `MeasureTally` and the term rows, models in `rectification.models`)
instead, so they must never drift from the rows they count.

* One recount: `_problem_counts` and `_measure_counts` compute the tally rows of some
  inspections from the base rows, problems with `with_status` (so the status rule has one
  definition). `refresh`, `rebuild_all` and `differences` all use them.
* `refresh(ids)` replaces the tally rows of those inspections with a recount, inside the
  caller's transaction: the tallies commit or roll back with the change that moved them.
  It first locks the inspection rows, in primary-key order so two writers never wait on each
  other crosswise. Concurrent writers of one inspection thus recount one after the other, and
  under READ COMMITTED the recount, a statement that starts once the lock is granted, sees
  what the previous writer committed. The lock is FOR NO KEY UPDATE on PostgreSQL: it
  excludes other recounts (and updates of the inspection row) but not the KEY SHARE lock
  that inserting a problem, an aspect or a plan takes on its inspection, so a writer that
  added a problem does not deadlock with one that added a plan.
* Who calls it: the domain functions, through `upkeep.py` (which says which writes move which
  inspections). A bulk load (bulk_create, QuerySet.update, raw SQL) calls `refresh` or
  `rebuild_all` itself (`xuncha tally --rebuild` does the latter).

A second level rolls the inspection tallies up per term (`TermTally` by organisation,
`TermAspectTally` by aspect title, `TermMeasureTally` by status and deadline), for scopes that
hold whole terms (a province's dashboard over every term reads ~30,000 term rows instead of
~400,000 inspection rows). `refresh` recounts the terms of the inspections it recounts, from
their inspection tallies, after locking the term rows (FOR NO KEY UPDATE, in primary-key order,
after the inspections): two writers of one term recount it one after the other, the second
seeing the first's committed tallies. A transaction that refreshes two inspections of one term
one after the other (not in one `deferred()` block) while another transaction refreshes one of
them can deadlock; PostgreSQL then rolls one back whole, and nothing is lost.
`TermTallyMember` records which term each inspection was rolled up into; the dashboard reads a
term's rows only while those members are exactly the term's inspections. `differences`
recounts the term rows from the rows themselves, not from the stored tallies.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum

from xuncha.findings.models import Problem
from xuncha.rectification.enums import ProblemStatus, SignOff
from xuncha.rectification.models import (
    Measure,
    MeasureTally,
    ProblemTally,
    TermAspectTally,
    TermMeasureTally,
    TermTally,
    TermTallyMember,
)
from xuncha.rectification.status import with_status

CHUNK = 500  # inspections recounted per statement by rebuild_all and differences
BATCH = 5000  # tally rows per INSERT

PROBLEM_KEY = ("inspection_id", "organisation_id", "aspect_id", "status")
MEASURE_KEY = ("inspection_id", "plan_id", "organisation_id", "status", "approved", "deadline", "ongoing")
TERM_KEY = ("term_id", "organisation_id")
TERM_COUNTS = ("done", "basically_done", "not_done", "not_stated", "measures")  # TermTally's columns, in order
TERM_ASPECT_KEY = ("term_id", "aspect_title", "status")
TERM_MEASURE_KEY = ("term_id", "status", "approved", "deadline")
STATUS_COLUMN = {
    ProblemStatus.DONE: 0,
    ProblemStatus.BASICALLY_DONE: 1,
    ProblemStatus.NOT_DONE: 2,
    ProblemStatus.NOT_STATED: 3,
}
MEASURES_COLUMN = TERM_COUNTS.index("measures")


def _problem_counts(inspection_ids: list[int]) -> Counter:
    """{PROBLEM_KEY values: number of problems}, each problem with its derived status.

    Grouping by an aggregate-based annotation is not portable SQL (see figures.py): the
    derived statuses come back one short row per problem and are counted here."""
    rows = (
        with_status(Problem.objects.filter(inspection_id__in=inspection_ids))
        .order_by()
        .values_list("inspection_id", "organisation_id", "aspect_id", "derived_status")
    )
    return Counter(rows)


def _measure_counts(inspection_ids: list[int]) -> Counter:
    """{MEASURE_KEY values: number of measures}, active measures of active plans only."""
    rows = (
        Measure.objects.filter(
            plan__inspection_id__in=inspection_ids, archived_at__isnull=True, plan__archived_at__isnull=True
        )
        .annotate(signed=ExpressionWrapper(Q(sign_off=SignOff.APPROVED), output_field=BooleanField()))
        .values_list(
            "plan__inspection_id", "plan_id", "plan__organisation_id", "status", "signed", "deadline", "ongoing"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter({tuple(row[:-1]): row[-1] for row in rows})


def _stored(model, key: tuple[str, ...], count: str, ids: list[int], *, of: str = "inspection_id") -> dict:
    """{key values: count} of the stored rows of these inspections (or terms, of="term_id")."""
    rows = model.objects.filter(**{f"{of}__in": ids}).values_list(*key, count)
    return {tuple(row[:-1]): row[-1] for row in rows}


def refresh(inspection_ids: Iterable[int | None], terms: Iterable[int | None] = ()) -> None:
    """Replace the tally rows of these inspections with a recount, then the term rows of their
    terms and of `terms` (an inspection's former term). Call it inside the transaction that
    changed the rows (a savepoint is taken; alone, it is its own transaction)."""
    from xuncha.inspections.models import Inspection

    ids = sorted({int(i) for i in inspection_ids if i is not None})
    term_ids = {int(t) for t in terms if t is not None}
    if not ids and not term_ids:
        return
    with transaction.atomic():
        if ids:
            locked = Inspection.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
            rows = list(locked.values_list("pk", "term_id"))
            ids = [pk for pk, _term in rows]
            term_ids.update(term for _pk, term in rows)
            ProblemTally.objects.filter(inspection_id__in=ids).delete()
            MeasureTally.objects.filter(inspection_id__in=ids).delete()
            TermTallyMember.objects.filter(inspection_id__in=ids).delete()
            _insert(ProblemTally, PROBLEM_KEY, "problems", _problem_counts(ids))
            _insert(MeasureTally, MEASURE_KEY, "measures", _measure_counts(ids))
            TermTallyMember.objects.bulk_create(
                [TermTallyMember(inspection_id=pk, term_id=term) for pk, term in rows], batch_size=BATCH
            )
        _refresh_terms(sorted(term_ids))


def term_counts(term_ids: list[int]):
    """The term rows of these terms, rolled up from their inspections' stored tallies in four
    grouped sums: ({(term, organisation): [done, basically_done, not_done, not_stated, measures]},
    Counter(TERM_ASPECT_KEY values: problems), Counter(TERM_MEASURE_KEY values: measures))."""
    organisations: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(TERM_COUNTS))
    problems = ProblemTally.objects.filter(inspection__term_id__in=term_ids).order_by()
    measures = MeasureTally.objects.filter(inspection__term_id__in=term_ids).order_by()
    rows = problems.values_list("inspection__term_id", "organisation_id", "status").annotate(n=Sum("problems"))
    for term, organisation, status, n in rows:
        organisations[(term, organisation)][STATUS_COLUMN[status]] += n
    for term, organisation, n in measures.values_list("inspection__term_id", "organisation_id").annotate(
        n=Sum("measures")
    ):
        organisations[(term, organisation)][MEASURES_COLUMN] += n
    aspects = Counter()
    for term, title, status, n in problems.values_list("inspection__term_id", "aspect__title", "status").annotate(
        n=Sum("problems")
    ):
        aspects[(term, title, status)] += n
    by_status = Counter()
    for *key, n in measures.values_list("inspection__term_id", "status", "approved", "deadline").annotate(
        n=Sum("measures")
    ):
        by_status[tuple(key)] += n
    return dict(organisations), aspects, by_status


def _refresh_terms(term_ids: list[int]) -> None:
    from xuncha.plans.models import Term

    if not term_ids:
        return
    locked = Term.objects.select_for_update(no_key=True).filter(pk__in=term_ids).order_by("pk")
    term_ids = list(locked.values_list("pk", flat=True))
    organisations, aspects, by_status = term_counts(term_ids)
    _replace_changed(TermTally, TERM_KEY, TERM_COUNTS, term_ids, {k: tuple(v) for k, v in organisations.items()})
    _replace_changed(TermAspectTally, TERM_ASPECT_KEY, ("problems",), term_ids, {k: (n,) for k, n in aspects.items()})
    _replace_changed(
        TermMeasureTally, TERM_MEASURE_KEY, ("measures",), term_ids, {k: (n,) for k, n in by_status.items()}
    )


def _replace_changed(model, key: tuple[str, ...], counts: tuple[str, ...], term_ids: list[int], recount: dict) -> None:
    """Make the stored rows of these terms equal `recount` ({key values: count values}) by
    deleting the rows whose key is gone or whose counts differ (or that repeat a key) and
    inserting the new and changed ones: a write moves a row or two, and rewriting all of a
    large term's rows on each save cost most of the refresh (41 ms of 54 at scale 20)."""
    stored: dict[tuple, list] = defaultdict(list)
    for pk, *row in model.objects.filter(term_id__in=term_ids).values_list("pk", *key, *counts):
        stored[tuple(row[: len(key)])].append((pk, tuple(row[len(key) :])))
    stale = [
        pk
        for found, rows in stored.items()
        if len(rows) > 1 or recount.get(found) != rows[0][1]
        for pk, _values in rows
    ]
    fresh = [found for found, values in recount.items() if [v for _pk, v in stored.get(found, ())] != [values]]
    for start in range(0, len(stale), BATCH):  # in batches: SQLite limits a statement's parameters
        model.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    model.objects.bulk_create(
        (
            model(**dict(zip(key, found, strict=True)), **dict(zip(counts, recount[found], strict=True)))
            for found in fresh
        ),
        batch_size=BATCH,
    )


def _insert(model, names: tuple[str, ...], count: str, counts: Counter) -> None:
    model.objects.bulk_create(
        (model(**dict(zip(names, key, strict=True)), **{count: n}) for key, n in counts.items()), batch_size=BATCH
    )


def _chunks(chunk: int) -> Iterator[tuple[list[int], dict[int, int]]]:
    """Every term with its inspections ({inspection: term}), whole terms at a time, about
    `chunk` inspections a time (a larger term comes alone)."""
    from xuncha.inspections.models import Inspection
    from xuncha.plans.models import Term

    by_term: dict[int, list[int]] = defaultdict(list)
    for term, pk in Inspection.objects.order_by("term_id", "pk").values_list("term_id", "pk"):
        by_term[term].append(pk)
    terms: list[int] = []
    inspections: dict[int, int] = {}
    for term in Term.objects.order_by("pk").values_list("pk", flat=True):
        if terms and len(inspections) + len(by_term[term]) > chunk:
            yield terms, inspections
            terms, inspections = [], {}
        terms.append(term)
        inspections.update(dict.fromkeys(by_term[term], term))
    if terms:
        yield terms, inspections


def rebuild_all(*, chunk: int = CHUNK) -> int:
    """Recount every tally (after a bulk load, or to repair). Set-based: a few statements per
    `chunk` inspections, each chunk in its own transaction (or savepoint) so that writers of
    other terms are not held up by the whole rebuild. Returns the inspections counted."""
    done = 0
    for terms, inspections in _chunks(chunk):
        refresh(inspections, terms=terms)
        done += len(inspections)
    return done


@dataclass(frozen=True)
class Mismatch:
    # "problems", "measures"; for a term "term organisations", "term aspects", "term measures",
    # "term inspections" (which inspections its rows were rolled up from)
    table: str
    key: dict  # the tally row's dimensions (PROBLEM_KEY, MEASURE_KEY, TERM_KEY and the column, ...)
    stored: int
    recount: int


@dataclass(frozen=True)
class Difference:
    inspection_id: int | None  # None for a term's rows
    mismatches: tuple[Mismatch, ...]
    term_id: int | None = None


def _mismatches(table: str, names: tuple[str, ...], stored: dict, recount: Counter) -> list[Mismatch]:
    found = []
    for key in sorted(set(stored) | set(recount), key=repr):
        if stored.get(key) != recount.get(key):  # a stored row of 0 differs from no row
            found.append(Mismatch(table, dict(zip(names, key, strict=True)), stored.get(key, 0), recount.get(key, 0)))
    return found


def _term_recount(inspections: dict[int, int], problems: Counter, measures: Counter) -> tuple[Counter, ...]:
    """The term rows from the recounts of the terms' inspections (not from the stored tallies):
    Counters keyed like TermTally (with the column name last), TermAspectTally, TermMeasureTally."""
    from xuncha.findings.models import Aspect

    titles = dict(Aspect.objects.filter(pk__in={key[2] for key in problems}).values_list("pk", "title"))
    organisations, aspects, by_status = Counter(), Counter(), Counter()
    for (inspection, organisation, aspect, status), n in problems.items():
        term = inspections[inspection]
        organisations[(term, organisation, TERM_COUNTS[STATUS_COLUMN[status]])] += n
        aspects[(term, titles[aspect], status)] += n
    for (inspection, _plan, organisation, status, approved, deadline, _ongoing), n in measures.items():
        term = inspections[inspection]
        organisations[(term, organisation, "measures")] += n
        by_status[(term, status, bool(approved), deadline)] += n
    return organisations, aspects, by_status


def _stored_terms(terms: list[int]) -> tuple[dict, ...]:
    organisations = {}
    for row in TermTally.objects.filter(term_id__in=terms).values_list(*TERM_KEY, *TERM_COUNTS):
        key, values = row[: len(TERM_KEY)], row[len(TERM_KEY) :]
        for column, n in zip(TERM_COUNTS, values, strict=True):
            if n:  # a column of 0 is no row in the recount
                organisations[(*key, column)] = n
    return (
        organisations,
        _stored(TermAspectTally, TERM_ASPECT_KEY, "problems", terms, of="term_id"),
        _stored(TermMeasureTally, TERM_MEASURE_KEY, "measures", terms, of="term_id"),
    )


def differences(*, chunk: int = CHUNK) -> list[Difference]:
    """Inspections and terms whose stored tallies differ from a recount of the rows, with what
    differs; [] when all agree. Inspections first, then terms."""
    found: dict[int, list[Mismatch]] = {}
    found_terms: dict[int, list[Mismatch]] = {}
    for terms, inspections in _chunks(chunk):
        ids = sorted(inspections)
        problems, measures = _problem_counts(ids), _measure_counts(ids)
        for table, model, names, count, recount in (
            ("problems", ProblemTally, PROBLEM_KEY, "problems", problems),
            ("measures", MeasureTally, MEASURE_KEY, "measures", measures),
        ):
            for mismatch in _mismatches(table, names, _stored(model, names, count, ids), recount):
                found.setdefault(mismatch.key["inspection_id"], []).append(mismatch)
        tables = ("term organisations", "term aspects", "term measures", "term inspections")
        keys = ((*TERM_KEY, "column"), TERM_ASPECT_KEY, TERM_MEASURE_KEY, ("term_id", "inspection_id"))
        recounts = (*_term_recount(inspections, problems, measures), {(t, i): 1 for i, t in inspections.items()})
        members = TermTallyMember.objects.filter(inspection_id__in=ids).values_list("term_id", "inspection_id")
        stored_terms = (*_stored_terms(terms), dict.fromkeys(members, 1))
        for table, names, stored, recount in zip(tables, keys, stored_terms, recounts, strict=True):
            for mismatch in _mismatches(table, names, stored, recount):
                found_terms.setdefault(mismatch.key["term_id"], []).append(mismatch)
    return [Difference(pk, tuple(found[pk])) for pk in sorted(found)] + [
        Difference(None, tuple(found_terms[pk]), term_id=pk) for pk in sorted(found_terms)
    ]
