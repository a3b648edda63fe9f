"""What typed and imported text becomes before anything stores or looks it up: the one home
for input normalisation. Forms (xuncha.web.forms), query-string filters (xuncha.web.pages) and
the ledger importer (xuncha.ledger) all call these functions, so a name typed in a form and the
same name read from a spreadsheet cell are stored alike.

- Ids: NFKC first (a full-width "１２" is 12, as a person reading it would say), then ASCII
  digits only, within the database's bigint range. Anything else is "no id", never a crash:
  "²".isdigit() is true but int("²") fails, and a 20-digit id overflows SQLite and PostgreSQL.
- Names and titles: control and format characters (Unicode categories Cc and Cf: NUL,
  zero-width spaces and joiners, the bidi embeddings, overrides and isolates, the BOM) are
  removed. They are invisible, so two names that look the same would differ, and a
  right-to-left override makes a name read backwards in a list. Tabs and line breaks
  become spaces in a one-line name.
- Codes, phone numbers and other values where digits and Latin letters are expected: NFKC, so
  full-width "０５９２" and ASCII "0592" are one value.
- Long text keeps its line breaks; NUL is refused with a message, since PostgreSQL cannot store
  it and a NUL in typed text is never intended.
"""

import unicodedata

# PostgreSQL's bigint (and SQLite's INTEGER) hold at most 2**63 - 1.
MAX_ID = 2**63 - 1

# Excel's limit for one cell: longer text is cut off when the ledger is exported.
EXCEL_CELL_LIMIT = 32_767

_LINE_BREAKS = {"\t", "\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}


def parse_id(raw) -> int | None:
    """A primary key from a query string, a form or a cell, or None when it cannot be one."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def has_nul(value: str) -> bool:
    return "\x00" in value


def is_invisible(char: str) -> bool:
    """A control or format character: NUL and C0/C1 controls, zero-width space and joiners
    (U+200B–U+200D), the direction marks (U+200E–U+200F), embeddings and overrides
    (U+202A–U+202E), isolates (U+2066–U+2069) and the byte-order mark (U+FEFF)."""
    return unicodedata.category(char) in {"Cc", "Cf"}


def clean_name(value: str) -> str:
    """A one-line name or title: invisible characters removed, line breaks and tabs turned into
    spaces, outer spaces stripped."""
    out = []
    for char in value:
        if char in _LINE_BREAKS:
            out.append(" ")
        elif not is_invisible(char):
            out.append(char)
    return "".join(out).strip()


def clean_text(value: str) -> str:
    """Multi-line text: line breaks and tabs kept, every other invisible character removed."""
    return "".join(char for char in value if char in _LINE_BREAKS or not is_invisible(char))


def clean_code(value: str) -> str:
    """A code, phone number or other value of digits and Latin letters: NFKC (full-width digits
    and letters become ASCII), then as a name."""
    return clean_name(unicodedata.normalize("NFKC", value))
