"""Dates as Chinese documents write them, with the year carried over when it repeats.

Forms read: "2021年1月11日", "二〇二二年二月二十二日", "2022.2.22", "2022-02-22", "2022/2/22",
"2022年6月底" (the month's last day), and "6月25日" or "六月二十五日" without a year.
A sentence states the year once and then drops it ("2021年1月11日至2月6日…6月25日,巡视组
反馈"): a date without a year takes the year of the last full date before it (or of a
reference date the caller gives), and rolls into the next year when the month and day go
backwards, because such sentences tell events in order. A date that does not exist (2月30日)
is not read.
"""

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .numerals import chinese_to_int

_CN_DIGIT = "〇○零一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"
_YEAR = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})\s*年\s*"
_MONTH_DAY = (
    rf"(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*月\s*(?:(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*(?:日|号)|(?P<end>底))"
)
_WRITTEN = re.compile(rf"(?<![\d{_CN_SMALL}])(?:{_YEAR})?{_MONTH_DAY}")
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?P<s>[.\-/])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<d>\d{1,2})(?![\d])"
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    start: int
    end: int
    has_year: bool


def parse_date(text: str) -> date | None:
    """The date `text` is, exactly (surrounding spaces aside), when it states its year."""
    text = text.strip()
    for found in find_dates(text):
        if found.has_year and (found.start, found.end) == (0, len(text)):
            return found.value
    return None


def find_dates(text: str, *, reference: date | None = None) -> list[FoundDate]:
    """Every date in `text`, in order; a date without a year takes it from the one before."""
    return list(_iter_dates(text, reference))


def _iter_dates(text: str, reference: date | None) -> Iterator[FoundDate]:
    matches = sorted(
        [(m.start(), m.end(), m) for m in _NUMERIC.finditer(text)]
        + [(m.start(), m.end(), m) for m in _WRITTEN.finditer(text)],
        key=lambda entry: entry[0],
    )
    last = reference
    taken_until = -1
    for start, end, match in matches:
        if start < taken_until:
            continue
        month, day = _number(match["m"]), _number(match["d"])
        month_end = bool(match.groupdict().get("end"))
        year_text = match["y"]
        if year_text:
            year = _number(year_text)
            has_year = True
        elif last is not None:
            day_of_month = 31 if month_end else (day or 0)
            year = last.year + (1 if (month or 0, day_of_month) < (last.month, last.day) else 0)
            has_year = False
        else:
            continue
        if month_end and month is not None and 1 <= month <= 12:
            day = calendar.monthrange(year, month)[1]  # "6月底": the month's last day
        value = _date(year, month, day)
        if value is None:
            continue
        taken_until = end
        last = value
        yield FoundDate(value, start, end, has_year)


def _number(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return int(text)
    try:
        return chinese_to_int(text)
    except ValueError:
        return None


def _date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
