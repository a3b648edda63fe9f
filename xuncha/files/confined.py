"""The child side of `xuncha.files.untrusted.run_confined`: one parser run on one file, confined.

Run as ``python -m xuncha.files.confined <reader> <address-space bytes> <cpu seconds> [args…]``
with the file on stdin. The limits are set first, before the file is read or a parser is
imported, so that whatever the file makes the parser do, only this process can die of it. The
answer is one JSON object on stdout: {"result": …} or {"error": kind, "message": …}. JSON and not
pickle: the parent must not run anything a subverted child could send. Dates and times, which
JSON lacks, travel as {"$date": "2025-02-20"} and the like.

No Django here: the child starts in a fraction of a second and touches no database.
"""

import json
import resource
import sys
from datetime import date, datetime, time, timedelta


def sheet_rows(data: bytes, preferred: str = ""):
    """The cells of the sheet called `preferred` (else the first sheet), as python-calamine
    lays them out from A1; None when the workbook has no sheet."""
    import io

    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = book.sheet_names
    if not names:
        return None
    sheet = book.get_sheet_by_name(preferred if preferred in names else names[0])
    return sheet.to_python(skip_empty_area=False)


def report_text(data: bytes) -> str:
    """The text of a published report (.docx, .pdf, .html or plain text)."""
    from xuncha.reports.parsing.readers import read_bytes

    return read_bytes(data)


def public_image(data: bytes, max_pixels: str) -> dict:
    """A photo from the public, cleaned (xuncha/public/sanitise.py)."""
    from xuncha.public.sanitise import image

    return image(data, max_pixels)


def public_pdf(data: bytes) -> dict:
    """A PDF from the public, cleaned (xuncha/public/sanitise.py)."""
    from xuncha.public.sanitise import pdf

    return pdf(data)


READERS = {"sheet": sheet_rows, "report": report_text, "public_image": public_image, "public_pdf": public_pdf}


def _encode(value):
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, timedelta):
        return {"$seconds": value.total_seconds()}
    raise TypeError(type(value).__name__)


def _ran_out_of_memory(error: BaseException | None) -> bool:
    """Whether `error` or an exception it was raised from or during is a MemoryError (``raise …
    from None`` hides the context from tracebacks, not from __context__)."""
    seen = 0
    while error is not None and seen < 100:
        if isinstance(error, MemoryError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def main(argv: list[str]) -> int:
    reader, memory, seconds, *args = argv
    resource.setrlimit(resource.RLIMIT_AS, (int(memory), int(memory)))
    resource.setrlimit(resource.RLIMIT_CPU, (int(seconds), int(seconds)))
    data = sys.stdin.buffer.read()
    try:
        reply = {"result": READERS[reader](data, *args)}
    except MemoryError:
        return 3  # the parent reports the limit; nothing to say here that would not need memory
    except Exception as error:  # the parsers raise many types on damaged files: all are a refusal
        if _ran_out_of_memory(error):
            return 3  # a reader that turned a MemoryError into its own error ("corrupt file")
        reply = {"error": type(error).__name__, "message": str(error)}
    try:
        payload = json.dumps(reply, default=_encode, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in the text: escaped, JSON keeps it
        payload = json.dumps(reply, default=_encode).encode("ascii")
    sys.stdout.buffer.write(payload)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
