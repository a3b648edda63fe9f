"""PDF of a generated document through LibreOffice headless (`soffice --convert-to pdf`).

The binary is `settings.XUNCHA_SOFFICE` (an absolute path) when set, else `soffice` found on
PATH. Conversion runs in a temporary directory with its own user profile, so that two
conversions at once do not share LibreOffice's profile lock, and is bounded in time.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

TIMEOUT_SECONDS = 120


class PdfUnavailable(Exception):
    """LibreOffice is not installed (or not where the setting says) or failed to convert."""


def soffice_path() -> str | None:
    configured = getattr(settings, "XUNCHA_SOFFICE", "")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes:
    binary = soffice_path()
    if binary is None:
        raise PdfUnavailable("LibreOffice (soffice) is not available")
    with tempfile.TemporaryDirectory(prefix="xuncha-pdf-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(data)
        profile = Path(folder) / "profile"
        command = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfUnavailable(f"LibreOffice failed: {error}") from None
        result = Path(folder) / "document.pdf"
        if not result.is_file():
            raise PdfUnavailable("LibreOffice produced no PDF")
        return result.read_bytes()
