"""Read a file into text, deciding its type from its bytes, not its name.

Offices upload what they have: a .txt saved from a web page (UTF-8, GB18030 or UTF-16),
the .docx they wrote, the page itself, or a PDF. A file named .doc may be a .docx, a
.txt may be HTML. Anything that cannot be read ends in one ReportParseError with a
one-line reason; no other exception leaves this module.
"""

import io
import re
import unicodedata
import zipfile
from enum import StrEnum
from pathlib import Path

from . import messages
from .docx_reader import read_docx
from .errors import ReportParseError
from .html_reader import html_to_text
from .messages import Message, message
from .pdf_reader import read_pdf

MAX_BYTES = 50 * 1024 * 1024


class Kind(StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"
    TEXT = "text"


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_UNSUPPORTED = (
    (b"\xd0\xcf\x11\xe0", Message(messages.UNSUPPORTED_DOC)),
    (b"{\\rtf", Message(messages.UNSUPPORTED_RTF)),
    (b"\x89PNG", message(messages.UNSUPPORTED_IMAGE, format="PNG")),
    (b"\xff\xd8\xff", message(messages.UNSUPPORTED_IMAGE, format="JPEG")),
    (b"GIF8", message(messages.UNSUPPORTED_IMAGE, format="GIF")),
    (b"Rar!", message(messages.UNSUPPORTED_ARCHIVE, format="RAR")),
    (b"\x1f\x8b", message(messages.UNSUPPORTED_ARCHIVE, format="gzip")),
    (b"7z\xbc\xaf", message(messages.UNSUPPORTED_ARCHIVE, format="7-Zip")),
)
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.IGNORECASE)
_ALLOWED_CONTROLS = set("\n\r\t\f\v")


def read_document(path: str | Path) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReportParseError(messages.TOO_LARGE, size=size // (1024 * 1024))
        data = path.read_bytes()
    except OSError as error:
        raise ReportParseError(messages.CANNOT_READ, path=str(path), reason=error.strerror or str(error)) from None
    return read_bytes(data)


def read_bytes(data: bytes) -> str:
    """The text of a document given as bytes."""
    kind = detect_kind(data)
    if kind is Kind.DOCX:
        return read_docx(data)
    if kind is Kind.PDF:
        return read_pdf(data)
    text = decode_text(data)
    if kind is Kind.HTML or _HTML_START.match(text[:2048].encode("utf-8", "replace")):
        return html_to_text(text)
    return text


def detect_kind(data: bytes) -> Kind:
    if not data.strip(b" \t\r\n\x00"):
        raise ReportParseError(messages.EMPTY_FILE)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if b"%PDF-" in data[:1024]:
        return Kind.PDF
    for magic, what in _UNSUPPORTED:
        if data.startswith(magic):
            raise ReportParseError(what)
    if _HTML_START.match(data[:4096]):
        return Kind.HTML
    return Kind.TEXT


def _zip_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ReportParseError(messages.CORRUPT_DOCX) from None
    if "word/document.xml" in names:
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        raise ReportParseError(messages.SPREADSHEET)
    raise ReportParseError(messages.ZIP_NOT_DOCX)


def decode_text(data: bytes) -> str:
    """Decode by byte-order mark, then UTF-8, then GB18030; refuse binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _refuse_binary(data[len(bom) :].decode(codec))
            except UnicodeDecodeError:
                raise ReportParseError(messages.BAD_BOM, codec=codec) from None
    codecs = [*_bomless_utf16(data), *_declared_charset(data), "utf-8", "gb18030"]
    for codec in dict.fromkeys(codecs):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        return _refuse_binary(text)
    raise ReportParseError(messages.UNKNOWN_ENCODING)


def _bomless_utf16(data: bytes) -> list[str]:
    """UTF-16 without a byte-order mark: NUL bytes, and one byte order that reads as text.

    Text in UTF-8 or GB18030 never contains NUL; binary data does, but decodes as UTF-16
    into a scatter of unassigned and rare characters rather than mostly Chinese and ASCII.
    """
    sample = data[:4096]
    if b"\x00" not in sample or len(data) % 2:
        return []
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) - len(sample) % 2].decode(codec)
        except UnicodeDecodeError:
            continue
        score = sum(1 for char in text if _plain(char)) / max(len(text), 1)
        if best is None or score > best[0]:
            best = (score, codec)
    return [best[1]] if best and best[0] >= 0.9 else []


def _plain(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code < 0x7F
        or char in "\n\r\t"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
        or code in (0xA0, 0xB7)
    )


def _declared_charset(data: bytes) -> list[str]:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return []
    name = match.group(1).decode("ascii").lower()
    # GB2312 and GBK pages often contain characters only GB18030 (their superset) decodes.
    return ["gb18030"] if name in ("gb2312", "gbk", "gb18030", "x-gbk") else [name]


def _refuse_binary(text: str) -> str:
    sample = text[:20000]
    if not sample:
        return text
    odd = sum(
        1
        for char in sample
        if (unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs") and char not in _ALLOWED_CONTROLS)
    )
    if "\x00" in sample or odd > 0.01 * len(sample):
        raise ReportParseError(messages.BINARY)
    return text
