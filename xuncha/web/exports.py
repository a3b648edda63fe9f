"""Spreadsheet downloads of pages that are not declared lists (always of rows already restricted
to the user), and the neutralising of formula-like text every workbook applies."""

from collections.abc import Iterable, Sequence
from io import BytesIO

import xlsxwriter
from django.http import HttpResponse

from xuncha.web.downloads import XLSX, download

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """User text as a cell: text a spreadsheet could take for a formula gets a leading quote,
    as OWASP recommends, so it stays text even after someone edits the cell in Excel."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_response(
    name: str, title: str, headers: Sequence[str], rows: Iterable[Sequence], *, fallback: str
) -> HttpResponse:
    """A one-sheet workbook called `name` (see web.downloads), `fallback` its ASCII name."""
    buffer = BytesIO()
    # user text is written as text: never turned into formulas or links
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "remove_timezone": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True})
    for col, header in enumerate(headers):
        sheet.write(0, col, str(header), bold)
        sheet.set_column(col, col, max(10, min(40, len(str(header)) * 3)))
    for row_no, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            sheet.write(row_no, col, "" if value is None else neutralised(value))
    sheet.freeze_panes(1, 0)
    book.close()
    return download(buffer.getvalue(), name, content_type=XLSX, fallback=fallback)
