"""Every document type rendered to PDF by LibreOffice and measured on the page (GB/T 9704-2012):
margins and text area within a millimetre, 28 characters on a full line and 22 lines on a full
page, the page number's place and side, the red head, the signature and date, and the 版记 at
the foot of the last page.

All documents are converted in one LibreOffice run per module (a run takes seconds)."""

import re

import pytest

from tests.documents.pages import BOTTOM, CHAR_MM, LEFT, PITCH_MM, RIGHT, TOP, read_pages
from xuncha.documents.content import Block, OfficialDocument
from xuncha.documents.pdf import docx_to_pdfs, soffice_path
from xuncha.documents.samples import SAMPLES
from xuncha.documents.writer import render_docx

TOLERANCE = 1.0  # mm
CJK = re.compile(r"^[\u3400-\u9fff，。、；：“”‘’（）]+$")
FILLER = "巡察整改是政治任务必须从严从实抓好各项整改措施的落实" * 80


@pytest.fixture(scope="module")
def rendered():
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF layout cannot be measured")
    documents = {key: sample.build() for key, sample in SAMPLES.items()}
    # a body of one long paragraph: its second page is full
    documents["filler"] = OfficialDocument(title="通知", blocks=[Block(FILLER)])
    # a body that ends on the last line of page 1: the signature would open page 2 alone
    documents["edge"] = OfficialDocument(
        title="通知",
        blocks=[Block("巡察整改" * 69 + "巡察"), Block("落实责任" * 69 + "落实")],
        signature="市委第一巡察组",
        dated="2025年3月1日",
    )
    pdfs = docx_to_pdfs([render_docx(document) for document in documents.values()])
    return {key: (documents[key], read_pages(pdf)) for key, pdf in zip(documents, pdfs, strict=True)}


DOCUMENTS = [*SAMPLES, "filler", "edge"]


def near(measured: float, expected: float, tolerance: float = TOLERANCE) -> bool:
    return abs(measured - expected) <= tolerance


@pytest.mark.parametrize("key", DOCUMENTS)
def test_pages_are_a4_and_text_stays_in_the_text_area(rendered, key):
    _document, pages = rendered[key]
    for page in pages:
        assert near(page.width, 210) and near(page.height, 297)
        for line in page.body_lines():
            assert line.x0 >= LEFT - TOLERANCE, (key, page.number, line.text)
            assert line.x1_inside <= RIGHT + TOLERANCE, (key, page.number, line.text)
            assert line.box_top() >= TOP - TOLERANCE, (key, page.number, line.text)
            assert line.box_bottom() <= BOTTOM + TOLERANCE, (key, page.number, line.text)


@pytest.mark.parametrize("key", DOCUMENTS)
def test_full_lines_fill_the_text_area_with_28_characters(rendered, key):
    _document, pages = rendered[key]
    full = [
        line
        for page in pages
        for line, following in zip(page.body_lines(), page.body_lines()[1:], strict=False)
        if near(line.size, 16, 0.1)
        and CJK.match(line.text)
        and not following.text[0].isascii()  # a number that cannot be broken ends a line early
        and near(line.x0, LEFT)
        and near(line.x1_inside, RIGHT)
    ]
    if key in {"official", "filler", "announcement"}:
        assert full, key  # these have whole lines of Chinese text
    for line in full:
        inside = [c for c in line.chars if c["x0"] / (72 / 25.4) < RIGHT - 1]
        assert len(inside) == 28, (key, line.text)


def test_a_full_page_holds_22_lines_at_the_grid_pitch(rendered):
    _document, pages = rendered["filler"]
    lines = pages[1].body_lines()
    assert len(lines) == 22
    assert near(lines[0].box_top(), TOP) and near(lines[-1].box_bottom(), BOTTOM)
    pitch = (lines[-1].top - lines[0].top) / 21
    assert near(pitch, PITCH_MM, 0.1)


@pytest.mark.parametrize("key", DOCUMENTS)
def test_page_numbers_sit_7_mm_below_the_text_area_odd_right_even_left(rendered, key):
    _document, pages = rendered[key]
    for page in pages:
        number = page.page_number()
        assert number is not None and number.text == f"— {page.number} —", (key, page.number)
        assert near(number.top, BOTTOM + 7), (key, number.top)
        one = 14 / (72 / 25.4)  # one 4号 character in from the edge
        if page.number % 2:
            assert near(number.x1, RIGHT - one), (key, page.number, number.x1)
        else:
            assert near(number.x0, LEFT + one), (key, page.number, number.x0)


@pytest.mark.parametrize("key", [k for k in SAMPLES if SAMPLES[k].build().issuer_mark])
def test_red_head_mark_number_and_rule(rendered, key):
    document, pages = rendered[key]
    lines = pages[0].lines
    mark = next(line for line in lines if line.text == document.issuer_mark)
    number = next(line for line in lines if line.text == document.number)
    assert near(mark.top, TOP + 35), mark.top  # 发文机关标志: top edge 35 mm into the text area
    assert number.top - mark.bottom >= 2 * PITCH_MM  # two blank lines between them
    red = [rule for rule in pages[0].rules if rule["colour"][:3] == (1, 0, 0)]
    assert red, pages[0].rules
    assert near(red[0]["x0"], LEFT) and near(red[0]["x1"], RIGHT)  # as wide as the text area
    assert near(red[0]["top"] - number.bottom, 4), red[0]["top"] - number.bottom  # 4 mm under the number


@pytest.mark.parametrize("key", DOCUMENTS)
def test_title_is_followed_by_a_blank_line(rendered, key):
    document, pages = rendered[key]
    lines = pages[0].lines
    title = [line for line in lines if near(line.size, 22, 0.1)]
    assert title and "".join(line.text for line in title) == document.title
    after = lines[lines.index(title[-1]) + 1]
    assert near(after.top - title[-1].top, 2 * PITCH_MM + (22 - after.size) / 2 / (72 / 25.4), 1.5)
    assert len(title) == 1 or all(len(line.text) >= 4 for line in title)  # no "通报" alone


@pytest.mark.parametrize("key", [k for k in DOCUMENTS if k != "filler"])
def test_date_four_characters_from_the_right_and_signature_centred_over_it(rendered, key):
    document, pages = rendered[key]
    lines = [line for page in pages for line in page.body_lines()]
    dated = next(line for line in lines if line.text == document.dated)
    signature = [line for line in lines if line.text == document.signature][-1]  # not the red head
    assert near(RIGHT - dated.x1, 4 * CHAR_MM), RIGHT - dated.x1
    assert near(dated.top - signature.top, PITCH_MM, 0.5)  # the line below
    if signature.x1 - signature.x0 <= 2 * (RIGHT - dated.centre):
        assert near(signature.centre, dated.centre), (signature.centre, dated.centre)
    else:  # too long to centre: it ends at the right edge
        assert near(signature.x1, RIGHT)
    # kept on the page of the body's last lines: never alone at the top of a page
    page = next(p for p in pages if signature in p.lines)
    assert page.body_lines().index(signature) > 0


@pytest.mark.parametrize("key", [k for k in SAMPLES if SAMPLES[k].build().printed_on])
def test_imprint_at_the_foot_of_the_last_page_between_rules(rendered, key):
    _document, pages = rendered[key]
    last = pages[-1]
    printed = next(line for line in last.lines if line.text.endswith("印发"))
    assert near(printed.box_bottom(), BOTTOM)  # its last element on the last line
    assert near(printed.x0, LEFT) and near(printed.x1, RIGHT - 14 / (72 / 25.4))  # one 4号 character in
    copy_to = next(line for line in last.lines if "抄送：" in line.text)
    assert near(printed.top - copy_to.top, PITCH_MM, 0.5)
    black = sorted((r for r in last.rules if r["colour"][:3] in {(0,), (0, 0, 0)}), key=lambda r: r["top"])
    assert len(black) == 3, last.rules  # above 抄送, between, below 印发
    for rule in black:
        assert near(rule["x0"], LEFT) and near(rule["x1"], RIGHT)
    assert near(black[-1]["top"], BOTTOM) and black[0]["top"] < copy_to.top < black[1]["top"] < printed.top
    for page in pages[:-1]:
        assert not any("印发" in line.text for line in page.lines)
