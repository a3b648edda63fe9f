"""Writing an ``OfficialDocument`` to .docx with the GB/T 9704-2012 layout (see layout.py).

Order on the first page: the red head (issuing body's mark 35 mm into the text area, the number
two lines below it, a red rule the width of the text area 4 mm under the number), the title two
lines below the rule, the addressee one line below the title, the body, then signature and
date, and the imprint (抄送 / 印发) between black rules at the end.
"""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Pt, RGBColor

from xuncha.documents import layout
from xuncha.documents.content import Block, BlockKind, OfficialDocument, text_width

# Elements that follow w:pBdr inside w:pPr (the schema's order; Word refuses other orders).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)

BLOCK_FONTS = {
    BlockKind.BODY: layout.FONT_BODY,
    BlockKind.HEADING_1: layout.FONT_HEADING_1,
    BlockKind.HEADING_2: layout.FONT_HEADING_2,
}


def set_font(run, name: str, size_pt: float, *, bold: bool = False, color: str | None = None) -> None:
    """Set a run's font for Latin and East-Asian text alike."""
    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = layout.PAGE_WIDTH, layout.PAGE_HEIGHT
    section.top_margin, section.bottom_margin = layout.TOP_MARGIN, layout.BOTTOM_MARGIN
    section.left_margin, section.right_margin = layout.LEFT_MARGIN, layout.RIGHT_MARGIN
    section.footer_distance = layout.FOOTER_DISTANCE
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(layout.LINE_PITCH_TWIPS))
    normal = document.styles["Normal"]
    normal.font.name = layout.FONT_BODY
    normal.font.size = Pt(layout.SIZE_3)
    normal_rpr = normal.element.get_or_add_rPr()
    normal_rpr.get_or_add_rFonts().set(qn("w:eastAsia"), layout.FONT_BODY)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")
    normal_rpr.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    document.settings.odd_and_even_pages_header_footer = True


def _paragraph(
    document,
    text: str,
    font: str,
    size: float,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line: Length | None = None,
    before: Length | None = None,
    left: Length | None = None,
    right: Length | None = None,
    exact: bool = True,
    color: str | None = None,
):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = before or Pt(0), Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = layout.LINE_PITCH
    if first_line is not None:
        fmt.first_line_indent = first_line
    if left is not None:
        fmt.left_indent = left
    if right is not None:
        fmt.right_indent = right
    if text:
        set_font(paragraph.add_run(text), font, size, color=color)
    return paragraph


def _border(paragraph, edge: str, *, color: str, eighths: int, space_pt: int) -> None:
    """A rule above or below a paragraph, as wide as the paragraph (the text area)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), str(space_pt))
    line.set(qn("w:color"), color)
    borders.append(line)


def _head(document, doc: OfficialDocument) -> None:
    """The red head (版头): issuing body's mark, number, red rule."""
    if doc.issuer_mark:
        width = max(text_width(doc.issuer_mark), 1)
        size = max(layout.SIZE_2, min(36, int(layout.TEXT_WIDTH.pt * 0.92 / width)))
        _paragraph(
            document,
            doc.issuer_mark,
            layout.FONT_TITLE,
            size,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            before=layout.MARK_OFFSET,
            exact=False,
            color=layout.RED,
        )
    if doc.issuer_mark or doc.number:
        number = _paragraph(
            document,
            doc.number,
            layout.FONT_BODY,
            layout.SIZE_3,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            before=Pt(layout.LINE_PITCH.pt * 2) if doc.issuer_mark else None,
        )
        _border(number, "bottom", color=layout.RED, eighths=12, space_pt=11)  # 1.5 pt rule, 4 mm below


def _title(document, doc: OfficialDocument, *, after_head: bool) -> None:
    paragraph = _paragraph(
        document,
        "",
        layout.FONT_TITLE,
        layout.SIZE_2,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=Pt(layout.LINE_PITCH.pt * 2) if after_head else None,
    )
    for index, line in enumerate(doc.title.splitlines() or [""]):
        run = paragraph.add_run(line)
        set_font(run, layout.FONT_TITLE, layout.SIZE_2)
        if index < len(doc.title.splitlines()) - 1:
            run.add_break()


def _block(document, block: Block) -> None:
    _paragraph(document, block.text, BLOCK_FONTS[block.kind], layout.SIZE_3, first_line=layout.CHAR * 2)


def _signature(document, doc: OfficialDocument) -> None:
    """Signature centred over the date; the date four characters in from the right (盖章式)."""
    sig_width, date_width = text_width(doc.signature), text_width(doc.dated)
    half_difference = (sig_width - date_width) / 2 if doc.signature and doc.dated else 0
    if half_difference >= 0:
        sig_right = max(0.0, 4 - half_difference)
        date_right = sig_right + half_difference
    else:
        date_right, sig_right = 4.0, 4 - half_difference
    if doc.signature:
        _paragraph(
            document,
            doc.signature,
            layout.FONT_BODY,
            layout.SIZE_3,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            before=layout.LINE_PITCH,
            right=Pt(layout.CHAR.pt * sig_right),
        )
    if doc.dated:
        _paragraph(
            document,
            doc.dated,
            layout.FONT_BODY,
            layout.SIZE_3,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            right=Pt(layout.CHAR.pt * date_right),
        )


def _imprint(document, doc: OfficialDocument) -> None:
    """版记: 4号仿宋 between black rules, one character in from each side."""
    if not (doc.copy_to or doc.printer or doc.printed_on):
        return
    indent = layout.PAGE_NUMBER_CHAR
    rows = []
    if doc.copy_to:
        rows.append(
            _paragraph(
                document,
                f"抄送：{doc.copy_to}。",
                layout.FONT_BODY,
                layout.SIZE_4,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                before=layout.LINE_PITCH,
                left=indent,
                right=indent,
            )
        )
    if doc.printer or doc.printed_on:
        printed = _paragraph(
            document, doc.printer, layout.FONT_BODY, layout.SIZE_4, align=WD_ALIGN_PARAGRAPH.LEFT, left=indent
        )
        if doc.printed_on:
            printed.paragraph_format.tab_stops.add_tab_stop(
                Pt(layout.TEXT_WIDTH.pt - indent.pt), WD_TAB_ALIGNMENT.RIGHT
            )
            set_font(printed.add_run(f"\t{doc.printed_on}印发"), layout.FONT_BODY, layout.SIZE_4)
        rows.append(printed)
    _border(rows[0], "top", color="000000", eighths=8, space_pt=1)
    _border(rows[-1], "bottom", color="000000", eighths=8, space_pt=1)


def _field_run(paragraph, kind: str, text: str = ""):
    run = paragraph.add_run()
    if kind == "instr":
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = text
    else:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
    run._r.append(element)
    set_font(run, layout.FONT_PAGE_NUMBER, layout.SIZE_4)
    return run


def _page_number(footer, *, odd: bool) -> None:
    """ "— 1 —" in 4号宋体: odd pages on the right, even pages on the left, one character in."""
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = layout.PAGE_NUMBER_CHAR
    else:
        fmt.left_indent = layout.PAGE_NUMBER_CHAR
    set_font(paragraph.add_run("— "), layout.FONT_PAGE_NUMBER, layout.SIZE_4)
    _field_run(paragraph, "begin")
    _field_run(paragraph, "instr", " PAGE ")
    _field_run(paragraph, "separate")
    set_font(paragraph.add_run("1"), layout.FONT_PAGE_NUMBER, layout.SIZE_4)
    _field_run(paragraph, "end")
    set_font(paragraph.add_run(" —"), layout.FONT_PAGE_NUMBER, layout.SIZE_4)


def render_docx(doc: OfficialDocument) -> bytes:
    document = Document()
    _setup(document)
    _head(document, doc)
    _title(document, doc, after_head=bool(doc.issuer_mark or doc.number))
    if doc.addressee:
        _paragraph(
            document,
            f"{doc.addressee}：",
            layout.FONT_BODY,
            layout.SIZE_3,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=layout.LINE_PITCH,
        )
    for block in doc.blocks:
        _block(document, block)
    _signature(document, doc)
    _imprint(document, doc)
    section = document.sections[0]
    _page_number(section.footer, odd=True)
    _page_number(section.even_page_footer, odd=False)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
