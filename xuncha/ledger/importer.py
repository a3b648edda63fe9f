"""Importing a ledger .xlsx into one inspection: all rows or nothing.

What an import can change (and nothing else):
* the five points of an existing measure: 整改目标, 整改措施, 责任领导, 牵头单位, 责任单位,
  整改时限 (a date and/or 长期坚持), 阶段目标, 完成标准, and the problems it serves (反馈问题,
  by number);
* new measures: a row with an empty 台账编号, or the row of a problem that had no measure
  (台账编号 P…) with its measure filled in, becomes a measure of that problem's plan.
Progress, status, evidence and sign-off (整改进展, 完成情况, 佐证材料, 销号情况), the inspected
organisation, the aspect and the feedback's own wording are kept in the platform: a cell that
differs from the platform is an error, never silently dropped. 序号 is renumbered on export and
not read. A measure missing from the file is left as it is (a file may cover part of a ledger);
import never removes a measure.

How: the file is read (python-calamine, `reading`), every row is checked against the ledger as
the platform holds it for the user's scope (`rowcheck`: an unchanged row compares equal to the
export's rendering and costs nothing; a changed row is validated by the measure form). Changes
then go through the domain functions the pages use inside one transaction: the edits of existing
measures together through `update_measures` (what `update_measure` does to one measure, in a
fixed number of queries: guard, full_clean, optimistic version from the row's key, history,
audit, tallies), new measures through `add_measure`, each in its own savepoint. Every bad row
is reported, and the transaction is rolled back if any row was bad. Errors name the
spreadsheet row and the column header.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.ledger import columns as cols
from xuncha.ledger.memory import paused_gc
from xuncha.ledger.reading import LedgerFileError, read_sheet
from xuncha.ledger.rowcheck import FIELD_COLUMN, Change, RowChecker
from xuncha.rectification import domain

MAX_ERRORS = 1000  # kept and shown; the count of all errors is kept beside them


@dataclass(frozen=True)
class RowError:
    row: int | None  # spreadsheet row number, 1-based
    column: str  # the column's header, or "" for the whole row or file
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    unchanged: int = 0
    updated: int = 0
    added: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, str(message)))


def import_ledger(
    inspection, *, by, source, progress: Callable[[int, int], None] | None = None, job_id: int | None = None
) -> ImportResult:
    """Check every row of `source` (a path or binary file) and apply them all, or none. The
    `ledger.import.applied` event is written in the transaction of the changes (naming the job
    that ran the import, if one did), so it exists exactly when they do."""
    from xuncha.workflow import actions

    actions.check("inspection.import_ledger", by, inspection)  # again in the worker: who may still
    result = ImportResult()
    changes: list[Change] = []
    # the checks only read and compare (gc paused); the domain functions below run as usual.
    # The file is scanned and parsed (in the confined child) in another thread while this one
    # reads the platform's ledger: the two overlap instead of adding up (issue 19).
    with paused_gc(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger-read") as pool:
        reading = pool.submit(_read_in_language, get_language(), source)
        checker = RowChecker(inspection, by, result)
        try:
            sheet = reading.result()
        except LedgerFileError as error:
            result.add_error(error.row, error.column, error.message)
        else:
            changes = checker.rows(sheet, progress)
    applied = Applied(inspection, by, job_id)
    if changes:
        _apply(applied, changes, result)
    elif result.ok:
        applied.record(result)  # every row unchanged
    if not result.ok:
        result.updated = result.added = 0
        record_event("ledger.import.refused", actor=by, obj=inspection, data={"errors": result.error_count})
    return result


def _read_in_language(language: str, source):
    """`read_sheet` in another thread, its messages in the importing user's language."""
    with translation.override(language):
        return read_sheet(source)


@dataclass(frozen=True)
class Applied:
    inspection: object
    by: object
    job_id: int | None

    def record(self, result: ImportResult) -> None:
        data = {"rows": result.rows, "updated": result.updated, "added": result.added}
        if self.job_id is not None:
            data["job"] = self.job_id
        record_event("ledger.import.applied", actor=self.by, obj=self.inspection, data=data)


def _apply(applied: Applied, changes: list[Change], result: ImportResult) -> None:
    """Apply every change through the domain functions in one transaction; roll it all back
    if any row (here or in the checks before) was refused. The edits of existing measures go
    through `update_measures` together (the same checks, history, audit and tallies as
    `update_measure` one by one, in a fixed number of queries); new measures through
    `add_measure`, each in its savepoint. Every refused row is reported, in row order."""
    by = applied.by
    edits = [c for c in changes if c.measure_id is not None]
    additions = [c for c in changes if c.measure_id is None]
    refused: list[tuple[int, Exception]] = []
    with transaction.atomic(), tallies.deferred():  # the summary tallies are recounted once, at the end
        try:
            with transaction.atomic():
                result.updated = len(
                    domain.update_measures(
                        [
                            domain.MeasureEdit(c.measure_id, c.version, c.fields, problems=c.problems, units=c.units)
                            for c in edits
                        ],
                        by=by,
                    )
                )
        except domain.EditsRefused as error:
            refused += [(edits[index].row, reason) for index, reason in error.refusals.items()]
        for change in additions:
            try:
                with transaction.atomic():
                    domain.add_measure(
                        change.plan, by=by, problems=change.problems, units=change.units, **change.fields
                    )
                    result.added += 1
            except ValidationError as error:
                refused.append((change.row, error))
        for row, error in sorted(refused, key=lambda item: item[0]):
            if isinstance(error, ConcurrentEditError):
                result.add_error(
                    row,
                    cols.KEY.header,
                    _("Somebody changed this measure while the ledger was being imported; import again."),
                )
            else:
                _report_validation(result, row, error)
        if result.ok:
            applied.record(result)
        else:
            transaction.set_rollback(True)


def _report_validation(result: ImportResult, row: int, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            column = FIELD_COLUMN.get(name)
            for message in messages:
                result.add_error(row, column.header if column else "", message)
    else:
        for message in error.messages:
            result.add_error(row, "", message)
