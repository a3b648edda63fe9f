"""The Chinese text of supervision documents, generated from the ledger's data.

This is document content, not interface text: it is written in Chinese whatever the user's
language, like the inspection announcement. The office edits it before issue; once issued the
stored text is what was sent and is never regenerated.
"""

from datetime import date

from xuncha.documents.content import OfficialDocument, blocks_from_text
from xuncha.inspections.words import words_for
from xuncha.plans.dates import chinese_date
from xuncha.rectification.enums import MeasureStatus
from xuncha.supervision.enums import DocumentKind
from xuncha.vocabulary import status_words

TITLES = {
    DocumentKind.NOTICE: "关于督促加快巡察整改进度的督办通知书",
    DocumentKind.REMINDER: "关于巡察整改事项即将到期的提醒书",
    DocumentKind.WARNING_LETTER: "关于巡察整改事项逾期未完成的告诫书",
    DocumentKind.ACCOUNTABILITY: "关于巡察整改工作落实不力的问责书",
}


def title_for(kind: str, inspection) -> str:
    """The title in the inspection's words (巡视整改 for a provincial inspection)."""
    return words_for(inspection).say(TITLES[DocumentKind(kind)])


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _intro(inspection) -> str:
    """Only the template's words are said in the inspection's words, never a team's name."""
    say = words_for(inspection).say
    if inspection.feedback_on:
        return f"{inspection.team_name}于{chinese_date(inspection.feedback_on)}向你单位{say('反馈了巡察意见')}。"
    return f"{inspection.team_name}{say('已对你单位开展巡察')}。"


def measure_line(index: int, measure, *, today: date) -> str:
    units = [u.name for u in ([measure.lead_unit] if measure.lead_unit_id else [])]
    units += [u.name for u in measure.units.all() if u.pk != measure.lead_unit_id]
    parts = [f"{index}. 第{measure.number}项整改措施“{_clip(measure.content)}”"]
    if units:
        parts.append(f"责任单位{'、'.join(units)}")
    if measure.deadline:
        parts.append(f"整改时限{chinese_date(measure.deadline)}")
    parts.append(f"目前{status_words(MeasureStatus).get(measure.status, measure.status)}")  # the enum's word
    if measure.deadline and today > measure.deadline:
        parts.append(f"已逾期{(today - measure.deadline).days}天")
    return "，".join(parts) + "。"


def _situation(kind: DocumentKind, inspection, measures, *, today: date) -> list[str]:
    say = words_for(inspection).say
    plan_due = chinese_date(inspection.plan_due_on) if inspection.plan_due_on else ""
    if measures:
        lead = {
            DocumentKind.NOTICE: "经跟踪督查，你单位以下整改事项推进缓慢：",
            DocumentKind.REMINDER: "经梳理，你单位以下整改事项即将到期：",
            DocumentKind.WARNING_LETTER: "经跟踪督查，你单位以下整改事项已超过整改时限仍未完成：",
            DocumentKind.ACCOUNTABILITY: "经跟踪督查，你单位在巡察整改工作中存在以下问题：",
        }[kind]
        return [_intro(inspection) + say(lead)] + [measure_line(i, m, today=today) for i, m in enumerate(measures, 1)]
    situation = {
        DocumentKind.NOTICE: "经跟踪督查，你单位巡察整改工作推进缓慢，整改成效不明显。",
        DocumentKind.REMINDER: f"按照要求，你单位应于{plan_due}前报送巡察整改方案，目前尚未报送。",
        DocumentKind.WARNING_LETTER: f"按照要求，你单位应于{plan_due}前报送巡察整改方案，至今逾期未报。",
        DocumentKind.ACCOUNTABILITY: "经跟踪督查，你单位巡察整改工作落实不力。",
    }[kind]
    return [_intro(inspection) + say(situation)]


def _demand(kind: DocumentKind, *, due: str, issuer: str) -> str:
    return {
        DocumentKind.NOTICE: (
            "现予督办。请你单位认真落实整改主体责任，对照整改方案逐项压实责任、倒排时间，加快推进整改，"
            f"并于{due}前将督办事项办理情况书面报送{issuer}。"
        ),
        DocumentKind.REMINDER: (
            "请你单位高度重视，对照整改时限抓紧推进，确保按期高质量完成整改任务，"
            f"并于{due}前将整改进展情况书面报送{issuer}。"
        ),
        DocumentKind.WARNING_LETTER: (
            "上述情况反映出你单位整改主体责任落实不到位。现予以告诫。请你单位深刻认识问题的严重性，"
            f"立即采取有力措施，于{due}前完成整改或书面说明逾期原因及下一步措施，报送{issuer}。"
            "逾期仍未整改到位的，将按照有关规定严肃追责问责。"
        ),
        DocumentKind.ACCOUNTABILITY: (
            "根据《中国共产党问责条例》等有关规定，现予以问责。请你单位深刻反思，认真整改，"
            f"并于{due}前将整改落实情况书面报送{issuer}。"
        ),
    }[kind]


def generate_body(kind: str, inspection, measures, *, today: date, due_on: date, issuer_name: str) -> str:
    kind = DocumentKind(kind)
    paragraphs = _situation(kind, inspection, list(measures), today=today)
    paragraphs.append(_demand(kind, due=chinese_date(due_on), issuer=issuer_name))
    return "\n".join(paragraphs)


def official_document(document, *, prefix: str, today: date) -> OfficialDocument:
    """The document as it is printed; a draft shows its number with the serial left blank."""
    issuer_name = document.issuer_name
    number = document.number or f"{prefix}〔{(document.issued_on or today).year}〕　号"
    return OfficialDocument(
        title=document.title,
        blocks=blocks_from_text(document.body),
        issuer_mark=issuer_name,
        number=number,
        addressee=document.addressee.name,
        signature=issuer_name,
        dated=chinese_date(document.issued_on or today),
        copy_to=document.inspection.team_name,  # the team that inspected follows the rectification
        printer=issuer_name,
        printed_on=chinese_date(document.issued_on or today),
    )


def sample(kind: str) -> OfficialDocument:
    """A typical issued document of `kind`, built by the same text functions from stand-in
    records (xuncha.documents.samples)."""
    from types import SimpleNamespace

    unit = SimpleNamespace(pk=1, name="湖里区住房和建设局")
    city = SimpleNamespace(owner=SimpleNamespace(level="city"))
    inspection = SimpleNamespace(
        team_name="市委第一巡察组", feedback_on=date(2024, 11, 20), plan_due_on=date(2025, 1, 20), term=city
    )
    contents = [
        "针对老旧小区改造项目推进缓慢的问题，制定年度改造计划，倒排工期，按月通报进度",
        "针对工程项目招投标管理不规范的问题，全面排查2021年以来的招投标项目，建立问题清单",
        "针对专项资金拨付滞后的问题，会同财政部门建立资金拨付台账，限期完成拨付",
    ]
    measures = [
        SimpleNamespace(
            number=number,
            content=content,
            lead_unit_id=1,
            lead_unit=unit,
            units=SimpleNamespace(all=lambda: []),
            deadline=date(2025, 2, 28),
            status=MeasureStatus.IN_PROGRESS,
        )
        for number, content in enumerate(contents, 3)
    ]
    issuer_name = "中共厦门市委巡察工作领导小组办公室"
    today = date(2025, 3, 10)
    body = generate_body(kind, inspection, measures, today=today, due_on=date(2025, 3, 25), issuer_name=issuer_name)
    return OfficialDocument(
        title=TITLES[DocumentKind(kind)],
        blocks=blocks_from_text(body),
        issuer_mark=issuer_name,
        number="厦巡督〔2025〕3号",
        addressee="中共厦门市湖里区委员会",
        signature=issuer_name,
        dated=chinese_date(today),
        copy_to=inspection.team_name,
        printer=issuer_name,
        printed_on=chinese_date(today),
    )
