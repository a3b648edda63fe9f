"""Files as offices upload them: .docx, HTML, PDF, text in several encodings, and junk."""

import io
import zipfile

import docx
import pytest

from tests.reports.conftest import build_docx, build_html, build_pdf
from xuncha.reports.parsing import ReportParseError, parse_file, require_rectification
from xuncha.reports.parsing.model import CheckStatus, DocumentKind
from xuncha.reports.parsing.readers import read_bytes

SEED_004_COUNTS = {"aspects": 4, "items": 12, "problems": 35, "measures": 85}


def counts(report) -> dict[str, int]:
    return report.counted.to_dict()


def test_docx_of_seed_004_parses_to_the_same_tree(seed_004, write_file):
    report = parse_file(write_file("huli.docx", build_docx(seed_004.split("\n"))))
    assert counts(report) == SEED_004_COUNTS
    assert all(check.ok for check in report.checks)


def test_docx_table_cells_are_read_in_document_order(seed_004, write_file):
    # Section 四 (the status section) sits in a table after the body paragraphs.
    report = parse_file(write_file("huli.docx", build_docx(seed_004.split("\n"), table_from="四、")))
    assert counts(report) == SEED_004_COUNTS
    assert sum(problem.status is not None for problem in report.problems()) == 35


def test_docx_automatic_list_numbers_are_restored(seed_004, write_file):
    data = build_docx(seed_004.split("\n"), auto_number_problems=True)
    assert "(1)学习还不够到位" not in "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    report = parse_file(write_file("huli.docx", data))
    assert counts(report) == SEED_004_COUNTS


def test_docx_is_recognised_by_content_not_extension(seed_004, write_file):
    report = parse_file(write_file("huli.txt", build_docx(seed_004.split("\n"))))
    assert report.counted.problems == 35


def test_html_page_in_gb18030_with_furniture_parses_to_the_same_tree(seed_004, write_file):
    path = write_file("huli.htm", build_html(seed_004.split("\n")))
    report = parse_file(path)
    assert counts(report) == SEED_004_COUNTS
    assert report.issuer == "中共厦门市湖里区委"
    text = read_bytes(path.read_bytes())
    assert "不应出现" not in text and "<p>" not in text


def test_html_saved_as_txt_is_still_read_as_html(seed_004, write_file):
    report = parse_file(write_file("huli.txt", build_html(seed_004.split("\n"))))
    assert report.counted.problems == 35


def test_text_layer_pdf_parses_to_the_same_tree(seed_004, write_file):
    report = parse_file(write_file("huli.pdf", build_pdf(seed_004.split("\n"))))
    assert counts(report) == SEED_004_COUNTS
    assert all(check.ok for check in report.checks)


def test_pdf_without_text_layer_is_a_clear_error(write_file):
    with pytest.raises(ReportParseError, match="no text layer"):
        parse_file(write_file("scan.pdf", build_pdf([])))


def test_corrupt_pdf_is_an_error(write_file):
    with pytest.raises(ReportParseError, match="PDF"):
        parse_file(write_file("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\ngarbage"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_encodings_are_detected(seed_001, write_file, encoding):
    report = parse_file(write_file("siming.txt", seed_001.encode(encoding)))
    assert report.counted.problems == 48


def test_windows_line_endings_parse_the_same(seed_004, write_file):
    report = parse_file(write_file("huli.txt", seed_004.replace("\n", "\r\n").encode("gb18030")))
    assert counts(report) == SEED_004_COUNTS


@pytest.mark.parametrize("data", [b"", b"   \r\n\n  ", b"\x00\x00\x00"])
def test_empty_file_is_an_error(write_file, data):
    with pytest.raises(ReportParseError, match="empty"):
        parse_file(write_file("empty.txt", data))


def test_random_binary_is_an_error(write_file):
    data = bytes((i * 97 + 13) % 256 for i in range(4096))
    with pytest.raises(ReportParseError):
        parse_file(write_file("random.bin", data))


def test_corrupt_docx_is_an_error(write_file):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml at all")
        archive.writestr("word/document.xml", "\x00garbage<w:document")
    with pytest.raises(ReportParseError, match=r"corrupt \.docx"):
        parse_file(write_file("broken.docx", buffer.getvalue()))


def test_truncated_docx_is_an_error(seed_004, write_file):
    data = build_docx(seed_004.split("\n"))
    with pytest.raises(ReportParseError, match=r"corrupt \.docx"):
        parse_file(write_file("cut.docx", data[: len(data) // 2]))


def test_zip_that_is_not_a_docx_is_an_error(write_file):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ReportParseError, match=r"not a \.docx"):
        parse_file(write_file("notes.docx", buffer.getvalue()))


def test_legacy_doc_is_refused_with_advice(write_file):
    with pytest.raises(ReportParseError, match=r"save it as \.docx"):
        parse_file(write_file("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512))


@pytest.mark.parametrize("text", ["今天天气很好", "今天天气很好。\n明天去公园散步。", "Hello, world."])
def test_unrelated_text_parses_and_says_it_is_not_about_an_inspection(write_file, text):
    report = parse_file(write_file("weather.txt", text.encode("utf-8")))
    assert report.document is DocumentKind.UNRELATED
    [structure] = [check for check in report.checks if check.name == "structure"]
    assert structure.status is CheckStatus.NOT_CHECKABLE
    assert "not about an inspection" in structure.detail
    with pytest.raises(ReportParseError, match="no rectification structure found"):
        require_rectification(report)


def test_news_story_about_inspection_work_gives_its_figures_but_is_not_a_report(write_file):
    text = "累计盘活闲置资产467.54万平方米,建章立制291项。全市巡察发现问题13817个。"
    report = parse_file(write_file("news.txt", text.encode("utf-8")))
    assert report.document is DocumentKind.NEWS
    assert report.stated_values("regulations_made") == [291]
    with pytest.raises(ReportParseError, match="no rectification structure found"):
        require_rectification(report)


def test_missing_file_and_directory_are_errors(tmp_path):
    with pytest.raises(ReportParseError, match="cannot read"):
        parse_file(tmp_path / "nope.txt")
    with pytest.raises(ReportParseError, match="cannot read"):
        parse_file(tmp_path)
