"""A .docx made PDF by LibreOffice headless (settings.XUNCHA_SOFFICE, default "soffice").

Each conversion runs in a temporary directory with its own LibreOffice profile (two processes
cannot share one; a kept profile saved no time) and a fontconfig file that maps the GB faces
to their fallbacks (fonts.py), so a server without 仿宋_GB2312 prints Noto Serif CJK SC rather
than a Japanese face. A missing or failing LibreOffice raises ``PdfUnavailable``, which the
download turns into a 503 page.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from xuncha.documents import fonts


class PdfUnavailable(Exception):
    """LibreOffice is not installed, timed out, or made no PDF."""


def soffice_path() -> str | None:
    """The LibreOffice executable to run (the setting: a name on PATH or a full path; empty
    means "soffice"), or None when it cannot be found."""
    return shutil.which(settings.XUNCHA_SOFFICE or "soffice")


def docx_to_pdf(data: bytes) -> bytes:
    return docx_to_pdfs([data])[0]


def docx_to_pdfs(documents: list[bytes]) -> list[bytes]:
    """Several documents in one LibreOffice run (it starts in seconds, converts in a fraction)."""
    command = soffice_path()
    if command is None:
        raise PdfUnavailable(f"LibreOffice not found: {settings.XUNCHA_SOFFICE!r}")
    with tempfile.TemporaryDirectory(prefix="xuncha-pdf-") as work:
        directory = Path(work)
        sources = []
        for index, data in enumerate(documents):
            sources.append(directory / f"document-{index}.docx")
            sources[-1].write_bytes(data)
        environment = {
            **os.environ,
            "FONTCONFIG_FILE": str(fonts.fontconfig_file(directory)),
            "HOME": str(directory),  # LibreOffice writes caches under $HOME
        }
        try:
            subprocess.run(
                [
                    command,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation={(directory / 'profile').as_uri()}",
                    "--convert-to",
                    "pdf:writer_pdf_Export",
                    "--outdir",
                    str(directory),
                    *map(str, sources),
                ],
                env=environment,
                capture_output=True,
                timeout=settings.XUNCHA_SOFFICE_TIMEOUT + 5 * len(sources),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfUnavailable(str(error)) from error
        results = [source.with_suffix(".pdf") for source in sources]
        if not all(result.exists() for result in results):
            raise PdfUnavailable("LibreOffice made no PDF")
        return [result.read_bytes() for result in results]
