"""The sample registry and `xuncha documents samples` (the page images in docs/documents/)."""

import shutil
import struct

import pytest
from django.core.management import call_command

from xuncha.documents.content import OfficialDocument
from xuncha.documents.pdf import soffice_path
from xuncha.documents.samples import SAMPLES


@pytest.mark.parametrize("key", list(SAMPLES))
def test_every_sample_builds_an_official_document(key):
    document = SAMPLES[key].build()
    assert isinstance(document, OfficialDocument) and document.title and document.blocks


def test_the_supervision_letters_and_the_announcement_have_samples():
    assert {"notice", "reminder", "warning_letter", "accountability", "announcement"} <= set(SAMPLES)


def test_command_writes_page_one_of_a_sample_as_png(tmp_path, capsys):
    if soffice_path() is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice or pdftoppm is not installed")
    call_command("documents", "samples", "announcement", "--output", str(tmp_path))
    image = tmp_path / "announcement.png"
    header = image.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert abs(width - 595) <= 1 and abs(height - 842) <= 1  # A4 at 72 dots per inch
    assert str(image) in capsys.readouterr().out
