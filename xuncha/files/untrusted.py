"""Reading files that users upload: bounded before any parser runs, parsed in a confined child.

Every file the platform parses (a ledger .xlsx, a published report .docx/.pdf/.txt/.html) comes
through here, because the parsers are not safe against hostile input: python-calamine lays a
sheet out as a dense grid, so a 5 KB workbook with one cell at A1 and one at XFD1048576 asks
for 512 GiB and aborts the process (a Rust abort that no ``except`` catches); python-docx keeps
every part of a .docx in memory, so a 500 KB file that unpacks to gigabytes takes a worker down.

Two defences, in this order:

1. Bounds read from the file's own structure, in the web process, in bounded memory and time
   (`open_archive`, `check_workbook`): a zip-based file's member count and central directory
   size (from its end record, before `zipfile` builds an entry per member), its declared unpacked
   size and compression ratio (from the central directory), and for a workbook the extent of
   every worksheet: the ``<dimension ref=…>`` it declares (read from the start of the member)
   and the rows and cells it really holds (the member streamed through a regular expression,
   never parsed into a tree), because the declaration is optional and may lie.
2. The parser itself runs in a child process (`run_confined`, the child is
   `xuncha.files.confined`) whose address space and CPU time are limited with setrlimit. If the
   bounds missed something, the child dies, not the web worker; the caller gets
   `ConfinedFailure` with a message for the user, and nothing has been changed.

The limits are settings (XUNCHA_UNPACKED_MAX_MB, XUNCHA_ARCHIVE_MAX_MEMBERS,
XUNCHA_ARCHIVE_MAX_RATIO, XUNCHA_SHEET_MAX_ROWS/_COLUMNS/_CELLS, XUNCHA_PARSER_MEMORY_MB,
XUNCHA_PARSER_SECONDS); docs/deploy.md lists them.
"""

import json
import logging
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MB = 1024 * 1024
DIMENSION_WINDOW = 64 * 1024  # a worksheet's <dimension> comes before its data, near the start
SCAN_CHUNK = 1024 * 1024
SMALL_MEMBER = MB  # a ratio check on tiny members would refuse ordinary repetitive XML
MAX_DIRECTORY_BYTES_PER_MEMBER = 1024  # central directory bytes allowed per permitted member


class UploadRefused(ValueError):
    """The file exceeds a bound and is not parsed; the message is for the user (translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DamagedArchive(UploadRefused):
    """The file claims to be a zip archive (it starts like one) but its directory cannot be read."""


class ConfinedFailure(Exception):
    """The confined parser did not finish: killed by its memory or time limit, or crashed.
    Nothing was changed; the message is for the user (translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConfinedReaderError(Exception):
    """The confined parser finished and refused the file (a damaged or unsupported file).
    `message` is the reader's own reason (from the parsing code, not translated here)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind, self.message = kind, message


# --- bounds of a zip-based file --------------------------------------------------------------
def open_archive(handle) -> zipfile.ZipFile:
    """A ZipFile over `handle` (a seekable binary file) whose directory is within the bounds:
    member count and directory size checked from the end record before zipfile reads the
    directory, then every member's declared size and the compression ratio."""
    _check_end_record(handle)
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise DamagedArchive(_("The file is damaged: its archive directory cannot be read.")) from None
    _check_members(archive.infolist())
    return archive


def _check_end_record(handle) -> None:
    limit = settings.XUNCHA_ARCHIVE_MAX_MEMBERS
    handle.seek(0)
    try:
        # zipfile's own reading of the end record (with its zip64 extension): the count and
        # size of the central directory, before zipfile turns every entry into an object
        end = zipfile._EndRecData(handle)
    except OSError:
        end = None
    if end is None:
        raise DamagedArchive(_("The file is damaged: its archive directory cannot be read."))
    entries, directory_size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if entries > limit or directory_size > limit * MAX_DIRECTORY_BYTES_PER_MEMBER:
        raise UploadRefused(_members_message())


def _members_message() -> str:
    return _("The file holds more than %(limit)d parts; it is not read.") % {
        "limit": settings.XUNCHA_ARCHIVE_MAX_MEMBERS
    }


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > settings.XUNCHA_ARCHIVE_MAX_MEMBERS:
        raise UploadRefused(_members_message())
    unpacked_limit = settings.XUNCHA_UNPACKED_MAX_MB * MB
    ratio_limit = settings.XUNCHA_ARCHIVE_MAX_RATIO
    total = 0
    for member in members:
        total += member.file_size
        if total > unpacked_limit:
            raise UploadRefused(
                _("The file unpacks to more than %(limit)d MB; it is not read.")
                % {"limit": settings.XUNCHA_UNPACKED_MAX_MB}
            )
        if member.file_size > SMALL_MEMBER and member.file_size > ratio_limit * max(member.compress_size, 1):
            raise UploadRefused(
                _(
                    "The file is compressed more than %(ratio)d times over, as only a file made to "
                    "overload a server is; it is not read."
                )
                % {"ratio": ratio_limit}
            )


# --- bounds of a workbook --------------------------------------------------------------------
@dataclass(frozen=True)
class SheetExtent:
    """How far a worksheet reaches from A1: a reader lays it out as rows x columns cells."""

    name: str  # the archive member
    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
# Tags only: a cell <c …>, a row <row …>; their r attribute when they carry one. Without r a
# reader places the cell (row) after the previous one, so those are counted and added.
_CELL = re.compile(rb"<(?:\w+:)?c(?=[\s/>])([^>]*)>")
_ROW = re.compile(rb"<(?:\w+:)?row(?=[\s/>])([^>]*)>")
_CELL_REF = re.compile(rb"\br\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?(\d{1,7})[\"']")
_ROW_REF = re.compile(rb"\br\s*=\s*[\"'](\d{1,7})[\"']")
_PREFIXED_ROOT = re.compile(rb"<\w+:worksheet\b")
_PLAIN_ROW = re.compile(rb'<row r="(\d{1,7})"')
_PLAIN_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}(\d{1,7})"')
_PLAIN_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})')
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"\b(Type|Target)\s*=\s*[\"']([^\"']*)[\"']")


def check_workbook(handle) -> list[SheetExtent]:
    """The extent of every worksheet of the .xlsx in `handle`, refused (UploadRefused) if one
    exceeds XUNCHA_SHEET_MAX_ROWS, _COLUMNS or _CELLS, by its declaration or by its content."""
    archive = open_archive(handle)
    try:
        extents = []
        for name in _worksheets(archive):
            declared = _declared_extent(archive, name)
            if declared is not None:
                _check_extent(declared)
            extent = _scanned_extent(archive, name)
            _check_extent(extent)
            extents.append(extent)
        return extents
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, NotImplementedError):
        # a member that does not unpack as its directory says (or is encrypted or oddly compressed)
        raise DamagedArchive(_("The file is damaged: its archive directory cannot be read.")) from None


def _worksheets(archive: zipfile.ZipFile) -> list[str]:
    """The members a reader would read as worksheets: those the workbook's relationships name,
    and any under xl/worksheets/ besides."""
    names = set(archive.namelist())
    found = {name for name in names if name.startswith("xl/worksheets/") and name.endswith(".xml")}
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names:
        with archive.open(rels) as stream:
            text = stream.read(SCAN_CHUNK)
        for match in _RELATIONSHIP.finditer(text):
            attributes = dict(_ATTRIBUTE.findall(match[1]))
            if not attributes.get(b"Type", b"").endswith(b"/worksheet"):
                continue
            target = attributes.get(b"Target", b"").decode("utf-8", "replace")
            path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            if path in names:
                found.add(path)
    return sorted(found)


def _declared_extent(archive: zipfile.ZipFile, name: str) -> SheetExtent | None:
    with archive.open(name) as stream:
        head = stream.read(DIMENSION_WINDOW)
    match = _DIMENSION.search(head)
    if match is None:
        return None
    ends = _REF.findall(match[1].decode("ascii", "replace"))
    if not ends:
        return None
    return SheetExtent(
        name, rows=max(int(row) for _col, row in ends), columns=max(_column_number(col) for col, _row in ends)
    )


def _scanned_extent(archive: zipfile.ZipFile, name: str) -> SheetExtent:
    """The rows and columns the member's cells reach, read as a stream in chunks; a chunk is
    cut before its last '<' so that no tag is split, and the checks run as the scan goes, so a
    sheet is refused as soon as it is over a bound."""
    found = _Reach()
    carry = b""
    with archive.open(name) as stream:
        general = _PREFIXED_ROOT.search(stream.read(DIMENSION_WINDOW)) is not None
    with archive.open(name) as stream:
        while True:
            chunk = stream.read(SCAN_CHUNK)
            text = carry + chunk
            if chunk:
                cut = text.rfind(b"<")
                if cut < 0 or len(text) - cut >= SCAN_CHUNK:  # no tag that long: scan all of it
                    cut = len(text)
                text, carry = text[:cut], text[cut:]
            if general or not found.add_plain(text):
                found.add_general(text)
            extent = SheetExtent(name, found.rows + found.loose_rows, found.columns + found.loose_cells)
            _check_extent(extent)
            if not chunk:
                return extent


class _Reach:
    """The furthest row and column named so far, and the rows and cells named by position only."""

    def __init__(self):
        self.rows = self.columns = self.loose_rows = self.loose_cells = 0

    def add_plain(self, text: bytes) -> bool:
        """The common layout (every writer we know: Excel, WPS, xlsxwriter, openpyxl): no
        namespace prefix and r the first attribute of every row and cell, read with literal
        patterns and counts at C speed. False, having added nothing, if the text is laid out
        otherwise."""
        if b":c " in text or b":c>" in text or b":c/" in text or b":row" in text:
            return False  # a prefixed tag (<x:c …>), which the counts below would not see
        rows = _PLAIN_ROW.findall(text)
        cell_rows = _PLAIN_CELL_ROW.findall(text)
        if len(rows) != text.count(b"<row ") + text.count(b"<row>"):
            return False
        if len(cell_rows) != text.count(b"<c ") + text.count(b"<c>") + text.count(b"<c/>"):
            return False
        if rows:
            self.rows = max(self.rows, max(map(int, rows)))
        if cell_rows:
            self.rows = max(self.rows, max(map(int, cell_rows)))
            letters = set(_PLAIN_CELL_COLUMN.findall(text))
            self.columns = max(self.columns, max(map(_column_number, letters)))
        return True

    def add_general(self, text: bytes) -> None:
        """Any layout: every row and cell tag, its r attribute wherever it stands."""
        for match in _ROW.finditer(text):
            ref = _ROW_REF.search(match[1])
            if ref is None:
                self.loose_rows += 1
            else:
                self.rows = max(self.rows, int(ref[1]))
        for match in _CELL.finditer(text):
            ref = _CELL_REF.search(match[1])
            if ref is None:
                self.loose_cells += 1
            else:
                self.rows = max(self.rows, int(ref[2]))
                self.columns = max(self.columns, _column_number(ref[1]))


def _column_number(letters: str | bytes) -> int:
    number = 0
    for letter in letters.upper() if isinstance(letters, str) else letters.upper().decode("ascii"):
        number = number * 26 + ord(letter) - 64
    return number


def _check_extent(extent: SheetExtent) -> None:
    max_rows, max_columns = settings.XUNCHA_SHEET_MAX_ROWS, settings.XUNCHA_SHEET_MAX_COLUMNS
    max_cells = settings.XUNCHA_SHEET_MAX_CELLS
    if extent.rows > max_rows or extent.columns > max_columns or extent.cells > max_cells:
        raise UploadRefused(
            _(
                "A sheet of the workbook reaches %(rows)d rows and %(columns)d columns; at most "
                "%(max_rows)d rows, %(max_columns)d columns and %(max_cells)d cells in all are read. "
                "Delete the rows and columns far below or to the right of the data (or copy only the "
                "data into a new workbook) and upload it again."
            )
            % {
                "rows": extent.rows,
                "columns": extent.columns,
                "max_rows": max_rows,
                "max_columns": max_columns,
                "max_cells": max_cells,
            }
        )


# --- the confined child ------------------------------------------------------------------------
def run_confined(reader: str, data: bytes, *args: str):
    """Run `reader` (a name in `xuncha.files.confined.READERS`) on `data` in a child process
    limited to XUNCHA_PARSER_MEMORY_MB of address space and XUNCHA_PARSER_SECONDS of CPU time;
    its result, decoded. Raises ConfinedReaderError when the reader refused the file and
    ConfinedFailure when the child did not finish."""
    memory = settings.XUNCHA_PARSER_MEMORY_MB * MB
    seconds = settings.XUNCHA_PARSER_SECONDS
    command = [sys.executable, "-m", "xuncha.files.confined", reader, str(memory), str(seconds), *args]
    try:
        finished = subprocess.run(  # our own module, with arguments we build
            command,
            input=data,
            capture_output=True,
            timeout=seconds * 2 + 10,  # CPU time is limited in the child; this bounds waiting too
            env=_child_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("confined reader %s: killed after %d s", reader, seconds * 2 + 10)
        raise ConfinedFailure(_failure_message()) from None
    if finished.returncode != 0:
        # a signal (negative: the memory or CPU limit, an abort) or 3 (MemoryError); anything
        # else is a fault of ours, which the log shows
        logger.warning(
            "confined reader %s: exit %s; %s",
            reader,
            finished.returncode,
            finished.stderr[-2000:].decode("utf-8", "replace"),
        )
        raise ConfinedFailure(_failure_message())
    try:
        reply = json.loads(finished.stdout, object_hook=_decode)
    except ValueError:
        raise ConfinedFailure(_failure_message()) from None
    if "error" in reply:
        raise ConfinedReaderError(reply["error"], reply.get("message", ""))
    return reply["result"]


def _failure_message() -> str:
    return _(
        "The file could not be read within the platform's memory and time limits, so nothing was "
        "changed. Check that it is an ordinary file of its kind, or split it into smaller files."
    )


def _child_environment() -> dict[str, str]:
    """A bare environment: none of the parent's secrets (SECRET_KEY, DATABASE_URL, identity keys)
    reaches the process that parses hostile input. This copy of the code comes first on the
    path, so the child imports the same `xuncha` as the web process wherever it was started."""
    import xuncha

    root = str(Path(xuncha.__file__).resolve().parent.parent)
    path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH", "")]))
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": path, "LC_ALL": "C.UTF-8"}


_DECODERS = {
    "$datetime": datetime.fromisoformat,
    "$date": date.fromisoformat,
    "$time": time.fromisoformat,
    "$seconds": lambda value: timedelta(seconds=value),
}


def _decode(obj: dict):
    if len(obj) == 1:
        ((key, value),) = obj.items()
        decoder = _DECODERS.get(key)
        if decoder is not None:
            return decoder(value)
    return obj
