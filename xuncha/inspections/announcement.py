"""The inspection announcement (巡察公告) as text blocks, rendered to HTML and to DOCX."""

from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from xuncha.plans.dates import chinese_date


@dataclass
class Announcement:
    title: str
    paragraphs: list[str]
    signature: str
    dated: str


def build(inspection, *, leader_name: str | None) -> Announcement:
    targets = "、".join(t.organisation.name for t in inspection.targets.all())
    period = ""
    if inspection.entry_on and inspection.exit_on:
        period = f"{chinese_date(inspection.entry_on)}至{chinese_date(inspection.exit_on)}"
    paragraphs = [
        f"根据{inspection.term.owner.name}巡察工作统一部署，{inspection.team_name}"
        f"{'于' + period if period else ''}对{targets}开展{inspection.get_kind_display()}"
        f"{'，主题为' + inspection.theme if inspection.theme else ''}。",
    ]
    if leader_name:
        paragraphs.append(f"巡察组组长：{leader_name}。")
    paragraphs.append(f"受理范围：{inspection.accepted_matters}")
    contact = []
    if inspection.phone:
        contact.append(f"值班电话：{inspection.phone}（工作日8:00—18:00）")
    if inspection.mailbox:
        contact.append(f"邮政信箱：{inspection.mailbox}")
    if inspection.email:
        contact.append(f"电子邮箱：{inspection.email}")
    if contact:
        paragraphs.append("；".join(contact) + "。")
    paragraphs.append("巡察组将严格遵守保密规定，对反映人的信息严格保密。欢迎广大干部群众如实反映情况。")
    return Announcement(
        title=_("Announcement of %(team)s") % {"team": inspection.team_name},
        paragraphs=paragraphs,
        signature=inspection.team_name,
        dated=chinese_date(inspection.entry_on) if inspection.entry_on else "",
    )


def _run_font(run, name: str, size_pt: float, bold: bool = False) -> None:
    """python-docx's font name reaches only Latin text; the East-Asian font is set separately."""
    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def to_docx(announcement: Announcement) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_font(title.add_run(announcement.title), "方正小标宋简体", 22)
    for text in announcement.paragraphs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        paragraph.paragraph_format.line_spacing = Pt(28)
        _run_font(paragraph.add_run(text), "仿宋_GB2312", 16)
    for text in (announcement.signature, announcement.dated):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run_font(paragraph.add_run(text), "仿宋_GB2312", 16)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
