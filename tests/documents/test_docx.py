"""The writer's GB/T 9704-2012 settings, read back from the .docx XML (the rendered page is
measured in test_layout_pdf.py)."""

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from xuncha.documents.content import Block, BlockKind, OfficialDocument, blocks_from_text, classify
from xuncha.documents.writer import printed_width, render_docx, signature_offsets

CLOSE = Mm(0.2)  # Word stores lengths in twips; a millimetre converts with a rounding


def _doc(**overrides) -> Document:
    fields = {
        "title": "关于巡察整改事项即将到期的提醒书",
        "blocks": blocks_from_text("一、基本情况\n（一）整改进度\n正文第一段。\n1. 第一项"),
        "issuer_mark": "中共厦门市委巡察工作领导小组办公室",
        "number": "厦巡督〔2025〕3号",
        "addressee": "中共厦门市思明区委员会",
        "signature": "中共厦门市委巡察工作领导小组办公室",
        "dated": "2025年3月1日",
        "copy_to": "市纪委监委，市委组织部",
        "printer": "中共厦门市委巡察工作领导小组办公室",
        "printed_on": "2025年3月1日",
    }
    return Document(io.BytesIO(render_docx(OfficialDocument(**{**fields, **overrides}))))


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
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"  # 22 lines
    assert grid.get(qn("w:charSpace")) == str(round((Mm(156).pt / 28 - 16) * 4096))  # 28 characters


def test_every_run_names_its_east_asian_font_and_digits_are_half_width_roman():
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
        assert east_asian in {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}, run.text
        assert latin == ("宋体" if east_asian == "宋体" else "Times New Roman"), run.text


def test_title_body_and_heading_fonts_and_sizes():
    document = _doc()
    assert _font(_paragraph(document, "关于巡察整改事项即将到期的提醒书").runs[0])[1:] == ("方正小标宋简体", 22)
    body = _paragraph(document, "正文第一段。")
    assert _font(body.runs[0])[1:] == ("仿宋_GB2312", 16)
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
    # 35 mm to the glyph's top edge, less the half of its exact line above the glyph
    line = mark.paragraph_format.line_spacing
    half_leading = (line - mark.runs[0].font.size) / 2
    assert abs(mark.paragraph_format.space_before + half_leading - Mm(35)) < CLOSE
    number = _paragraph(document, "厦巡督〔2025〕3号")
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"


def test_date_is_four_characters_in_and_signature_centred_over_it():
    document = _doc(signature="市委第一巡察组")
    dated = next(p for p in document.paragraphs if p.text == "2025年3月1日")
    signature = _paragraph(document, "市委第一巡察组")
    assert abs(dated.paragraph_format.right_indent.pt - 4 * Mm(156).pt / 28) < 0.5
    sig_centre = signature.paragraph_format.right_indent.pt + printed_width(signature.text) / 2
    date_centre = dated.paragraph_format.right_indent.pt + printed_width(dated.text) / 2
    assert abs(sig_centre - date_centre) < 1
    assert signature.paragraph_format.keep_with_next  # the date follows the signature


def test_a_signature_too_long_to_centre_ends_at_the_right_edge():
    signature_right, date_right = signature_offsets("中共厦门市委巡察工作领导小组办公室", "2025年3月1日")
    assert signature_right == 0 and abs(date_right - 4 * Mm(156).pt / 28) < 0.01


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


def test_imprint_sits_between_rules_in_frames_at_the_foot_of_the_page():
    document = _doc()
    copy_to = _paragraph(document, "\u3000抄送：市纪委监委，市委组织部。")
    printed = next(p for p in document.paragraphs if p.text.endswith("2025年3月1日印发"))
    assert copy_to.runs[0].font.size == Pt(14)
    assert copy_to._p.pPr.find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:sz")) == "8"  # 0.35 mm
    assert copy_to._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:sz")) == "6"  # 0.25 mm
    assert printed._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:sz")) == "8"
    copy_frame, printed_frame = (p._p.pPr.find(qn("w:framePr")) for p in (copy_to, printed))
    # the last row ends on the last line of the text area
    bottom = int(printed_frame.get(qn("w:y"))) + int(printed_frame.get(qn("w:h")))
    assert abs(bottom - Mm(225).twips) < 20
    assert int(copy_frame.get(qn("w:y"))) + int(copy_frame.get(qn("w:h"))) == int(printed_frame.get(qn("w:y")))


def test_every_paragraph_is_kept_whole_by_the_last_body_one():
    document = _doc()
    last_body = _paragraph(document, "1. 第一项")
    assert last_body.paragraph_format.keep_with_next  # no signature alone on a page


def test_a_document_without_head_starts_with_its_title():
    document = Document(io.BytesIO(render_docx(OfficialDocument(title="整改进展情况报告", blocks=[Block("正文。")]))))
    assert document.paragraphs[0].text == "整改进展情况报告"


def test_numbering_decides_heading_kind():
    assert classify("一、总体情况") == BlockKind.HEADING_1
    assert classify("（二）整改措施") == BlockKind.HEADING_2
    assert classify("一、总体情况。我们高度重视。") == BlockKind.BODY
    assert classify("1. 建立台账") == BlockKind.BODY


def test_ledger_text_prints_with_chinese_punctuation():
    document = _doc(blocks=blocks_from_text("(一)整改进度\n完成率:93%,共1,000元。"), number="厦巡督[2025]3号")
    texts = [p.text for p in document.paragraphs]
    assert "（一）整改进度" in texts and "完成率：93%，共1,000元。" in texts
    assert "厦巡督〔2025〕3号" in texts


def test_a_long_title_is_broken_into_balanced_lines_with_a_blank_line_after():
    document = _doc(title="中共厦门市湖里区委员会关于市委第一巡察组巡察反馈意见整改进展情况的通报")
    title = next(p for p in document.paragraphs if p.text.startswith("中共厦门市湖里区委员会"))
    lines = title.text.split("\n")
    assert lines == ["中共厦门市湖里区委员会关于市委第一巡察组", "巡察反馈意见整改进展情况的通报"]
    assert title.paragraph_format.space_after == Pt(28.95)


def test_fonts_are_declared_with_fallbacks_and_no_japanese_defaults():
    data = render_docx(OfficialDocument(title="通知", blocks=[Block("正文。")]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        table = archive.read("word/fontTable.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    for name, fallback in (("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "方正小标宋_GBK"), ("黑体", "SimHei")):
        assert f'w:name="{name}"><w:altName w:val="{fallback}"/>' in table
    assert "MS Mincho" not in table and "ＭＳ" not in table
    assert 'w:eastAsia="仿宋_GB2312"' in styles and "eastAsiaTheme" not in styles.split("</w:docDefaults>")[0]
