"""Writing a ledger as .xlsx in the offices' layout, formatted for printing.

One sheet: a title row, the header row (frozen, repeated on every printed page), then one row
per measure (a measure serving several problems lists them all) and one per problem that has
no measure yet. A4 landscape, one page wide, wrapped text, printed grid, the offices' column
widths, an autofilter on the headers. The key column (台账编号) comes last and stays out of the
print area; import matches rows by it.

xlsxwriter's constant_memory mode streams rows to disk, so memory stays flat however long
the ledger; user text is always written as text, never as a formula or link. A text longer
than an Excel cell holds is never cut silently: it is cut where it must be, with a mark saying
so (`cells.fit_cell`), and the rest of its row, key included, is written as usual.
"""

from collections.abc import Callable

import xlsxwriter

from xuncha.accounts.permissions import Action
from xuncha.audit.domain import record_event
from xuncha.ledger import columns as cols
from xuncha.ledger.cells import fit_cell
from xuncha.ledger.memory import paused_gc
from xuncha.ledger.queries import Ledger, inspection_ledger, ledger_title, term_ledger

# Body cells take the workbook's default format (wrapped, top-aligned): a cell written without a
# format of its own carries no style attribute, which keeps writing as fast as bare xlsxwriter
# (a column format would put a style on every one of the ~1.7 million cells of a big ledger).
# Cell borders would need such a style too, so the grid is printed as gridlines instead.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "default_format_properties": {"font_name": "宋体", "font_size": 10, "text_wrap": True, "valign": "top"},
}
SHEET_NAME = "整改台账"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROGRESS_EVERY = 1000

Progress = Callable[[int, int], None]


def write_ledger(ledger: Ledger, out, *, title: str, progress: Progress | None = None) -> int:
    """Write `ledger` to `out` (a path or a binary file object); returns the number of rows."""
    columns = ledger.columns
    book = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
    book.set_properties({"title": title})
    sheet = book.add_worksheet(SHEET_NAME)
    title_format = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    header_format = book.add_format(
        {"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"}
    )
    key = book.add_format({"font_color": "#808080", "text_wrap": False})
    last = len(columns) - 1
    for n, column in enumerate(columns):
        sheet.set_column(n, n, column.width, key if column.role is cols.Role.KEY else None)

    sheet.set_row(0, 30)
    sheet.merge_range(0, 0, 0, last - 1, title, title_format)
    sheet.write_row(1, 0, [c.header for c in columns], header_format)
    sheet.freeze_panes(2, 0)

    total = len(ledger)
    row = 1
    for row, cells in enumerate(ledger.rows(), start=2):
        if sheet.write_row(row, 0, cells):
            # a text longer than a cell holds: xlsxwriter cut it and stopped, dropping the rest
            # of the row and its key; the row is written again with every long text cut visibly
            sheet.write_row(row, 0, [fit_cell(cell) for cell in cells])
        if progress is not None and (row - 1) % PROGRESS_EVERY == 0:
            progress(row - 1, total)

    sheet.hide_gridlines(0)  # printed gridlines: the ledger's grid on paper
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(1)
    sheet.autofilter(1, 0, max(row, 1), last)
    sheet.print_area(0, 0, max(row, 1), last - 1)  # the key column is for import, not for paper
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&C第 &P 页，共 &N 页")
    book.close()
    if progress is not None:
        progress(total, total)
    return total


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
