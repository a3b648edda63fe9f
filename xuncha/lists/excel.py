"""Excel export of a declared list: exactly the rows the filters give, with real dates,
a date format, an autofilter, a frozen header, fitted widths and print titles. Text that a
spreadsheet could take for a formula (= + - @, tab, carriage return at the start) gets a
leading apostrophe-like quote as OWASP recommends, so it stays text even after re-editing."""

from datetime import date, datetime
from io import BytesIO
from urllib.parse import quote

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone

from xuncha.lists.declarations import ListSpec
from xuncha.web.exports import XLSX, neutralised


def list_workbook(spec: ListSpec, rows, *, title: str) -> bytes:
    buffer = BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "remove_timezone": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = book.add_worksheet(title[:31])
    header = book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for col, column in enumerate(spec.columns):
        sheet.write(0, col, str(column.label), header)
        sheet.set_column(col, col, column.width)
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, value in enumerate(spec.cells(row)):
            if isinstance(value, datetime):
                sheet.write_datetime(count, col, timezone.localtime(value).replace(tzinfo=None), day)
            elif isinstance(value, date):
                sheet.write_datetime(count, col, datetime(value.year, value.month, value.day), day)
            elif value is None:
                sheet.write_blank(count, col, None)
            else:
                sheet.write(count, col, neutralised(value))  # forms keep texts within a cell (web.forms)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(count, 1), len(spec.columns) - 1)
    sheet.repeat_rows(0)
    book.close()
    return buffer.getvalue()


def list_download(spec: ListSpec, rows, *, title: str) -> HttpResponse:
    name = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(list_workbook(spec, rows, title=title), content_type=XLSX)
    ascii_name = f"{spec.name}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
