"""How single values are written into ledger cells and read back.

Writing is canonical (one text per value) so that an exported ledger imported unchanged
compares equal cell by cell. Reading is lenient in the ways people edit spreadsheets: a date
typed as a real date cell, as 2025年2月20日, 2025-2-20, 2025/2/20, 2025.2.20, "2025年12月底前" or
"2025年底", full-width or ASCII brackets around problem numbers, names separated by 、 , ; or
new lines. Anything else is refused with a message, never guessed.
"""

import calendar
import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xuncha.ledger.columns import CUT_MARK, LIST_SEPARATOR, ONGOING
from xuncha.web.inputs import clean_text

# Excel keeps at most this many characters in a cell, counted in UTF-16 units (a character
# beyond U+FFFF counts two); xlsxwriter cuts longer text there and write_row then drops the rest
# of the row, its key with it. Text typed into the ledger's fields is held to it
# (`validate_cell_length`); longer text (older records, several problems in one cell) is
# written by `fit_cell`, cut short with a mark that import recognises.
CELL_LIMIT = 32767


class CellError(ValueError):
    """A cell that cannot be read; the message is for the user (already translated)."""


def utf16_length(text: str) -> int:
    """The length of `text` as Excel counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fits_cell(text: str) -> bool:
    return len(text) <= CELL_LIMIT // 2 or utf16_length(text) <= CELL_LIMIT


def fit_cell(value):
    """`value` as the export writes it: text longer than an Excel cell holds is cut to what fits
    with CUT_MARK after it (never inside a character); anything else unchanged."""
    if not isinstance(value, str) or fits_cell(value):
        return value
    budget = CELL_LIMIT - utf16_length(CUT_MARK)
    kept = value[:budget]
    while (excess := utf16_length(kept) - budget) > 0:
        kept = kept[: len(kept) - (excess + 1) // 2]
    return kept + CUT_MARK


def was_cut(text: str) -> bool:
    return text.endswith(CUT_MARK)


def validate_cell_length(value: str) -> None:
    """A text that goes into a ledger cell must fit in one (Excel's limit), so that an exported
    ledger shows it whole and imports back unchanged."""
    if isinstance(value, str) and not fits_cell(value):
        raise ValidationError(
            _(
                "This text has %(length)d characters; a ledger cell (Excel) holds at most %(limit)d. "
                "Shorten it, or put the details in an attached file."
            ),
            code="cell_length",
            params={"length": utf16_length(value), "limit": CELL_LIMIT},
        )


def format_date(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def deadline_cell(deadline: date | None, ongoing: bool) -> date | str:
    """The 整改时限 cell as exported: a deadline alone is a real date (the writer gives it the
    date format), with 长期坚持 beside it or alone it is text."""
    if deadline and not ongoing:
        return deadline
    return format_deadline(deadline, ongoing)


def format_deadline(deadline: date | None, ongoing: bool) -> str:
    if deadline and ongoing:
        return f"{format_date(deadline)}；{ONGOING}"
    if ongoing:
        return ONGOING
    return format_date(deadline)


def same_text(cell: str, stored: str) -> bool:
    """Whether a cell's text says what the stored text says: a browser's textarea stores line
    ends as CR LF, Excel writes LF, and a form strips the ends."""
    return cell.replace("\r\n", "\n").strip() == stored.replace("\r\n", "\n").strip()


def cell_text(value) -> str:
    """The text of a cell as python-calamine returns it (str, float, int, bool, date, …), with
    invisible and direction-control characters removed as a form removes them
    (xuncha.web.inputs.clean_text): every cell the importer reads passes here."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return format_date(value.date()) if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return format_date(value)
    return str(value)


_FULL = re.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?")
_MONTH_END = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*底")
_YEAR_END = re.compile(r"(\d{4})\s*年\s*底")
_FILLER = re.compile(r"[\s；;，,、。（）()]|前|完成|之前")


def parse_deadline(value) -> tuple[date | None, bool]:
    """(deadline, ongoing) from the 整改时限 cell."""
    if isinstance(value, datetime):
        return value.date(), False
    if isinstance(value, date):
        return value, False
    text = cell_text(value).strip()
    if not text:
        return None, False
    ongoing = ONGOING in text
    rest = text.replace(ONGOING, " ")
    found = None
    for pattern in (_FULL, _MONTH_END, _YEAR_END):
        match = pattern.search(rest)
        if match:
            found = _date_from(pattern, match)
            rest = rest[: match.start()] + " " + rest[match.end() :]
            break
    if _FILLER.sub("", rest):
        raise CellError(_("Write the deadline as a date such as 2025年2月20日, or as 长期坚持."))
    return found, ongoing


def _date_from(pattern, match) -> date:
    try:
        if pattern is _FULL:
            return date(int(match[1]), int(match[2]), int(match[3]))
        if pattern is _MONTH_END:
            year, month = int(match[1]), int(match[2])
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(int(match[1]), 12, 31)
    except ValueError:
        raise CellError(_("%(text)s is not a date.") % {"text": match[0]}) from None


_NAME_SPLIT = re.compile(r"[、,，;；\n]+")


def split_names(value) -> list[str]:
    """Unit names from a cell, in order, without blanks or repeats."""
    names = []
    for part in _NAME_SPLIT.split(cell_text(value)):
        part = part.strip()
        if part and part not in names:
            names.append(part)
    return names


def join_names(names) -> str:
    return LIST_SEPARATOR.join(names)


_PROBLEM_LINE = re.compile(r"^\s*[（(]\s*([^）)\s]{1,16})\s*[）)]\s*(.*)$")
_BARE_NUMBERS = re.compile(r"^[\s\d、,，;；]+$")


def parse_problem_refs(value) -> list[tuple[str, str]]:
    """(number, wording) of each problem named in the 反馈问题 cell.

    A problem is named by its number in brackets at the start of a line, "（3）…", as exported;
    the wording after it is for reading (lines that do not start with a number continue the
    wording above). A cell of bare numbers ("3、5") is accepted too.
    """
    text = cell_text(value)
    if _BARE_NUMBERS.match(text) and text.strip():
        return [(number, "") for number in split_names(text)]
    refs = []
    for line in text.split("\n"):
        match = _PROBLEM_LINE.match(line)
        if match:
            refs.append((match[1], match[2].strip()))
    if text.strip() and not refs:
        raise CellError(_("Name each problem by its number at the start of a line, e.g. （3）."))
    return refs
