"""Writing an ``OfficialDocument`` to .docx with the GB/T 9704-2012 layout (see layout.py).

This is the one writer of every official document the platform prints (supervision letters,
the inspection announcement, progress reports). Build an ``OfficialDocument`` (content.py) and
call ``render_docx``; ``pdf.docx_to_pdf`` turns the result into a PDF and
``downloads.document_download`` sends either.

Order on the first page: the red head (issuing body's mark 35 mm into the text area, the number
two lines below it, a red rule the width of the text area 4 mm under the number), the title two
lines below the rule, balanced on as many lines as it needs, a blank line, the addressee, the
body, then signature and date (kept on the page of the body's last lines), and the imprint
(抄送 / 印发) between rules at the foot of the last page. Every text passes through
``punctuation.normalise`` on the way, so ledger text prints with Chinese punctuation.
"""

import itertools
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from xuncha.documents import fonts, layout
from xuncha.documents.content import Block, BlockKind, OfficialDocument, text_width
from xuncha.documents.lines import balance
from xuncha.documents.punctuation import normalise, normalise_number

# Elements that follow w:framePr / w:pBdr inside w:pPr (the schema's order; Word refuses others).
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
_AFTER_SNAP = _AFTER_PBDR[_AFTER_PBDR.index("w:snapToGrid") + 1 :]
_AFTER_FRAME = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", *_AFTER_PBDR)
# in w:rPr, w:spacing comes after these and before the size
_AFTER_RUN_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect")

BLOCK_FONTS = {
    BlockKind.BODY: layout.FONT_BODY,
    BlockKind.HEADING_1: layout.FONT_HEADING_1,
    BlockKind.HEADING_2: layout.FONT_HEADING_2,
}

_MARK_LINE = Pt(layout.MARK_MAX_SIZE + 4)  # the mark's line, exact: its glyph about centred
# calibrated: with exact lines a glyph sits about centred, its top (line - size) / 2 down
_NUMBER_GLYPH_BOTTOM_INSET = Pt((layout.LINE_PITCH.pt - layout.SIZE_3) / 2)


def set_font(
    run, name: str, size_pt: float, *, bold: bool = False, color: str | None = None, latin: str | None = None
) -> None:
    """Set a run's East-Asian font and its Latin one (digits and letters: Times New Roman unless
    `latin` says otherwise); 3号 runs keep the 28-character pitch."""
    run.font.name = latin or layout.FONT_LATIN
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    if size_pt == layout.SIZE_3:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(layout.BODY_CHAR_SPACING_TWENTIETHS))
        rpr.insert_element_before(spacing, *_AFTER_RUN_SPACING)


def _declare_fonts(document) -> None:
    """Our faces in the font table and the defaults, instead of the template's Japanese ones."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            part._blob = fonts.font_table_xml()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is not None:
            rpr.remove(rfonts)
        rfonts = OxmlElement("w:rFonts")
        rfonts.set(qn("w:ascii"), layout.FONT_LATIN)
        rfonts.set(qn("w:hAnsi"), layout.FONT_LATIN)
        rfonts.set(qn("w:eastAsia"), layout.FONT_BODY)
        rpr.insert(0, rfonts)
        for lang in rpr.findall(qn("w:lang")):
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")


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
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(layout.LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(layout.GRID_CHAR_SPACE))
    _declare_fonts(document)
    normal = document.styles["Normal"]
    normal.font.name = layout.FONT_LATIN
    normal.font.size = Pt(layout.SIZE_3)
    normal_rpr = normal.element.get_or_add_rPr()
    normal_rpr.get_or_add_rFonts().set(qn("w:eastAsia"), layout.FONT_BODY)
    # Latin text in English, East-Asian in Chinese: with Chinese for both LibreOffice breaks
    # lines inside numbers ("于2 / 025年")
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    normal_rpr.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    document.settings.odd_and_even_pages_header_footer = True


def _no_grid_snap(paragraph) -> None:
    """Lay the paragraph out by its own spacing, not LibreOffice's whole-cell character grid,
    and with punctuation kept inside the text area where the renderer follows w:overflowPunct
    (Word; LibreOffice 7.4 hangs it regardless, as WPS does by default)."""
    ppr = paragraph._p.get_or_add_pPr()
    overflow = OxmlElement("w:overflowPunct")
    overflow.set(qn("w:val"), "0")
    ppr.insert_element_before(overflow, *_AFTER_PBDR[_AFTER_PBDR.index("w:overflowPunct") + 1 :])
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_AFTER_SNAP)


def _paragraph(
    document,
    text: str,
    font: str,
    size: float,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line: Length | None = None,
    before: Length | None = None,
    after: Length | None = None,
    left: Length | None = None,
    right: Length | None = None,
    line: Length = layout.LINE_PITCH,
    color: str | None = None,
    keep_with_next: bool = False,
):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = before or Pt(0), after or Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.widow_control = True
    if keep_with_next:
        fmt.keep_with_next = True
    if first_line is not None:
        fmt.first_line_indent = first_line
    if left is not None:
        fmt.left_indent = left
    if right is not None:
        fmt.right_indent = right
    _no_grid_snap(paragraph)
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


def _in_frame(paragraph, *, top: Length, height: Length) -> None:
    """Put the paragraph in a frame the width of the text area, `top` below the top of the
    text area; a frame keeps its place whatever the body above it does."""
    ppr = paragraph._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    frame.set(qn("w:w"), str(round(layout.TEXT_WIDTH.twips)))
    frame.set(qn("w:h"), str(round(height.twips)))
    frame.set(qn("w:hRule"), "exact")
    frame.set(qn("w:wrap"), "notBeside")
    frame.set(qn("w:vAnchor"), "margin")
    frame.set(qn("w:hAnchor"), "margin")
    frame.set(qn("w:xAlign"), "center")
    frame.set(qn("w:y"), str(round(top.twips)))
    ppr.insert_element_before(frame, *_AFTER_FRAME)


def _head(document, doc: OfficialDocument) -> None:
    """The red head (版头): issuing body's mark, number, red rule."""
    if doc.issuer_mark:
        mark = normalise(doc.issuer_mark)
        width = max(text_width(mark), 1)
        size = max(layout.SIZE_2, min(layout.MARK_MAX_SIZE, int(layout.TEXT_WIDTH.pt * 0.92 / width)))
        _paragraph(
            document,
            mark,
            layout.FONT_TITLE,
            size,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            # the line is exact and the glyph about centred in it: its top edge at MARK_OFFSET
            before=Pt(layout.MARK_OFFSET.pt - (_MARK_LINE.pt - size) / 2),
            line=_MARK_LINE,
            color=layout.RED,
        )
    if doc.issuer_mark or doc.number:
        # two blank lines between the mark's line and the number's
        number = _paragraph(
            document,
            normalise_number(doc.number),
            layout.FONT_BODY,
            layout.SIZE_3,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            before=Pt(layout.LINE_PITCH.pt * 2) if doc.issuer_mark else None,
        )
        space = round(max(0.0, layout.RED_RULE_GAP.pt - _NUMBER_GLYPH_BOTTOM_INSET.pt))
        _border(number, "bottom", color=layout.RED, eighths=12, space_pt=space)  # 1.5 pt rule


def _title(document, doc: OfficialDocument, *, after_head: bool) -> None:
    """The title, balanced on its lines, two lines below the red rule, one blank line after."""
    lines = []
    for given in normalise(doc.title).splitlines() or [""]:
        lines += balance(given)
    paragraph = _paragraph(
        document,
        "",
        layout.FONT_TITLE,
        layout.SIZE_2,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=Pt(layout.LINE_PITCH.pt * 2) if after_head else None,  # from the rule
        after=layout.LINE_PITCH,
        keep_with_next=True,
    )
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        set_font(run, layout.FONT_TITLE, layout.SIZE_2)
        if index < len(lines) - 1:
            run.add_break()


def _block(document, block: Block, *, keep_with_next: bool = False) -> None:
    _paragraph(
        document,
        normalise(block.text),
        BLOCK_FONTS[block.kind],
        layout.SIZE_3,
        first_line=layout.CHAR * 2,
        keep_with_next=keep_with_next or block.kind != BlockKind.BODY,
    )


_AUTO_SPACE_EM = 0.2  # the space Word and LibreOffice add between Chinese and Latin text or digits


def printed_width(text: str, size_pt: float = layout.SIZE_3) -> float:
    """The width of a line of text in points as it prints: Chinese characters a full em,
    half-width digits and letters half an em (Times New Roman), the renderers' small space
    between the two kinds, and the 3号 runs' tighter spacing."""
    if not text:
        return 0.0
    spacing = layout.BODY_CHAR_SPACING_TWENTIETHS / 20 if size_pt == layout.SIZE_3 else 0
    kinds = [ord(char) < 128 for char in text]
    switches = sum(1 for a, b in itertools.pairwise(kinds) if a != b)
    return text_width(text) * size_pt + len(text) * spacing + switches * _AUTO_SPACE_EM * size_pt


def signature_offsets(signature: str, dated: str) -> tuple[float, float]:
    """Right indents, in points, of the signature and the date: the date four characters from
    the right edge (GB/T 9704 7.3.5.1, 成文日期右空四字), the signature centred over it; a
    signature too long to be centred there ends at the right edge, as near centred as fits."""
    four = 4 * layout.CHAR_PITCH_PT
    date_right = four if dated else 0.0
    if not signature:
        return 0.0, date_right
    if not dated:
        return four, 0.0
    centred = date_right + (printed_width(dated) - printed_width(signature)) / 2
    return max(0.0, centred), date_right


def _signature(document, doc: OfficialDocument) -> None:
    """Signature and date, one line below the body, kept on the page of the body's end."""
    signature, dated = normalise(doc.signature), normalise(doc.dated)
    sig_right, date_right = signature_offsets(signature, dated)
    if signature:
        _paragraph(
            document,
            signature,
            layout.FONT_BODY,
            layout.SIZE_3,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            before=layout.LINE_PITCH,
            right=Pt(sig_right),
            keep_with_next=bool(dated),
        )
    if dated:
        _paragraph(
            document,
            dated,
            layout.FONT_BODY,
            layout.SIZE_3,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            before=None if signature else layout.LINE_PITCH,
            right=Pt(date_right),
        )


FIGURES_PER_ROW = 3


def _figures(document, doc: OfficialDocument) -> None:
    """The figures after the signature, centred, up to three a row, each with its caption under
    it in 小四 (12 pt); kept together so that a code is never parted from its caption."""
    if not doc.figures:
        return
    rows = [doc.figures[i : i + FIGURES_PER_ROW] for i in range(0, len(doc.figures), FIGURES_PER_ROW)]
    _paragraph(document, "", layout.FONT_BODY, layout.SIZE_3, keep_with_next=True)
    table = document.add_table(rows=len(rows), cols=min(len(doc.figures), FIGURES_PER_ROW))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, figures in zip(table.rows, rows, strict=True):
        for cell, figure in zip(row.cells, figures, strict=False):
            picture = cell.paragraphs[0]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
            _no_grid_snap(picture)  # on the document grid the image's line would round up to lines
            picture.paragraph_format.space_after = Pt(0)
            picture.add_run().add_picture(BytesIO(figure.png), width=Mm(figure.width_mm))
            if figure.caption:
                caption = cell.add_paragraph()
                caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _no_grid_snap(caption)  # 小四 characters, not spread over the 3号 grid's cells
                set_font(caption.add_run(normalise(figure.caption)), layout.FONT_BODY, 12)


IMPRINT_CHARS = int(layout.TEXT_WIDTH.pt // layout.SIZE_4)  # 4号 characters on a line of the text area


def _imprint(document, doc: OfficialDocument) -> None:
    """版记 on the last lines of the last page (GB/T 9704 7.4: its last element on the last
    line): 4号仿宋 one character in from each side, a thick rule above and below and a thin
    one between 抄送 and 印发.

    Each row is a frame at a fixed place counted up from the foot of the text area, so the
    body flows above it on the same page. (One frame per row, because LibreOffice makes no
    frame of paragraphs whose rules differ, and 'between' rules are lost.)"""
    indent = "\u3000"  # one 4号 character
    rows: list[tuple[str, str]] = []  # (text, tab text)
    if doc.copy_to:
        rows.append((f"{indent}抄送：{normalise(doc.copy_to).rstrip('。')}。", ""))
    if doc.printer or doc.printed_on:
        printed_on = f"{normalise(doc.printed_on)}印发" if doc.printed_on else ""
        rows.append((f"{indent}{normalise(doc.printer)}", printed_on))
    if not rows:
        return
    heights = [max(1, -(-int(text_width(text + tab) + 1) // IMPRINT_CHARS)) for text, tab in rows]
    bottom = layout.TEXT_HEIGHT.pt
    tops = []
    for lines in reversed(heights):
        bottom -= lines * layout.LINE_PITCH.pt
        tops.insert(0, bottom)
    for index, ((text, tab), lines, top) in enumerate(zip(rows, heights, tops, strict=True)):
        row = _paragraph(document, text, layout.FONT_BODY, layout.SIZE_4, align=WD_ALIGN_PARAGRAPH.LEFT)
        if tab:
            row.paragraph_format.tab_stops.add_tab_stop(
                Pt(layout.TEXT_WIDTH.pt - layout.PAGE_NUMBER_CHAR.pt), WD_TAB_ALIGNMENT.RIGHT
            )
            set_font(row.add_run(f"\t{tab}"), layout.FONT_BODY, layout.SIZE_4)
        _in_frame(row, top=Pt(top), height=Pt(lines * layout.LINE_PITCH.pt))
        if index == 0:
            _border(row, "top", color="000000", eighths=8, space_pt=0)  # 0.35 mm
        last = index == len(rows) - 1
        _border(row, "bottom", color="000000", eighths=8 if last else 6, space_pt=0)  # 0.35 / 0.25 mm
    # the body must end with a paragraph outside the frames (LibreOffice drops a frame that
    # ends the document): a hairline one, so it never needs a page of its own
    _paragraph(document, "", layout.FONT_BODY, 1, align=WD_ALIGN_PARAGRAPH.LEFT, line=Pt(1))


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
    set_font(run, layout.FONT_PAGE_NUMBER, layout.SIZE_4, latin=layout.FONT_PAGE_NUMBER)
    return run


def _page_number(footer, *, odd: bool) -> None:
    """ "— 1 —" in 4号宋体: odd pages on the right, even pages on the left, one character in."""
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(layout.SIZE_4 + 2)
    if odd:
        fmt.right_indent = layout.PAGE_NUMBER_CHAR
    else:
        fmt.left_indent = layout.PAGE_NUMBER_CHAR
    _no_grid_snap(paragraph)
    number_font = {"latin": layout.FONT_PAGE_NUMBER}  # 4号半角宋体 digits, as the standard says
    set_font(paragraph.add_run("— "), layout.FONT_PAGE_NUMBER, layout.SIZE_4, **number_font)
    _field_run(paragraph, "begin")
    _field_run(paragraph, "instr", " PAGE ")
    _field_run(paragraph, "separate")
    set_font(paragraph.add_run("1"), layout.FONT_PAGE_NUMBER, layout.SIZE_4, **number_font)
    _field_run(paragraph, "end")
    set_font(paragraph.add_run(" —"), layout.FONT_PAGE_NUMBER, layout.SIZE_4, **number_font)


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as .docx bytes, laid out after GB/T 9704-2012."""
    document = Document()
    _setup(document)
    _head(document, doc)
    _title(document, doc, after_head=bool(doc.issuer_mark or doc.number))
    if doc.addressee:
        _paragraph(
            document,
            f"{normalise(doc.addressee)}：",
            layout.FONT_BODY,
            layout.SIZE_3,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            keep_with_next=True,
        )
    blocks = list(doc.blocks)
    for index, block in enumerate(blocks):
        # the last paragraph goes with the signature: no signature alone on a page
        _block(document, block, keep_with_next=index == len(blocks) - 1 and bool(doc.signature or doc.dated))
    _signature(document, doc)
    _figures(document, doc)
    _imprint(document, doc)
    section = document.sections[0]
    _page_number(section.footer, odd=True)
    _page_number(section.even_page_footer, odd=False)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
