"""Excel export of a declared list: exactly the rows the filters give, one column per declared
column, written by the platform's one spreadsheet writer (`xuncha.exports.xlsx`: real dates,
numbers as numbers, frozen and filtered header, fitted widths, print titles, formula-like text
neutralised). A column's declared `width` is the widest it grows; longer text wraps."""

from collections.abc import Mapping

from django.http import HttpResponse

from xuncha.exports.xlsx import Field, workbook_bytes
from xuncha.lists.declarations import ListSpec
from xuncha.web.downloads import XLSX, dated_name, download


def list_workbook(spec: ListSpec, rows, *, title: str) -> bytes:
    fields = [Field(str(column.label), width=column.width) for column in spec.columns]
    return workbook_bytes(fields, (spec.cells(row) for row in rows), name=title)


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
