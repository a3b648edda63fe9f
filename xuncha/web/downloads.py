"""Every file the platform sends goes out through here: one Content-Disposition, with the file's
Chinese name for browsers that read RFC 5987 (``filename*=UTF-8''…``, RFC 6266) and an ASCII
name for those that do not, plus ``Cache-Control: no-store`` and ``nosniff``.

Names say what the file is and what it is about (organisation, term, inspection, date), e.g.
``湖里区整改进展情况通报.docx`` or ``整改台账-十二届市委-20261202.xlsx``. They are read by
whoever sees the download list, the mail it is forwarded in or the folder it is saved to: so a
name never carries confidential text (an allegation, a reporter's or accused person's name):
callers name records by the kind, the inspection and the date only.
`tests/web/test_download_names.py` checks every download's header and that no view builds a
Content-Disposition of its own.
"""

import re
import unicodedata
from datetime import date
from urllib.parse import quote

from django.http import FileResponse, HttpResponse
from django.utils import timezone

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

STEM_LIMIT = 80  # characters: 240 bytes of UTF-8 at most, within every file system's 255
# reserved on Windows, control characters, and ";" that naive header parsers split on
_UNSAFE = re.compile(r'[\\/:*?"<>|;\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")


def safe_name(name: str) -> str:
    """`name` as a file name on any system: no path, no reserved or control characters, no
    leading or trailing dots and spaces, the stem at most `STEM_LIMIT` characters."""
    name = unicodedata.normalize("NFC", str(name))
    name = _SPACES.sub(" ", _UNSAFE.sub("_", name)).strip(" ._")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 8:
        stem, ext = name, ""
    stem = stem[:STEM_LIMIT].rstrip(" ._") or "download"
    return f"{stem}.{ext}" if ext else stem


def ascii_name(name: str) -> str:
    """An ASCII stand-in for `name` (for clients without RFC 5987): accents dropped, any other
    run of non-ASCII characters becomes one "_"; a name with no letters or digits left becomes
    "download" with its extension."""
    name = safe_name(name)
    decomposed = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if len(decomposed) < len(name):  # characters without an ASCII form: mark where they were
        decomposed = "".join(c if c.isascii() else "_" for c in unicodedata.normalize("NFKD", name))
        decomposed = re.sub(r"_+", "_", "".join(c for c in decomposed if not unicodedata.combining(c)))
    stem, dot, ext = decomposed.rpartition(".")
    if not dot:
        stem, ext = decomposed, ""
    stem = re.sub(r"^[_\- ]+|[_\- ]+$", "", re.sub(r"[_\- ]*-[_\- ]*", "-", stem))
    if not re.search(r"[A-Za-z0-9]", stem):
        stem = "download"
    elif not re.search(r"[A-Za-z]", stem):
        stem = f"download-{stem}"
    return f"{stem}.{ext}" if ext else stem


def dated_name(*parts, extension: str, on: date | None = None) -> str:
    """``整改台账-十二届市委-20261202.xlsx``: the parts that are given, joined by "-", then the
    day (today unless `on`)."""
    day = on or timezone.localdate()
    words = [str(p).strip() for p in parts if p is not None and str(p).strip()]
    return safe_name("-".join([*words, f"{day:%Y%m%d}"]) + f".{extension}")


def content_disposition(name: str, *, fallback: str | None = None) -> str:
    """The header value: ``attachment; filename="<ASCII>"; filename*=UTF-8''<percent-encoded>``."""
    name = safe_name(name)
    plain = ascii_name(fallback or name)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def attach(response: HttpResponse, name: str, *, fallback: str | None = None) -> HttpResponse:
    """Mark `response` as a download called `name` (not cached, not sniffed)."""
    response["Content-Disposition"] = content_disposition(name, fallback=fallback)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download(content: bytes, name: str, *, content_type: str, fallback: str | None = None) -> HttpResponse:
    """Bytes made in the request (a workbook, a Word document) as a download."""
    return attach(HttpResponse(content, content_type=content_type), name, fallback=fallback)


def file_download(handle, name: str, *, content_type: str, fallback: str | None = None) -> FileResponse:
    """An open file (stored or temporary: FileResponse closes it when sent) as a download."""
    return attach(FileResponse(handle, content_type=content_type), name, fallback=fallback)
