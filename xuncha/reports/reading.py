"""Reading an uploaded report file: bounded, then parsed in the confined child.

The readers in `parsing` trust their input (python-docx keeps every part of a .docx in memory,
pypdf inflates every stream it is asked for); an upload reaches them only through
`xuncha.files.untrusted`, so that a file made to exhaust memory is refused with a message.
"""

import io

from xuncha.files.untrusted import (
    ConfinedFailure,
    ConfinedReaderError,
    DamagedArchive,
    UploadRefused,
    open_archive,
    run_confined,
)
from xuncha.reports.parsing import ReportParseError, messages

ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")


def read_uploaded_report(upload) -> str:
    """The text of an uploaded report (.docx, .pdf, .html or text); ReportParseError says why not."""
    upload.seek(0)
    data = upload.read()
    try:
        if data.startswith(ZIP_STARTS):
            open_archive(io.BytesIO(data)).close()  # its directory within bounds before python-docx
        return run_confined("report", data)
    except DamagedArchive:
        raise ReportParseError(messages.CORRUPT_DOCX) from None
    except (UploadRefused, ConfinedFailure) as error:
        raise ReportParseError(error.message) from None
    except ConfinedReaderError as error:
        if error.kind == ReportParseError.__name__:
            raise ReportParseError(error.message) from None
        raise ReportParseError(messages.UNREADABLE) from None
