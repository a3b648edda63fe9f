"""The inspection announcement (巡察公告) as text blocks, rendered to HTML and, through the one
official-document writer (xuncha.documents), to DOCX and PDF."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from xuncha.documents.content import Block, OfficialDocument
from xuncha.documents.punctuation import normalise
from xuncha.documents.writer import render_docx
from xuncha.inspections.words import words_for
from xuncha.plans.dates import chinese_date


@dataclass
class Announcement:
    title: str
    paragraphs: list[str]
    signature: str
    dated: str


def build(inspection, *, leader_name: str | None) -> Announcement:
    words = words_for(inspection)
    targets = "、".join(t.organisation.name for t in inspection.targets.all())
    period = ""
    if inspection.entry_on and inspection.exit_on:
        period = f"{chinese_date(inspection.entry_on)}至{chinese_date(inspection.exit_on)}"
    paragraphs = [
        f"根据{inspection.term.owner.name}{words.inspection}工作统一部署，{inspection.team_name}"
        f"{'于' + period if period else ''}对{targets}开展{inspection.get_kind_display()}"
        f"{'，主题为' + inspection.theme if inspection.theme else ''}。",
    ]
    if leader_name:
        paragraphs.append(f"{words.team}组长：{leader_name}。")
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
    paragraphs.append(f"{words.team}将严格遵守保密规定，对反映人的信息严格保密。欢迎广大干部群众如实反映情况。")
    return Announcement(
        title=_("Announcement of %(team)s") % {"team": inspection.team_name},
        paragraphs=[normalise(paragraph) for paragraph in paragraphs],  # the page says what prints
        signature=inspection.team_name,
        dated=chinese_date(inspection.entry_on) if inspection.entry_on else "",
    )


def official(announcement: Announcement, *, figures=()) -> OfficialDocument:
    """The announcement as an official document: title, body, signature and date (no red head,
    no addressee: it is posted, not sent), and the 码上巡 codes under it (`figures`, made by
    xuncha.public.codes once the pages are published)."""
    return OfficialDocument(
        title=announcement.title,
        blocks=[Block(text) for text in announcement.paragraphs],
        signature=announcement.signature,
        dated=announcement.dated,
        figures=list(figures),
    )


def missing_contact(inspection) -> str | None:
    """What the announcement lacks to be posted, said as a warning: the phone and the mailbox
    people report to (an e-mail address is optional)."""
    if not inspection.phone and not inspection.mailbox:
        return _(
            "The announcement gives no reporting phone and no postal mailbox: people cannot reach "
            "the team to report. Fill them in before it is posted."
        )
    if not inspection.phone:
        return _("The announcement gives no reporting phone. Fill it in before it is posted.")
    if not inspection.mailbox:
        return _("The announcement gives no postal mailbox. Fill it in before it is posted.")
    return None


def to_docx(announcement: Announcement) -> bytes:
    return render_docx(official(announcement))


def sample() -> OfficialDocument:
    """A typical announcement (xuncha.documents.samples)."""
    return official(
        Announcement(
            title="市委第一巡察组巡察公告",
            paragraphs=[
                "根据中共厦门市委巡察工作统一部署，市委第一巡察组于2025年3月10日至2025年5月9日"
                "对中共厦门市湖里区委员会开展常规巡察。",
                "巡察组组长：张明。",
                "受理范围：主要受理反映湖里区领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位"
                "领导干部问题的来信来电来访，重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和"
                "生活纪律等方面的举报和反映。其他不属于巡察受理范围的信访问题，按规定由被巡察党组织和有关部门处理。",
                "值班电话：0592-1234567（工作日8:00—18:00）；邮政信箱：厦门市A001号信箱。",
                "巡察组将严格遵守保密规定，对反映人的信息严格保密。欢迎广大干部群众如实反映情况。",
            ],
            signature="市委第一巡察组",
            dated="2025年3月10日",
        )
    )
