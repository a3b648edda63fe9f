"""The printed layout of GB/T 9704-2012, read back from the .docx XML."""

import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.downloads import download_name
from tests.supervision.conftest import days_before
from xuncha.documents.content import Block, BlockKind, OfficialDocument, blocks_from_text, classify, text_width
from xuncha.documents.writer import render_docx
from xuncha.supervision import documents as domain

CLOSE = Mm(0.2)  # Word stores lengths in twips; a millimetre converts with a rounding


def _doc(**overrides) -> Document:
    content = OfficialDocument(
        title="关于巡察整改事项即将到期的提醒书",
        blocks=blocks_from_text("一、基本情况\n（一）整改进度\n正文第一段。\n1. 第一项"),
        issuer_mark="中共厦门市委巡察工作领导小组办公室",
        number="厦巡督〔2025〕3号",
        addressee="中共厦门市思明区委员会",
        signature="中共厦门市委巡察工作领导小组办公室",
        dated="2025年3月1日",
        copy_to="市纪委监委，市委组织部",
        printer="中共厦门市委巡察工作领导小组办公室",
        printed_on="2025年3月1日",
        **overrides,
    )
    return Document(io.BytesIO(render_docx(content)))


def _font(run) -> tuple[str | None, str | None, float | None]:
    fonts = run._element.rPr.rFonts
    return fonts.get(qn("w:ascii")), fonts.get(qn("w:eastAsia")), run.font.size.pt if run.font.size else None


def _paragraph(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def test_page_is_a4_with_the_standard_margins_and_text_area():
    section = _doc().sections[0]
    assert abs(section.page_width - Mm(210)) < CLOSE and abs(section.page_height - Mm(297)) < CLOSE
    assert abs(section.top_margin - Mm(37)) < CLOSE and abs(section.left_margin - Mm(28)) < CLOSE
    assert abs(section.page_width - section.left_margin - section.right_margin - Mm(156)) < CLOSE
    assert abs(section.page_height - section.top_margin - section.bottom_margin - Mm(225)) < CLOSE
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"  # 22 lines


def test_every_run_names_its_east_asian_font():
    document = _doc()
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r
        for f in (document.sections[0].footer, document.sections[0].even_page_footer)
        for p in f.paragraphs
        for r in p.runs
    ]
    assert runs
    for run in runs:
        latin, east_asian, _size = _font(run)
        assert east_asian and east_asian == latin, run.text


def test_title_body_and_heading_fonts_and_sizes():
    document = _doc()
    assert _font(_paragraph(document, "关于巡察整改事项即将到期的提醒书").runs[0]) == (
        "方正小标宋简体",
        "方正小标宋简体",
        22,
    )
    body = _paragraph(document, "正文第一段。")
    assert _font(body.runs[0]) == ("仿宋_GB2312", "仿宋_GB2312", 16)
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    assert body.paragraph_format.line_spacing == Pt(28.95)
    assert _font(_paragraph(document, "一、基本情况").runs[0])[1] == "黑体"
    assert _font(_paragraph(document, "（一）整改进度").runs[0])[1] == "楷体_GB2312"
    assert _font(_paragraph(document, "1. 第一项").runs[0])[1] == "仿宋_GB2312"
    addressee = _paragraph(document, "中共厦门市思明区委员会：")
    assert addressee.paragraph_format.first_line_indent is None


def test_red_head_and_separator():
    document = _doc()
    mark = document.paragraphs[0]
    assert mark.text == "中共厦门市委巡察工作领导小组办公室"
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert abs(mark.paragraph_format.space_before - Mm(35)) < CLOSE
    number = _paragraph(document, "厦巡督〔2025〕3号")
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"


def test_date_is_four_characters_in_and_signature_centred_over_it():
    document = _doc()
    dated = next(p for p in document.paragraphs if p.text == "2025年3月1日")
    signature = [p for p in document.paragraphs if p.text == "中共厦门市委巡察工作领导小组办公室"][1]
    assert dated.paragraph_format.right_indent >= Pt(16 * 4)
    sig_centre = signature.paragraph_format.right_indent.pt + 16 * text_width(signature.text) / 2
    date_centre = dated.paragraph_format.right_indent.pt + 16 * text_width(dated.text) / 2
    assert abs(sig_centre - date_centre) < 1


def test_page_numbers_odd_right_even_left_in_4hao_songti():
    document = _doc()
    assert document.settings.odd_and_even_pages_header_footer
    odd = document.sections[0].footer.paragraphs[0]
    even = document.sections[0].even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        assert paragraph.text == "— 1 —"
        assert {(_font(r)[1], _font(r)[2]) for r in paragraph.runs} == {("宋体", 14)}
        assert paragraph._p.xpath(".//w:instrText")[0].text.strip() == "PAGE"
    assert odd.alignment == 2 and odd.paragraph_format.right_indent == Pt(14)  # RIGHT
    assert even.alignment == 0 and even.paragraph_format.left_indent == Pt(14)  # LEFT


def test_imprint_sits_between_rules():
    document = _doc()
    copy_to = _paragraph(document, "抄送：市纪委监委，市委组织部。")
    assert copy_to.runs[0].font.size == Pt(14)
    assert copy_to._p.pPr.find(qn("w:pBdr")).find(qn("w:top")) is not None


def test_a_document_without_head_starts_with_its_title():
    document = Document(io.BytesIO(render_docx(OfficialDocument(title="整改进展情况报告", blocks=[Block("正文。")]))))
    assert document.paragraphs[0].text == "整改进展情况报告"


def test_numbering_decides_heading_kind():
    assert classify("一、总体情况") == BlockKind.HEADING_1
    assert classify("（二）整改措施") == BlockKind.HEADING_2
    assert classify("一、总体情况。我们高度重视。") == BlockKind.BODY
    assert classify("1. 建立台账") == BlockKind.BODY


@pytest.mark.django_db
def test_supervision_document_downloads_as_an_official_document(world, client):
    document = domain.draft_document(
        world.inspection,
        by=world.office,
        kind="reminder",
        addressee=world.tree.district,
        measures=world.measures[:1],
        today=days_before(5),
    )
    domain.issue_document(document, by=world.office, on=days_before(5))
    client.force_login(world.office)
    response = client.get(reverse("supervision:document_docx", args=[document.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    addressee = world.tree.district.short_name or world.tree.district.name
    assert download_name(response) == (f"提醒书-{addressee}-巡督〔2025〕1号.docx", "supervision-2025-1.docx")
    printed = Document(io.BytesIO(response.content))
    texts = [p.text for p in printed.paragraphs]
    assert texts[:3] == [
        "中共厦门市委员会巡察工作领导小组办公室",
        "巡督〔2025〕1号",
        "关于巡察整改事项即将到期的提醒书",
    ]
    assert "中共厦门市思明区委员会：" in texts and "2025年6月25日" in texts
    assert any("即将到期" in t for t in texts)
