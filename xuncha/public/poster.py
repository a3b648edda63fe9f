"""The 码上巡 poster of one published page: an A4 sheet to hang in the inspected organisation,
with the announcement's essentials, the big QR code, what it is for and how to follow up.

Laid out with python-docx in the official documents' faces and made PDF by LibreOffice, as
every document the platform prints (xuncha.documents); the PNG is the PDF's page rasterised,
so the two downloads look the same. The text is the page's published copy, never the
inspection's live fields: the poster says what the code's page says.
"""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

from xuncha.documents import layout
from xuncha.documents.page_images import first_page_png
from xuncha.documents.pdf import docx_to_pdf
from xuncha.documents.writer import set_font
from xuncha.plans.dates import chinese_date
from xuncha.public import qr

RED = "C00000"
MARGIN = Mm(16)
QR_WIDTH = Mm(100)  # with its quiet zone: the code itself about 86 mm
PNG_RESOLUTION = 150  # dots per inch: 1240 × 1754 pixels, sharp enough to print A4

SLOGAN = "扫码反映问题、参与问卷，可匿名"
TRACKING_HINT = "提交后请记下查询码和查询密码，凭其可在本页查询办理进展、补充情况。"
CONFIDENTIAL = "{word}组对反映人的信息严格保密。"


def lines(page) -> list[tuple[str, str]]:
    """The announcement's essentials on the poster, as (label, text), those given only."""
    team = f"{page.word}组"
    rows = [(team, page.team_name), (f"被{page.word}单位", page.organisation_name)]
    if page.reports_open_on and page.reports_close_on:
        rows.append(("受理时间", f"{chinese_date(page.reports_open_on)}至{chinese_date(page.reports_close_on)}"))
    elif page.reports_open_on:
        rows.append(("受理时间", f"{chinese_date(page.reports_open_on)}起"))
    if page.phone:
        rows.append(("值班电话", page.phone))
    if page.mailbox:
        rows.append(("邮政信箱", page.mailbox))
    if page.email:
        rows.append(("电子邮箱", page.email))
    return rows


def _paragraph(document, text: str = "", *, font: str, size: float, bold: bool = False, color: str | None = None,
               align=WD_ALIGN_PARAGRAPH.CENTER, before: float = 0, after: float = 0, line: float | None = None):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line or size * 1.35)
    if text:
        set_font(paragraph.add_run(text), font, size, bold=bold, color=color)
    return paragraph


def render_docx(page, url: str) -> bytes:
    """The poster as .docx bytes (one A4 page)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = layout.PAGE_WIDTH, layout.PAGE_HEIGHT
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = MARGIN
    _paragraph(document, "码上巡", font=layout.FONT_HEADING_1, size=54, bold=True, color=RED, line=66)
    _paragraph(document, page.title, font=layout.FONT_TITLE, size=layout.SIZE_2, after=4)
    _paragraph(document, page.organisation_name, font=layout.FONT_HEADING_1, size=layout.SIZE_3, after=6)
    picture = _paragraph(document, font=layout.FONT_BODY, size=12)
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would crop the code
    picture.add_run().add_picture(BytesIO(qr.png(url, scale=12)), width=QR_WIDTH)
    _paragraph(document, SLOGAN, font=layout.FONT_HEADING_1, size=24, bold=True, color=RED, before=4)
    _paragraph(document, url, font=layout.FONT_LATIN, size=11, after=10)
    for label, text in lines(page):
        row = _paragraph(document, font=layout.FONT_BODY, size=layout.SIZE_4, align=WD_ALIGN_PARAGRAPH.LEFT)
        row.paragraph_format.left_indent = Mm(12)
        set_font(row.add_run(f"{label}："), layout.FONT_HEADING_1, layout.SIZE_4)
        set_font(row.add_run(text), layout.FONT_BODY, layout.SIZE_4)
    if page.accepted_matters:
        row = _paragraph(document, font=layout.FONT_BODY, size=11, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=4)
        row.paragraph_format.left_indent = row.paragraph_format.right_indent = Mm(12)
        set_font(row.add_run("受理范围："), layout.FONT_HEADING_1, 11)
        set_font(row.add_run(page.accepted_matters), layout.FONT_BODY, 11)
    _paragraph(document, TRACKING_HINT, font=layout.FONT_HEADING_2, size=12, before=10)
    _paragraph(document, CONFIDENTIAL.format(word=page.word), font=layout.FONT_HEADING_2, size=12)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(page, url: str) -> bytes:
    """Raises xuncha.documents.pdf.PdfUnavailable without LibreOffice."""
    return docx_to_pdf(render_docx(page, url))


def render_png(page, url: str) -> bytes:
    """Raises PdfUnavailable or page_images.ImagesUnavailable without LibreOffice or pdftoppm."""
    return first_page_png(render_pdf(page, url), resolution=PNG_RESOLUTION)
