"""Summary tables of rectification (`ProblemTally`, `MeasureTally`), kept in the writing transaction.

Why: deriving the status of every problem from its measures (`status.with_status`) is right
but too slow over a whole province (a million measures). The dashboard reads sums over these
tables instead, so they must never drift from the rows they count.

How they stay right:

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
* `signals.py` marks the inspections whose counts a save, a link change or a delete can
  move; `mark` refreshes them at once, or, inside `deferred()`, once when the block ends
  (an import of 500 rows recounts once, not 500 times).
* Bulk writes (bulk_create, QuerySet.update) send no signals: code that bulk-loads measures
  calls `refresh` or `rebuild_all` itself (`xuncha tally --rebuild` does the latter).
"""

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q

from xuncha.findings.models import Problem
from xuncha.rectification.enums import SignOff
from xuncha.rectification.models import Measure, MeasureTally, ProblemTally
from xuncha.rectification.status import with_status

CHUNK = 500  # inspections recounted per statement by rebuild_all and differences
BATCH = 5000  # tally rows per INSERT

PROBLEM_KEY = ("inspection_id", "organisation_id", "aspect_id", "status")
MEASURE_KEY = ("inspection_id", "plan_id", "organisation_id", "status", "approved", "deadline", "ongoing")


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


def _stored(model, key: tuple[str, ...], count: str, inspection_ids: list[int]) -> dict:
    rows = model.objects.filter(inspection_id__in=inspection_ids).values_list(*key, count)
    return {tuple(row[:-1]): row[-1] for row in rows}


def refresh(inspection_ids: Iterable[int | None]) -> None:
    """Replace the tally rows of these inspections with a recount. Call it inside the
    transaction that changed the rows (a savepoint is taken; alone, it is its own transaction)."""
    from xuncha.inspections.models import Inspection

    ids = sorted({int(i) for i in inspection_ids if i is not None})
    if not ids:
        return
    with transaction.atomic():
        locked = Inspection.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
        ids = list(locked.values_list("pk", flat=True))
        ProblemTally.objects.filter(inspection_id__in=ids).delete()
        MeasureTally.objects.filter(inspection_id__in=ids).delete()
        _insert(ProblemTally, PROBLEM_KEY, "problems", _problem_counts(ids))
        _insert(MeasureTally, MEASURE_KEY, "measures", _measure_counts(ids))


def _insert(model, names: tuple[str, ...], count: str, counts: Counter) -> None:
    model.objects.bulk_create(
        (model(**dict(zip(names, key, strict=True)), **{count: n}) for key, n in counts.items()), batch_size=BATCH
    )


def _chunks(chunk: int) -> Iterator[list[int]]:
    from xuncha.inspections.models import Inspection

    ids = list(Inspection.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        yield ids[start : start + chunk]


def rebuild_all(*, chunk: int = CHUNK) -> int:
    """Recount every tally (after a bulk load, or to repair). Set-based: a few statements per
    `chunk` inspections, each chunk in its own transaction (or savepoint) so that writers of
    other inspections are not held up by the whole rebuild. Returns the inspections counted."""
    done = 0
    for ids in _chunks(chunk):
        refresh(ids)
        done += len(ids)
    return done


@dataclass(frozen=True)
class Mismatch:
    table: str  # "problems" or "measures"
    key: dict  # the tally row's dimensions (PROBLEM_KEY or MEASURE_KEY)
    stored: int
    recount: int


@dataclass(frozen=True)
class Difference:
    inspection_id: int
    mismatches: tuple[Mismatch, ...]


def _mismatches(table: str, names: tuple[str, ...], stored: dict, recount: Counter) -> list[Mismatch]:
    found = []
    for key in sorted(set(stored) | set(recount), key=repr):
        if stored.get(key) != recount.get(key):  # a stored row of 0 differs from no row
            found.append(Mismatch(table, dict(zip(names, key, strict=True)), stored.get(key, 0), recount.get(key, 0)))
    return found


def differences(*, chunk: int = CHUNK) -> list[Difference]:
    """Inspections whose stored tallies differ from a recount, with what differs; [] when all agree."""
    found: dict[int, list[Mismatch]] = {}
    for ids in _chunks(chunk):
        for table, model, names, count, recount in (
            ("problems", ProblemTally, PROBLEM_KEY, "problems", _problem_counts(ids)),
            ("measures", MeasureTally, MEASURE_KEY, "measures", _measure_counts(ids)),
        ):
            for mismatch in _mismatches(table, names, _stored(model, names, count, ids), recount):
                found.setdefault(mismatch.key["inspection_id"], []).append(mismatch)
    return [Difference(pk, tuple(found[pk])) for pk in sorted(found)]


# -- deferring the refresh -----------------------------------------------------------------

_local = threading.local()


def _pending() -> set | None:
    return getattr(_local, "pending", None)


def mark(inspection_ids: Iterable[int | None]) -> None:
    """These inspections' counts may have moved: refresh them now, or at the end of `deferred()`."""
    ids = {i for i in inspection_ids if i is not None}
    if not ids:
        return
    pending = _pending()
    if pending is None:
        refresh(ids)
    else:
        pending.update(ids)


def _doomed() -> bool:
    """The enclosing atomic block will roll back: a recount would be thrown away (and could not
    run: Django refuses queries in a broken transaction)."""
    return connection.in_atomic_block and connection.needs_rollback


@contextmanager
def deferred():
    """While active (per thread, re-entrant), saves only collect the inspections to refresh;
    the outermost block refreshes them once as it ends. Enter it inside the transaction of
    the writes, so that the refresh is part of it."""
    if _pending() is not None:
        yield
        return
    _local.pending = set()
    try:
        yield
    except BaseException:
        pending, _local.pending = _local.pending, None
        if not _doomed():
            # the caller may catch the error and commit what was written before it; if the
            # transaction is broken instead, it rolls back and the original error says why
            with suppress(DatabaseError):
                refresh(pending)
        raise
    pending, _local.pending = _local.pending, None
    if not _doomed():
        refresh(pending)
