"""Excel export of a declared list: exactly the rows the filters give, with real dates,
a date format, an autofilter, a frozen header, fitted widths and print titles. Text that a
spreadsheet could take for a formula (= + - @, tab, carriage return at the start) gets a
leading apostrophe-like quote as OWASP recommends, so it stays text even after re-editing."""

from collections.abc import Mapping
from datetime import date, datetime
from io import BytesIO

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone

from xuncha.lists.declarations import ListSpec
from xuncha.web.downloads import XLSX, dated_name, download
from xuncha.web.exports import neutralised


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


def subject(spec: ListSpec, user, params: Mapping[str, str]) -> list[str]:
    """What a filtered download is about, for its name: the term, inspection or organisation
    its filters name, read through the user's own scope (an id the user may not see names
    nothing). Names of terms, inspections and organisations only, never case text."""
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.orgs.queries import organisations_for_user
    from xuncha.plans.queries import terms_for_user

    given = spec.parse(params)
    words = []
    if "term" in given:
        words += terms_for_user(user).filter(pk=given["term"]).values_list("name", flat=True)[:1]
    if "inspection" in given:
        words += inspections_for_user(user).filter(pk=given["inspection"]).values_list("title", flat=True)[:1]
    for key in ("organisation", "org"):
        if key in given and not any(f.name == key and f.kind != "id" for f in spec.filters):
            named = organisations_for_user(user).filter(pk=given[key]).values_list("short_name", "name")[:1]
            words += [short or name for short, name in named]
    return [word[:40] for word in words]


def list_download(spec: ListSpec, rows, *, request, title: str | None = None, about=()) -> HttpResponse:
    """The rows as a workbook named ``<list>-<what it is about>-<date>.xlsx`` (问题线索-<inspection>-
    20261202.xlsx), with an ASCII stand-in ``<list name>-<date>.xlsx``. `about`: more words for
    the name, after those of the filters (`subject`)."""
    title = title or str(spec.label)
    about = [*subject(spec, request.user, request.GET), *about]
    return download(
        list_workbook(spec, rows, title=title),
        dated_name(title, *about, extension="xlsx"),
        content_type=XLSX,
        fallback=dated_name(spec.name, extension="xlsx"),
    )
