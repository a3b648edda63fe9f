"""The one .xlsx writer: every spreadsheet the platform hands out (the declared lists, the
ledger, the coverage of a term) is written here, so that they all look and behave alike.

Every sheet gets:
* a bold header row (below an optional title row), frozen, with an autofilter over it, and
  repeated at the top of every printed page (print titles);
* values as what they are: dates and times as real Excel dates in one date format
  (`DATE_FORMAT`, `DATETIME_FORMAT`, local time), integers and decimals as numbers, text as
  text, never turned into a formula, a number or a link; text a spreadsheet could take for a
  formula quote-prefixed (`xuncha.exports.formulas`);
* column widths fitted to the content, a wide (CJK, full-width) character counting two, up to
  each column's `Field.width`; longer text wraps within its column (every cell wraps and is
  top-aligned, so rows grow to their text);
* A4, landscape when the printed columns are wider than a portrait page, scaled to one page
  wide, the grid printed, page numbers in the footer; columns that are not `printed` (a key
  kept for re-import) stay off the print area.

Rows stream to disk (xlsxwriter's constant_memory), so memory stays flat however many rows; a
cell written without a format of its own carries no style attribute, which keeps a
100,000-row ledger as fast as bare xlsxwriter. Widths are measured as the rows pass and set
when the sheet is closed.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.exports.formulas import NEEDS_PREFIX
from xuncha.web.downloads import XLSX, download

# One date format for every export, the way offices write dates (2025年2月20日).
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm:ss'
DECIMAL_FORMAT = "0.00"
DATE_WIDTH = 14  # 2025年12月31日: ten digits and three wide characters
DATETIME_WIDTH = DATE_WIDTH + 9  # and " 23:59:59"

PADDING = 2  # characters beside the widest content of a column
FILTER_BUTTON = 2  # characters the autofilter's button takes in a header cell
MIN_WIDTH = 4
PORTRAIT_WIDTH = 100  # characters of printed columns that an A4 portrait page holds at 100 %
PROGRESS_EVERY = 1000
SHEET_NAME_LIMIT = 31  # Excel's
_SHEET_NAME_UNSAFE = re.compile(r"[\[\]:*?/\\]")

# Characters a spreadsheet shows two columns wide: CJK ideographs, kana, hangul, CJK
# punctuation and the full-width forms (East Asian Width W and F).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Field:
    """A column of a sheet."""

    header: str
    width: float = 40  # the widest (in characters) the column grows for its text; longer text wraps
    printed: bool = True  # False: kept off paper (a key for re-import); such columns come last


def display_width(text: str) -> int:
    """How many characters wide `text` shows in a spreadsheet: its longest line, a wide
    (CJK, full-width) character counting two."""
    if "\n" in text:
        return max(display_width(line) for line in text.split("\n"))
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def sheet_name(name: str) -> str:
    """`name` as Excel accepts a sheet's name: no []:*?/\\, no apostrophe at either end, 31
    characters at most."""
    cleaned = _SHEET_NAME_UNSAFE.sub("_", str(name)).strip("'")[:SHEET_NAME_LIMIT]
    return cleaned or "Sheet1"


def write_sheet(
    out,
    fields: Sequence[Field],
    rows: Iterable[Sequence],
    *,
    name: str,
    title: str = "",
    footer: str | None = None,
    font_size: int = 11,
    fit: Callable[[str], str] | None = None,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Write a one-sheet workbook to `out` (a path or a binary file object); returns the
    number of rows written.

    `name`: the sheet's name; `title`: a title row above the header, merged over the printed
    columns (none when empty). `footer`: the printed footer (default "page P of N" in the
    user's language). `fit`: what to write instead of a text longer than an Excel cell holds
    (the ledger cuts it with a mark its import recognises); without it such a text is cut
    where Excel's limit falls. `progress(done, total)` is called every PROGRESS_EVERY rows and
    once at the end.
    """
    book = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            # user text is written as text: never turned into a formula, a number or a link
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_format_properties": {
                "font_name": "宋体",
                "font_size": font_size,
                "text_wrap": True,
                "valign": "top",
            },
        },
    )
    book.set_properties({"title": title or name})
    sheet = book.add_worksheet(sheet_name(name))
    header_format = book.add_format(
        {"bold": True, "bg_color": "#E8EEF7", "border": 1, "align": "center", "valign": "vcenter"}
    )
    quoted = book.add_format({"quote_prefix": True})
    day = book.add_format({"num_format": DATE_FORMAT})
    moment = book.add_format({"num_format": DATETIME_FORMAT})
    decimal = book.add_format({"num_format": DECIMAL_FORMAT})
    muted = book.add_format({"font_color": "#808080", "text_wrap": False})

    last = len(fields) - 1
    printed = [f for f in fields if f.printed]
    last_printed = len(printed) - 1
    for n, f in enumerate(fields):
        if not f.printed:  # before any row: streamed rows take the column's format as they are written
            sheet.set_column(n, n, f.width, muted)

    header_row = 1 if title else 0
    if title:
        sheet.set_row(0, 30)
        title_format = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
        if last_printed > 0:
            sheet.merge_range(0, 0, 0, last_printed, title, title_format)
        else:
            sheet.write_string(0, 0, title, title_format)
    for n, f in enumerate(fields):
        sheet.write_string(header_row, n, str(f.header), header_format)

    caps = [f.width for f in fields]
    text_widths = [0] * len(fields)  # the widest text so far, at most the column's cap
    fixed_widths = [0] * len(fields)  # the widest number or date: these never wrap
    write_string, write_number, write_datetime = sheet.write_string, sheet.write_number, sheet.write_datetime
    row = header_row
    count = 0
    for count, cells in enumerate(rows, start=1):
        row = header_row + count
        for col, value in enumerate(cells):
            kind = value.__class__
            if kind is not str:
                if value is None:
                    continue
                if kind is bool:
                    value = str(value)
                elif kind is int:
                    write_number(row, col, value)
                    fixed_widths[col] = max(fixed_widths[col], len(str(value)))
                    continue
                elif kind is float or kind is Decimal:
                    write_number(row, col, float(value), decimal)
                    fixed_widths[col] = max(fixed_widths[col], len(f"{value:.2f}"))
                    continue
                elif kind is datetime:
                    if timezone.is_aware(value):
                        value = timezone.localtime(value)
                    write_datetime(row, col, value.replace(tzinfo=None), moment)
                    fixed_widths[col] = DATETIME_WIDTH
                    continue
                elif kind is date:
                    write_datetime(row, col, datetime(value.year, value.month, value.day), day)
                    fixed_widths[col] = max(fixed_widths[col], DATE_WIDTH)
                    continue
                else:  # a lazy translation, an enum label: its text
                    value = str(value)
            if not value:
                continue
            style = quoted if value.startswith(NEEDS_PREFIX) else None
            if write_string(row, col, value, style) == -2 and fit is not None:
                write_string(row, col, fit(value), style)  # longer than a cell holds
            best = text_widths[col]
            if best < caps[col] and 2 * len(value) > best:
                text_widths[col] = min(max(best, display_width(value)), caps[col])
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, total)

    width = 0.0
    for n, f in enumerate(fields):
        header = display_width(str(f.header)) + FILTER_BUTTON
        fitted = max(min(max(header, text_widths[n]) + PADDING, f.width), fixed_widths[n] + PADDING, MIN_WIDTH)
        sheet.set_column(n, n, fitted, None if f.printed else muted)
        width += fitted if f.printed else 0

    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, max(row, header_row + 1), last)
    sheet.repeat_rows(header_row)
    if last_printed < last:
        sheet.print_area(0, 0, max(row, header_row + 1), last_printed)
    sheet.hide_gridlines(0)  # the grid shown and printed: a table on paper
    sheet.set_paper(9)  # A4
    if width > PORTRAIT_WIDTH:
        sheet.set_landscape()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages long as it takes
    sheet.set_footer("&C" + (footer if footer is not None else _("Page &P of &N")))
    book.close()
    if progress is not None:
        progress(count, total or count)
    return count


def workbook_bytes(fields: Sequence[Field], rows: Iterable[Sequence], **options) -> bytes:
    """The workbook `write_sheet` writes, as bytes."""
    buffer = BytesIO()
    write_sheet(buffer, fields, rows, **options)
    return buffer.getvalue()


def xlsx_download(
    filename: str, fields: Sequence[Field], rows: Iterable[Sequence], *, fallback: str, **options
) -> HttpResponse:
    """The workbook as a download called `filename` (see `xuncha.web.downloads`: the Chinese
    name for browsers that read it, `fallback` in ASCII for those that do not)."""
    return download(workbook_bytes(fields, rows, **options), filename, content_type=XLSX, fallback=fallback)
