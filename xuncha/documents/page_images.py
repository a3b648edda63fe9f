"""Page images: a PDF's first page rasterised by poppler's pdftoppm (`first_page_png`, also the
码上巡 poster's PNG), and the sample documents (docs/documents/<key>.png), page 1 of each,
rendered by LibreOffice (pdf.py), so the README shows what the writer prints.
`xuncha documents samples` regenerates them."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from xuncha.documents.pdf import PdfUnavailable, docx_to_pdfs
from xuncha.documents.samples import SAMPLES
from xuncha.documents.writer import render_docx

RESOLUTION = 72  # dots per inch: 595 × 842 pixels for A4, enough to see the layout


class ImagesUnavailable(Exception):
    """LibreOffice or pdftoppm is missing."""


def first_page_png(pdf: bytes, *, resolution: int = RESOLUTION) -> bytes:
    """Page 1 of `pdf` as a PNG at `resolution` dots per inch."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ImagesUnavailable("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory(prefix="xuncha-page-") as work:
        source, stem = Path(work) / "page.pdf", Path(work) / "page"
        source.write_bytes(pdf)
        try:
            subprocess.run(
                [pdftoppm, "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile", str(source), str(stem)],
                check=True,
                capture_output=True,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise ImagesUnavailable(str(error)) from error
        return stem.with_suffix(".png").read_bytes()


def write_page_images(directory: Path, *, keys: list[str] | None = None) -> list[Path]:
    """Write `<key>.png`, page 1 of each sample (all unless `keys`); return the images' paths."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ImagesUnavailable("pdftoppm (poppler-utils) is not installed")
    keys = keys or list(SAMPLES)
    try:
        pdfs = docx_to_pdfs([render_docx(SAMPLES[key].build()) for key in keys])
    except PdfUnavailable as error:
        raise ImagesUnavailable(str(error)) from error
    directory.mkdir(parents=True, exist_ok=True)
    images = []
    with tempfile.TemporaryDirectory(prefix="xuncha-pages-") as work:
        for key, pdf in zip(keys, pdfs, strict=True):
            source = Path(work) / f"{key}.pdf"
            source.write_bytes(pdf)
            stem = directory / key
            subprocess.run(
                [pdftoppm, "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1", "-singlefile", str(source), str(stem)],
                check=True,
                capture_output=True,
                timeout=60,
            )
            images.append(stem.with_suffix(".png"))
    return images
