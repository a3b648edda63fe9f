"""Which writes move the tallies, and of which inspections: called by the domain functions.

Every domain function that writes a row the tallies count calls one function here, inside its
transaction, after the write: `measure_saved`, `problem_saved`, `plan_saved`, `aspect_saved`,
`inspection_saved`, `inspection_deleted`. No signal does it behind their back (STYLE.md: no
logic in signals), so a write outside the domain functions (a shell, a data repair, a bulk
load) leaves the tallies stale until `xuncha tally --rebuild`; `xuncha tally --check` finds it,
the test suite checks after every test of the writing areas that the tallies equal a recount
(tests/conftest.py), and in development `guard.py` does so after every writing request.

What each row's tallies depend on: a problem's tally row on the problem's inspection,
organisation and aspect and on the status, sign-off and archiving of the measures linked to it;
a measure's on its plan (hence inspection and organisation), status, sign-off, deadline,
ongoing and archiving, and on its plan's organisation and archiving; the term rows on the
aspects' titles and the inspections' terms. Given `before` (the row as loaded before the
write), a function compares those values and recounts nothing when none moved, so editing a
measure's wording recounts nothing; a move (a measure to another plan, a problem to another
aspect or organisation, an inspection to another term) recounts both sides. Without `before`
the caller says the counted values moved (or the row is new): the inspection is recounted.

`mark` recounts at once, or, inside `deferred()`, once when the block ends (an import of 500
rows recounts once, not 500 times).
"""

import threading
from collections.abc import Iterable
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from django.db import DatabaseError, connection

from xuncha.tallies import counts

MEASURE_FIELDS = ("plan_id", "status", "sign_off", "deadline", "ongoing", "archived_at")
PROBLEM_FIELDS = ("inspection_id", "organisation_id", "aspect_id")
PLAN_FIELDS = ("inspection_id", "organisation_id", "archived_at")
ASPECT_FIELDS = ("inspection_id", "title")
INSPECTION_FIELDS = ("term_id",)


def _values(instance, attnames: tuple[str, ...]) -> tuple:
    return tuple(getattr(instance, a) for a in attnames)


def _moved(instance, before, attnames: tuple[str, ...]) -> bool:
    return before is None or _values(before, attnames) != _values(instance, attnames)


def _plan_inspection(plan_id: int | None, measure=None) -> int | None:
    plan = measure._state.fields_cache.get("plan") if measure is not None else None
    if plan is not None and plan.pk == plan_id:
        return plan.inspection_id
    from xuncha.rectification.models import Plan

    return Plan._base_manager.filter(pk=plan_id).values_list("inspection_id", flat=True).first()


def measure_saved(measure, *, before=None, relinked: bool = False) -> None:
    """`measure` was added or changed (its status, sign-off, deadline, plan, archiving or, with
    `relinked`, the problems it serves): recount its plan's inspection and its problems'. With
    `before` (the measure as loaded before the write), only if a counted value moved."""
    if not relinked and not _moved(measure, before, MEASURE_FIELDS):
        return
    from xuncha.findings.models import Problem

    inspections = {_plan_inspection(measure.plan_id, measure)}
    if before is not None and before.plan_id != measure.plan_id:
        inspections.add(_plan_inspection(before.plan_id))
    inspections.update(Problem._base_manager.filter(measures=measure).values_list("inspection_id", flat=True))
    mark(inspections)


def counted_values(measure) -> tuple:
    """What of a measure the tallies count: compare before and after a write (`measures_saved`)."""
    return _values(measure, MEASURE_FIELDS)


def measures_saved(measures) -> None:
    """`measure_saved` for many measures at once, each of which moved a counted value or was
    relinked (an unmoved plan: a batch of edits never moves a measure to another plan): one
    query for the inspections of all their problems."""
    from xuncha.findings.models import Problem

    measures = list(measures)
    if not measures:
        return
    inspections = {_plan_inspection(m.plan_id, m) for m in measures}
    inspections.update(
        Problem._base_manager.filter(measures__in=[m.pk for m in measures]).values_list("inspection_id", flat=True)
    )
    mark(inspections)


def problem_saved(problem, *, before=None) -> None:
    """`problem` was added, or moved to another inspection, organisation or aspect (with
    `before`, only if it did)."""
    if _moved(problem, before, PROBLEM_FIELDS):
        mark({problem.inspection_id, getattr(before, "inspection_id", None)})


def plan_saved(plan, *, before) -> None:
    """`plan` was archived or moved to another inspection or organisation (a new plan has no
    measure yet, hence `before` is required)."""
    if _moved(plan, before, PLAN_FIELDS):
        mark({plan.inspection_id, before.inspection_id})


def aspect_saved(aspect, *, before) -> None:
    """`aspect` was renamed (the term rows group problems by aspect title) or moved (a new
    aspect has no problem yet, hence `before` is required)."""
    if _moved(aspect, before, ASPECT_FIELDS):
        mark({aspect.inspection_id, before.inspection_id})


def inspection_saved(inspection, *, before=None) -> None:
    """A new inspection is recorded as a member of its term (no tally rows yet), so that the
    term's rows stay whole; one moved to another term leaves the former term's rows."""
    if before is None:
        mark({inspection.pk})
    elif _moved(inspection, before, INSPECTION_FIELDS):
        mark({inspection.pk}, terms={before.term_id})


def inspection_deleted(inspection) -> None:
    """After deleting an inspection (one without rows: PROTECT keeps the others): its term."""
    mark((), terms={inspection.term_id})


def inspection_changed(inspection_id: int) -> None:
    """Rows of this inspection were written in bulk (an import creating plans, measures and
    links directly): recount it."""
    mark({inspection_id})


# -- deferring the refresh -----------------------------------------------------------------

_local = threading.local()


@dataclass
class _Marked:
    inspections: set = field(default_factory=set)
    terms: set = field(default_factory=set)


def _pending() -> _Marked | None:
    return getattr(_local, "pending", None)


def mark(inspection_ids: Iterable[int | None], terms: Iterable[int | None] = ()) -> None:
    """These inspections' counts may have moved (and these terms', beside the inspections'
    own): refresh them now, or at the end of `deferred()`."""
    ids = {i for i in inspection_ids if i is not None}
    term_ids = {t for t in terms if t is not None}
    if not ids and not term_ids:
        return
    pending = _pending()
    if pending is None:
        counts.refresh(ids, terms=term_ids)
    else:
        pending.inspections.update(ids)
        pending.terms.update(term_ids)


def _doomed() -> bool:
    """The enclosing atomic block will roll back: a recount would be thrown away (and could not
    run: Django refuses queries in a broken transaction)."""
    return connection.in_atomic_block and connection.needs_rollback


@contextmanager
def deferred():
    """While active (per thread, re-entrant), the calls above only collect the inspections to
    refresh; the outermost block refreshes them once as it ends. Enter it inside the
    transaction of the writes, so that the refresh is part of it."""
    if _pending() is not None:
        yield
        return
    _local.pending = _Marked()
    try:
        yield
    except BaseException:
        pending, _local.pending = _local.pending, None
        if not _doomed():
            # the caller may catch the error and commit what was written before it; if the
            # transaction is broken instead, it rolls back and the original error says why
            with suppress(DatabaseError):
                counts.refresh(pending.inspections, terms=pending.terms)
        raise
    pending, _local.pending = _local.pending, None
    if not _doomed():
        counts.refresh(pending.inspections, terms=pending.terms)
