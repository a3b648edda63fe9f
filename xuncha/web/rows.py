"""Rows prepared in the view, so that a list's template only places them (issue 19).

Django's filters redo per cell what is the same for the whole page: `truncatechars` looks up its
ellipsis through pgettext on every call, `date` looks up the language's format, `get_FOO_display`
builds the choices' dict and translates the label, and `{% url %}` resolves the route. Each
helper here does that once per page and then only applies it; the text it gives is the same
as the filter's (tests/web/test_rows.py compares them).
"""

import html
import unicodedata
from datetime import date

from django.urls import reverse
from django.utils import dateformat, formats
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import add_truncation_text


class Shortener:
    """`truncatechars:length` with the language's ellipsis looked up once."""

    def __init__(self, length: int):
        self.length = length
        self.suffix = add_truncation_text("")  # the language's "…" (zh-hans: "...")
        self.keep = max(0, length - sum(1 for char in self.suffix if not unicodedata.combining(char)))

    def __call__(self, text) -> str:
        if isinstance(text, SafeData):  # as the filter, safe text stays safe
            return mark_safe(self._shorten(text))  # a prefix of safe text
        return self._shorten("" if text is None else str(text))

    def _shorten(self, text: str) -> str:
        if self.length <= 0:
            return ""
        if len(text) <= self.length and unicodedata.is_normalized("NFC", text):
            return text  # short enough, and nothing the filter's normalisation would change
        text = unicodedata.normalize("NFC", text)
        counted = 0
        end = None
        for index, char in enumerate(text):
            if unicodedata.combining(char):
                continue  # combining characters do not count, as in the filter
            counted += 1
            if end is None and counted > self.keep:
                end = index
            if counted > self.length:
                return add_truncation_text(text[: end or 0], self.suffix)
        return text


class DateText:
    """The `date` filter without argument: the language's DATE_FORMAT looked up once, each
    distinct date formatted once (a page's rows share few dates)."""

    def __init__(self, empty: str = ""):
        self.format = formats.get_format("DATE_FORMAT")
        self.empty = empty
        self.seen: dict[date, str] = {}

    def __call__(self, value) -> str:
        if value in (None, ""):
            return self.empty
        text = self.seen.get(value)
        if text is None:
            text = self.seen[value] = str(dateformat.format(value, self.format)) or self.empty
        return text


def labels(choices) -> dict:
    """A choices' labels by value, translated once: `labels[row.status]` for get_status_display."""
    return {value: str(label) for value, label in choices}


def link(name: str):
    """A route with one id as a function of that id, reversed once: `link("clues:detail")(7)`
    gives what `{% url 'clues:detail' 7 %}` gives."""
    marker = 2_147_483_647
    prefix, _, suffix = reverse(name, args=[marker]).rpartition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def escaped(value) -> str:
    """`conditional_escape`, cheaper for the counts and plain texts a prepared row is made of:
    an int needs no escaping, safe text is kept, anything else is escaped as Django escapes."""
    if type(value) is int:
        return str(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def html_row(template: str, *args, **kwargs) -> SafeString:
    """`format_html` for prepared rows (`escaped`): a table of 50 rows of ten cells made in one
    pass each, without a template variable per cell."""
    return SafeString(template.format(*map(escaped, args), **{k: escaped(v) for k, v in kwargs.items()}))


def options(choices, chosen) -> str:
    """`<option>`s of a filter's select, made in one pass: (value, label) pairs, the one equal
    to `chosen` selected. A select of a province's 180 terms cost the page more than its rows
    as a template loop (issue 19)."""
    return SafeString(
        "".join(
            f'<option value="{escaped(value)}"{" selected" if value == chosen else ""}>{escaped(label)}</option>'
            for value, label in choices
        )
    )
