"""Writing a ledger as .xlsx in the offices' layout, formatted for printing.

One sheet: a title row, the header row, then one row per measure (a measure serving several
problems lists them all) and one per problem that has no measure yet. The sheet is written by
the platform's one spreadsheet writer (`xuncha.exports.xlsx`: frozen and filtered header
repeated on every printed page, A4 landscape one page wide, wrapped text, printed grid, real
dates, formula-like text quote-prefixed), with the offices' column widths as the widest each
column grows. The key column (台账编号) comes last and stays out of the print area; import
matches rows by it.

A text longer than an Excel cell holds is never cut silently: it is cut where it must be, with
a mark saying so (`cells.fit_cell`), and the rest of its row, key included, is written as usual.
"""

from collections.abc import Callable

from xuncha.accounts.permissions import Action
from xuncha.audit.domain import record_event
from xuncha.exports.xlsx import Field, write_sheet
from xuncha.ledger import columns as cols
from xuncha.ledger.cells import fit_cell
from xuncha.ledger.memory import paused_gc
from xuncha.ledger.queries import Ledger, inspection_ledger, ledger_title, term_ledger

SHEET_NAME = "整改台账"
FOOTER = "第 &P 页，共 &N 页"  # the ledger is in Chinese whatever the reader's language (see columns)

Progress = Callable[[int, int], None]


def ledger_fields(columns) -> list[Field]:
    """The sheet's columns: the offices' widths as the widest each grows, the key off paper."""
    return [Field(c.header, width=c.width, printed=c.role is not cols.Role.KEY) for c in columns]


def write_ledger(ledger: Ledger, out, *, title: str, progress: Progress | None = None) -> int:
    """Write `ledger` to `out` (a path or a binary file object); returns the number of rows."""
    return write_sheet(
        out,
        ledger_fields(ledger.columns),
        ledger.rows(),
        name=SHEET_NAME,
        title=title,
        footer=FOOTER,
        font_size=10,
        fit=fit_cell,
        total=len(ledger),
        progress=progress,
    )


def export_inspection_ledger(inspection, *, user, out, progress: Progress | None = None) -> int:
    """The inspection's ledger as `user` may export it, written to `out`; the export is audited."""
    with paused_gc():
        ledger = inspection_ledger(inspection, user, Action.EXPORT)
        rows = write_ledger(ledger, out, title=ledger_title(inspection=inspection), progress=progress)
    record_event("ledger.inspection.exported", actor=user, obj=inspection, data={"rows": rows})
    return rows


def export_term_ledger(term, *, user, out, progress: Progress | None = None) -> int:
    """The term's ledger (every inspection of it the user may export); the export is audited."""
    with paused_gc():
        ledger = term_ledger(term, user, Action.EXPORT)
        rows = write_ledger(ledger, out, title=ledger_title(term=term), progress=progress)
    record_event("ledger.term.exported", actor=user, obj=term, data={"rows": rows})
    return rows
