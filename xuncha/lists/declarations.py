"""Declared lists: one filter declaration and one column declaration per list, read by the
HTML page, the Excel export of exactly the filtered rows and the API list endpoint (NetBox's
FilterSet and Table serve all three the same way).

A `ListSpec` names its permission-scoped base queryset (`base(user)`, the app's
`*_for_user`), its filters and its columns. `rows(user, params)` is the one place that turns
a query string into rows; the page, the export and the API all call it, so the same filter
gives the same rows everywhere (tested per list in `tests/lists`).

Malformed filter values are ignored rather than refused: a link from an old page should still
open the list. The API reports them instead (`unknown` and `invalid` in `parse`).
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from django.db.models import QuerySet

READ_CHUNK = 2_000  # rows an export of a list with `read` prepares together


def _whole(raw: str) -> int | None:
    from xuncha.web.inputs import parse_id

    return parse_id(raw)


# 2026-12-02, 2026/12/2, 2026.12.2 and 2026年12月2日 (full-width digits too): the forms people type
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _day(raw: str) -> date | None:
    found = _DAY.fullmatch(unicodedata.normalize("NFKC", raw).strip())
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


PARSERS: dict[str, Callable[[str], Any]] = {
    "id": _whole,
    "text": lambda raw: raw.strip()[:100] or None,
    "flag": lambda raw: True if raw == "1" else None,
    "date": _day,
}


@dataclass(frozen=True)
class Filter:
    name: str  # the query-string key
    label: Any
    kind: str  # id, text, flag, date, choice
    apply: Callable[[QuerySet, Any], QuerySet]
    choices: Callable[[], list[tuple[str, Any]]] | None = None  # for kind "choice"
    absent: Callable[[QuerySet], QuerySet] | None = None  # applied when the filter is not given

    def parse(self, raw: str):
        if self.kind == "choice":
            allowed = {value for value, _label in self.choices()}
            return raw if raw in allowed and raw != "" else None
        return PARSERS[self.kind](raw)


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    value: Callable[[Any], Any]  # the cell's value from a row (a model instance)
    kind: str = "text"  # text, date, datetime, number (an integer)
    width: int = 16  # characters: the widest its Excel column grows (longer text wraps)


@dataclass(frozen=True)
class ListSpec:
    name: str  # the list's key: URL part of its export and API endpoint
    label: Any
    base: Callable[..., QuerySet]  # (user, action) -> the user's rows (permission-scoped)
    filters: tuple[Filter, ...]
    columns: tuple[Column, ...]
    ordering: tuple[str, ...] = ("-pk",)
    details: Callable[[QuerySet], QuerySet] = field(default=lambda qs: qs)  # select/prefetch for columns
    # the orders a reader may choose (`?sort=<name>`, `?sort=-<name>` reversed), by name
    sorts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # (user, rows, how) -> the rows as shown ("listed" on a page or the API, "exported"): a
    # confidential list logs the read and attaches what its columns may show (scrubbed text)
    # here, so a column reading what `prepare` attaches fails loudly on a channel that skipped it
    prepare: Callable[[Any, list, str], list] | None = None
    # (user, keys) -> the rows of those primary keys, in that order, prepared for the columns
    # from values (issue 19): a list that has it is read by key on every channel (`page_of`), and
    # `details` is not used
    read: Callable[[Any, list], list] | None = None

    def parse(self, params: Mapping[str, str]) -> dict[str, Any]:
        """The filters given and valid, by name (ignores anything else)."""
        values = {}
        for f in self.filters:
            raw = params.get(f.name, "")
            if raw:
                value = f.parse(str(raw))
                if value is not None:
                    values[f.name] = value
        return values

    def invalid(self, params: Mapping[str, str]) -> list[str]:
        """Filter names given with a value that does not parse (for the API's 422)."""
        return [f.name for f in self.filters if params.get(f.name) and f.parse(str(params[f.name])) is None]

    def ordering_for(self, params: Mapping[str, str]) -> tuple:
        """The order `?sort=` asks for when the list declares it, else the list's own."""
        raw = str(params.get("sort", "") or "")
        fields = self.sorts.get(raw.removeprefix("-"))
        if fields is None:
            return self.ordering
        if raw.startswith("-"):
            return (*(f[1:] if f.startswith("-") else f"-{f}" for f in fields), "-pk")
        return (*fields, "pk")

    def sort_invalid(self, params: Mapping[str, str]) -> bool:
        raw = str(params.get("sort", "") or "")
        return bool(raw) and raw.removeprefix("-") not in self.sorts

    def shown(self, user, rows, how: str = "listed") -> list:
        """The rows of one page or export as they are shown to `user` (see `prepare`)."""
        rows = list(rows)
        return self.prepare(user, rows, how) if self.prepare is not None else rows

    def page_of(self, user, rows: QuerySet, start: int, stop: int, how: str = "listed") -> list:
        """Rows `start` to `stop` of `rows` (the user's filtered, ordered rows) as shown."""
        if self.read is not None:
            return self.shown(user, self.read(user, list(rows.values_list("pk", flat=True)[start:stop])), how)
        return self.shown(user, self.details(rows)[start:stop], how)

    def exported(self, user, rows: QuerySet) -> Iterable:
        """Every row of `rows` as an export shows it: a list with `read` reads them by key,
        READ_CHUNK at a time."""
        if self.read is None:
            return self.shown(user, self.details(rows), "exported")
        return self._read_all(user, rows.values_list("pk", flat=True).iterator(chunk_size=READ_CHUNK))

    def _read_all(self, user, keys: Iterator) -> Iterator:
        while chunk := list(islice(keys, READ_CHUNK)):
            yield from self.shown(user, self.read(user, chunk), "exported")

    def rows(self, user, params: Mapping[str, str], action=None) -> QuerySet:
        """The user's rows for `action` (VIEW for pages and the API, EXPORT for downloads)."""
        from xuncha.accounts.permissions import Action

        rows = self.base(user, action or Action.VIEW)
        given = self.parse(params)
        for f in self.filters:
            if (value := given.get(f.name)) is not None:
                rows = f.apply(rows, value)
            elif f.absent is not None:
                rows = f.absent(rows)
        return rows.order_by(*self.ordering_for(params))

    def cells(self, row) -> list:
        return [c.value(row) for c in self.columns]


REGISTRY: dict[str, ListSpec] = {}


def declare(spec: ListSpec) -> ListSpec:
    if spec.name in REGISTRY:
        raise ValueError(f"list {spec.name} declared twice")
    REGISTRY[spec.name] = spec
    return spec
