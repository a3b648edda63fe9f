"""Reading a ledger file: the sheet, its header row and its data rows.

The file is untrusted: its extent is checked first and python-calamine runs in a confined
child process (`xuncha.files.untrusted`), so that a workbook made to exhaust memory is refused
with a message instead of taking the worker down.

The header row is found by its headers (within the first rows, so a title row or two above it
is fine) and columns are matched by header, not by position. A file that is not a readable
.xlsx, has no header row, lacks a column, has a column the ledger does not know, or has no
rows is refused as a whole, with one message saying which.

Formula-like text (= + - @ …) comes back exactly as it was exported: the export neutralises it
with the cell's quote prefix, not with a character added to the text
(`xuncha.exports.formulas`), so there is nothing to undo and the round trip loses nothing.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _

from xuncha.files.untrusted import (
    ConfinedFailure,
    ConfinedReaderError,
    DamagedArchive,
    UploadRefused,
    check_workbook,
    run_confined,
)
from xuncha.ledger import columns as cols
from xuncha.ledger.export import SHEET_NAME

HEADER_SEARCH_ROWS = 10
_SPACE = re.compile(r"\s+")


class LedgerFileError(ValueError):
    """The file as a whole cannot be imported; the message is for the user."""

    def __init__(self, message: str, *, row: int | None = None, column: str = ""):
        super().__init__(message)
        self.message, self.row, self.column = message, row, column


@dataclass
class Sheet:
    header_row: int  # spreadsheet row number of the header (1-based)
    positions: dict[str, int]  # column name -> index in a row
    rows: list[list]

    def __len__(self) -> int:
        return len(self.rows) - self.header_row

    def data(self) -> Iterator[tuple[int, list]]:
        """(spreadsheet row number, cells) of every row below the header that is not blank."""
        rows = self.rows
        for index in range(self.header_row, len(rows)):
            cells = rows[index]
            if cells.count("") + cells.count(None) < len(cells):
                yield index + 1, cells


def count_rows(source) -> int:
    """About how many rows the ledger has, from the extent of its sheets (nothing is parsed):
    enough to decide whether an import runs as a background job."""
    try:
        with _opened(source) as handle:
            return max((extent.rows for extent in check_workbook(handle)), default=0)
    except (UploadRefused, OSError):
        return 0  # the import itself reports why the file is refused


def read_sheet(source) -> Sheet:
    """Read the ledger sheet of `source` (a path or a binary file object)."""
    rows = _read_rows(source)
    header_row, positions = _find_header(rows)
    found = Sheet(header_row=header_row, positions=positions, rows=rows)
    if not any(True for _ in found.data()):
        raise LedgerFileError(_("The ledger has no rows below its header."), row=header_row)
    return found


def _unreadable() -> LedgerFileError:
    return LedgerFileError(_("The file could not be read as an Excel workbook (.xlsx)."))


def _read_rows(source) -> list[list]:
    """The sheet's cells, read by python-calamine in the confined child once the workbook's
    extent is within bounds."""
    try:
        with _opened(source) as handle:
            check_workbook(handle)
            handle.seek(0)
            data = handle.read()
        rows = run_confined("sheet", data, SHEET_NAME)
    except DamagedArchive:
        raise _unreadable() from None
    except (UploadRefused, ConfinedFailure) as error:
        raise LedgerFileError(error.message) from None
    except ConfinedReaderError:  # calamine's own errors, zip and XML errors alike: all mean unreadable
        raise _unreadable() from None
    except OSError:
        raise _unreadable() from None
    if rows is None:
        raise LedgerFileError(_("The file has no sheet."))
    return rows


@contextmanager
def _opened(source):
    """`source` as a seekable binary file: a path is opened (and closed after), a file object
    is rewound."""
    if isinstance(source, str) or hasattr(source, "__fspath__"):
        with open(source, "rb") as handle:
            yield handle
    else:
        source.seek(0)
        yield source


def _normalise(value) -> str:
    return _SPACE.sub("", value) if isinstance(value, str) else ""


def _find_header(rows: list[list]) -> tuple[int, dict[str, int]]:
    required = {c.header for c in cols.REQUIRED}
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = [_normalise(value) for value in cells]
        if len(required.intersection(headers)) < len(required) // 2:
            continue
        row = index + 1
        positions: dict[str, int] = {}
        for position, header in enumerate(headers):
            if not header:
                continue
            column = cols.BY_HEADER.get(header)
            if column is None:
                raise LedgerFileError(
                    _("The column %(header)s is not part of the ledger; remove it or rename it.") % {"header": header},
                    row=row,
                    column=header,
                )
            if column.name in positions:
                raise LedgerFileError(
                    _("The column %(header)s appears twice.") % {"header": header}, row=row, column=header
                )
            positions[column.name] = position
        missing = [c.header for c in cols.REQUIRED if c.name not in positions]
        if missing:
            raise LedgerFileError(
                _("The ledger lacks the columns: %(headers)s.") % {"headers": "、".join(missing)}, row=row
            )
        return row, positions
    raise LedgerFileError(
        _("No header row found: one of the first rows must hold the ledger's column headers (%(headers)s).")
        % {"headers": "、".join(c.header for c in cols.INSPECTION_COLUMNS)}
    )
