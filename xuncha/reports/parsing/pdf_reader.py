"""Text-layer PDFs through pypdf, imported only when a PDF arrives.

pypdf is optional: without it, a PDF is refused with a message naming the package. A PDF
without a text layer (a scan) is refused too; OCR is not the parser's job.
"""

import io
import logging

from . import messages
from .errors import ReportParseError


def read_pdf(data: bytes) -> str:
    try:
        import pypdf
    except ImportError:
        raise ReportParseError(messages.PDF_NEEDS_PYPDF) from None
    # pypdf logs every repair it makes to a damaged file; the error message is enough.
    logger = logging.getLogger("pypdf")
    previous_level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReportParseError(messages.PDF_ENCRYPTED)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReportParseError:
        raise
    except Exception as error:  # pypdf raises many types on damaged input
        raise ReportParseError(messages.PDF_CORRUPT, error=type(error).__name__) from None
    finally:
        logger.setLevel(previous_level)
    text = "\n".join(pages)
    if not text.strip():
        raise ReportParseError(messages.PDF_NO_TEXT)
    return text
