"""The bounds of xuncha.files.untrusted, each refused before a parser runs, and the confined child."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.files.bombs import far_cell_workbook, many_members_zip, peak_rss_mb, rezipped
from xuncha.files.checks import DOCX, check_upload
from xuncha.files.untrusted import (
    ConfinedFailure,
    ConfinedReaderError,
    UploadRefused,
    check_workbook,
    open_archive,
    run_confined,
)


def _workbook(rows: int = 3) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out)
    sheet = book.add_worksheet("整改台账")
    for row in range(rows):
        sheet.write_row(row, 0, ["甲", row, "乙"])
    book.close()
    return out.getvalue()


@pytest.mark.parametrize(
    "dimension",
    ["keep", None, "A1:B2"],
    ids=["declared", "no-dimension", "dimension-lies"],
)
def test_workbook_reaching_the_last_cell_is_refused_quickly_in_bounded_memory(dimension):
    bomb = far_cell_workbook(dimension=dimension)
    assert len(bomb) < 6000
    rss, started = peak_rss_mb(), time.monotonic()
    with pytest.raises(UploadRefused) as refused:
        check_workbook(io.BytesIO(bomb))
    assert time.monotonic() - started < 5
    assert peak_rss_mb() - rss < 200
    assert "1048576" in refused.value.message and "16384" in refused.value.message


def test_an_ordinary_workbook_is_measured_not_refused():
    extents = check_workbook(io.BytesIO(_workbook(rows=40)))
    assert [(e.rows, e.columns) for e in extents] == [(40, 3)]


def test_every_sheet_bound_is_a_setting(settings):
    settings.XUNCHA_SHEET_MAX_ROWS = 30
    with pytest.raises(UploadRefused):
        check_workbook(io.BytesIO(_workbook(rows=40)))
    settings.XUNCHA_SHEET_MAX_ROWS, settings.XUNCHA_SHEET_MAX_COLUMNS = 100, 2
    with pytest.raises(UploadRefused):
        check_workbook(io.BytesIO(_workbook(rows=40)))
    settings.XUNCHA_SHEET_MAX_COLUMNS, settings.XUNCHA_SHEET_MAX_CELLS = 100, 100
    with pytest.raises(UploadRefused):
        check_workbook(io.BytesIO(_workbook(rows=40)))


def test_cells_without_a_reference_are_counted_where_a_reader_puts_them(settings):
    settings.XUNCHA_SHEET_MAX_COLUMNS = 20

    def drop_references(xml: bytes) -> bytes:
        import re

        wide = b"".join(b'<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(30))
        return re.sub(rb"(<row [^>]*>)", rb"\1" + wide, xml, count=1)

    content = rezipped(_workbook(rows=3), {"xl/worksheets/sheet1.xml": drop_references})
    with pytest.raises(UploadRefused):
        check_workbook(io.BytesIO(content))


def test_archive_with_too_many_members_is_refused_from_its_end_record(settings):
    settings.XUNCHA_ARCHIVE_MAX_MEMBERS = 100
    with pytest.raises(UploadRefused, match="100"):
        open_archive(io.BytesIO(many_members_zip(150)))
    open_archive(io.BytesIO(many_members_zip(50))).close()


def test_archive_compressed_beyond_the_ratio_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * (20 * 1024 * 1024))
    with pytest.raises(UploadRefused) as refused:
        open_archive(io.BytesIO(out.getvalue()))
    assert "200" in refused.value.message


def test_archive_unpacking_beyond_the_limit_is_refused(settings):
    settings.XUNCHA_UNPACKED_MAX_MB = 1
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * (2 * 1024 * 1024))
    with pytest.raises(UploadRefused, match="1 MB"):
        open_archive(io.BytesIO(out.getvalue()))


def test_check_upload_applies_the_archive_bounds_to_every_zip_based_file(settings):
    settings.XUNCHA_ARCHIVE_MAX_MEMBERS = 100
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("材料.docx", many_members_zip(150)))
    assert "100" in refused.value.messages[0]
    assert check_upload(SimpleUploadedFile("材料.docx", many_members_zip(10))) is DOCX


def test_confined_reader_returns_the_cells_with_their_types():
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out)
    sheet = book.add_worksheet("整改台账")
    sheet.write_row(0, 0, ["一", 2, 2.5, True])
    from datetime import date, datetime

    sheet.write_datetime(1, 0, datetime(2025, 2, 20), book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    rows = run_confined("sheet", out.getvalue(), "整改台账")
    assert rows[0] == ["一", 2, 2.5, True]
    assert rows[1][0] in (datetime(2025, 2, 20), date(2025, 2, 20))


def test_confined_reader_refusal_is_its_own_error():
    with pytest.raises(ConfinedReaderError):
        run_confined("sheet", b"PK\x03\x04" + b"\x00" * 100, "整改台账")


def test_child_over_its_memory_limit_dies_alone_with_a_clear_message(settings):
    """The bounds are lifted so that the far-cell workbook reaches calamine: it asks for 512 GiB
    and the child, limited to 256 MB, dies; this process carries on and gets the message."""
    settings.XUNCHA_PARSER_MEMORY_MB = 256
    with pytest.raises(ConfinedFailure) as failed:
        run_confined("sheet", far_cell_workbook(), "整改台账")
    assert "内存" in failed.value.message


def test_the_confined_child_gets_none_of_the_parents_secrets(monkeypatch):
    from xuncha.files.untrusted import _child_environment

    monkeypatch.setenv("SECRET_KEY", "secret")
    monkeypatch.setenv("XUNCHA_IDENTITY_KEYS", "k:00")
    assert set(_child_environment()) == {"PATH", "PYTHONPATH", "LC_ALL"}


@pytest.mark.parametrize("layout", ["r-not-first", "prefixed"])
def test_cells_laid_out_unusually_are_measured_all_the_same(layout):
    """Writers put r first and no namespace prefix; a file that does otherwise is read by the
    general scan, which finds a far cell wherever its r stands."""

    def relayout(xml: bytes) -> bytes:
        import re

        if layout == "r-not-first":
            return re.sub(rb'<c r="([A-Z]+\d+)"', rb'<c s="0" r="\1"', xml)
        xml = xml.replace(
            b"<worksheet ", b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        )
        xml = xml.replace(b"</worksheet>", b"</x:worksheet>")
        return re.sub(rb"<(/?)(c|row|sheetData|v|is|t)\b", rb"<\1x:\2", xml)

    content = rezipped(far_cell_workbook(dimension=None), {"xl/worksheets/sheet1.xml": relayout})
    with pytest.raises(UploadRefused, match="1048576"):
        check_workbook(io.BytesIO(content))
