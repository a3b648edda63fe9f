"""The Chinese text of results-use documents, and each document as it is printed (GB/T 9704).

This is document content, not interface text: it is written in Chinese whatever the user's
language. The office edits it before issue; once issued the stored text is what was sent.
"""

from datetime import date

from xuncha.documents.content import OfficialDocument, blocks_from_text
from xuncha.plans.dates import chinese_date
from xuncha.results.enums import ResultKind


def addressee_line(document) -> str:
    """主送: the recipient organisations, then the named leaders (姓名同志)."""
    names = [org.name for org in document.recipients.all()]
    names += [f"{person.name}同志" for person in document.leaders.all()]
    return "、".join(names)


def official_document(document, *, today: date) -> OfficialDocument:
    """The document as printed; a draft shows its number with the serial left blank."""
    issued = document.issued_on or today
    number = document.number or f"{document.prefix or prefix_for(document.term, document.kind)}〔{issued.year}〕　号"
    teams = "、".join(dict.fromkeys(i.team_name for i in document.inspections.all() if i.team_name))
    return OfficialDocument(
        title=document.title,
        blocks=blocks_from_text(document.body),
        issuer_mark=document.issuer_name,
        number=number,
        addressee=addressee_line(document),
        signature=document.issuer_name,
        dated=chinese_date(issued),
        copy_to=teams,
        printer=document.issuer_name,
        printed_on=chinese_date(issued),
    )


def prefix_for(term, kind: str) -> str:
    """The committee's mark from its supervision numbering (厦巡督 → 厦巡) and the kind's mark."""
    from xuncha.supervision.configuration import settings_for_term

    mark = settings_for_term(term).number_prefix.removesuffix("督") or "巡"
    return f"{mark}{ResultKind(kind).number_mark}"


def reminder_letter_text(inspection, *, due_on: date, issuer_name: str) -> tuple[str, str]:
    """The title and text of the 提醒函 handed over at the feedback meeting (seed 003)."""
    target = "、".join(t.organisation.name for t in inspection.targets.select_related("organisation"))
    feedback = chinese_date(inspection.feedback_on) if inspection.feedback_on else ""
    title = f"关于{target}落实巡察整改主体责任的提醒函"
    body = "\n".join(
        [
            f"{inspection.team_name}于{feedback}向你单位反馈了巡察意见。巡察整改从反馈开始，"
            "为推动你单位切实扛起整改主体责任，现就有关事项提醒如下：",
            "一、压实整改责任。党组织书记是整改第一责任人，要亲自研究部署、亲自协调推进、亲自督促落实；"
            "班子成员要落实“一岗双责”，抓好分管领域的整改。",
            "二、制定整改方案。对照反馈意见逐条明确整改目标、整改措施、责任领导、责任部门和完成时限，"
            "做到问题不查清不放过、整改不到位不放过。",
            f"三、按时报送情况。请于{chinese_date(due_on)}前将整改方案和阶段性整改情况书面报送{issuer_name}。",
            "四、强化成果运用。坚持边巡边改、立行立改，举一反三、建章立制，防止问题反弹回潮。"
            "对整改不力、敷衍整改的，将按照有关规定严肃问责。",
        ]
    )
    return title, body


def sample(kind: str = ResultKind.NOTICE) -> OfficialDocument:
    """A typical issued 抄告单 built from stand-in values (xuncha.documents.samples)."""
    body = "\n".join(
        [
            "市委第三巡察组在对市委台港澳工作办公室开展巡察时发现，机构改革后部分职能划转承接不到位，"
            "相关职责边界不清，影响工作推进。",
            "请你单位对照有关规定查找症结，提出整改方案，并于2021年5月20日前将办理情况反馈市委巡察办。",
        ]
    )
    issuer = "中共厦门市委巡察工作领导小组办公室"
    return OfficialDocument(
        title="关于机构改革后部分职能划转承接不到位问题的抄告单",
        blocks=blocks_from_text(body),
        issuer_mark=issuer,
        number="厦巡抄〔2021〕7号",
        addressee="中共厦门市委机构编制委员会办公室",
        signature=issuer,
        dated=chinese_date(date(2021, 4, 26)),
        copy_to="市委第三巡察组",
        printer=issuer,
        printed_on=chinese_date(date(2021, 4, 26)),
    )
