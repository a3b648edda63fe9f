"""The demo's register of results-use documents for 2020 under 十二届市委 (seed 002, 回眸2020:
"共形成3份要情专报、23份专题报告,发出43份巡察重要事项办理抄告单"), each drafted, numbered and
issued through the domain functions; 42 of the 43 抄告单 are replied to in the platform and one
is overdue. Titles come from the seeds' world (the city bodies of 第十五轮第三批, the six
districts, 夏商集团, the matters seeds 000 and 002 name). Idempotent."""

from datetime import date, timedelta

from xuncha.orgs.models import Organisation
from xuncha.plans.models import Term
from xuncha.results import domain
from xuncha.results.enums import ResultKind
from xuncha.results.models import ResultDocument

YEAR = 2020
TERM = "十二届市委"
CITY = "350200"

KEY_REPORTS = [
    "关于某区疫情防控物资采购管理中突出问题的要情专报",
    "关于市属国有企业对外投资项目风险隐患的要情专报",
    "关于“村改居”社区集体资金监管存在漏洞的要情专报",
]

TOPICS = [
    "机构改革后部分职能划转承接不到位问题",
    "市属国有企业国有资产监督工作",
    "有关区执行“平改坡”和裸房整治政策走样问题",
    "老旧小区加装电梯补贴政策落实情况",
    "“村改居”社区集体“三资”监管情况",
    "农村集体资产“合同性”流失问题",
    "疫情防控工作专项巡察发现问题",
    "财政专项资金使用管理情况",
    "工程建设项目招投标管理问题",
    "重点项目建设攻坚推进情况",
    "营商环境优化提升中的共性问题",
    "国有企业闲置资产盘活处置情况",
    "基层党组织建设薄弱问题",
    "意识形态工作责任制落实情况",
    "选人用人工作中的突出问题",
    "形式主义官僚主义问题",
    "民族宗教领域风险防范情况",
    "对台工作政策落实情况",
    "驻外办事机构管理问题",
    "生态公益林补偿款发放管理问题",
    "农村地下水体污染治理情况",
    "政府投资项目拖欠工程款问题",
    "政策研究成果转化运用情况",
]

# (recipient organisation code, matter): 抄告 to the departments and leaders in charge
NOTICES = [
    ("350200-ZZB", "部分单位干部选拔任用程序不规范"),
    ("350200-ZZB", "基层党组织换届后班子配备不齐"),
    ("350200-ZZB", "干部人事档案专项审核发现问题"),
    ("350200-JW", "巡察发现的违反中央八项规定精神问题"),
    ("350200-JW", "部分单位公务接待管理不规范"),
    ("350200-JW", "“村改居”社区集体资金管理中的廉政风险"),
    ("350200-XCBU", "意识形态阵地管理责任落实不到位"),
    ("350200-XCBU", "新闻宣传审核机制不健全"),
    ("350200-ZYS", "调研成果转化运用不充分"),
    ("350200-TGA", "涉台项目跟踪服务不到位"),
    ("350200-MZJ", "宗教活动场所安全管理存在隐患"),
    ("350200-ZJB", "驻京办财务报销制度执行不严"),
    ("350200-XS", "闲置房产出租管理不规范"),
    ("350200-XS", "下属企业对外担保风险防控不力"),
    ("350200-XS", "工程项目结算审核把关不严"),
]
DISTRICT_MATTERS = [
    "“平改坡”工程验收把关不严",
    "裸房整治政策执行走样",
    "老旧小区电梯补贴发放滞后",
    "集体“三资”台账不完整",
    "农村集体资产合同管理不规范",
    "政府投资项目拖欠工程款",
    "生态公益林补偿款发放不及时",
    "疫情防控专项资金使用不规范",
]
DISTRICTS = {
    "350203": "思明区",
    "350206": "湖里区",
    "350211": "集美区",
    "350205": "海沧区",
    "350212": "同安区",
    "350213": "翔安区",
}


def _notices() -> list[tuple[str, str]]:
    """43 抄告单: the city bodies' matters, then the districts' in turn."""
    found = list(NOTICES)
    codes = list(DISTRICTS)
    for index in range(43 - len(found)):  # each district with each matter at most once
        code = codes[index % len(codes)]
        matter = DISTRICT_MATTERS[(index // len(codes) + index) % len(DISTRICT_MATTERS)]
        found.append((code, f"{DISTRICTS[code]}{matter}"))
    return found


def _dates(count: int) -> list[date]:
    """`count` issue dates spread over the year, in order (serials follow them)."""
    start, span = date(YEAR, 2, 10), 300
    return [start + timedelta(days=span * i // max(count - 1, 1)) for i in range(count)]


def _issue(term, *, kind, title, body, recipients, on, reply_required=False, due_on=None):
    document = domain.draft_result(
        term,
        by=None,
        kind=kind,
        title=title,
        body=body,
        recipients=recipients,
        reply_required=reply_required,
        due_on=due_on,
        today=on,
    )
    return domain.issue_result(document, by=None, on=on)


def load_results() -> int:
    """The 2020 register; returns the number of documents made now (0 when already there)."""
    term = Term.objects.filter(name=TERM, owner__code=CITY).select_related("owner").first()
    if term is None or ResultDocument.objects.filter(term=term, year=YEAR).exists():
        return 0
    committee = Organisation.objects.get(code=CITY)
    made = 0
    for title, on in zip(KEY_REPORTS, _dates(len(KEY_REPORTS)), strict=True):
        body = "市委巡察组在巡察中发现以下重要情况，现专报如下：\n一、基本情况\n二、存在的主要问题\n三、意见建议"
        _issue(term, kind=ResultKind.KEY_REPORT, title=title, body=body, recipients=[committee], on=on)
        made += 1
    for topic, on in zip(TOPICS, _dates(len(TOPICS)), strict=True):
        body = (
            f"市委巡察机构在巡察中发现{topic}具有普遍性、倾向性，现将有关情况报告如下：\n"
            "一、基本情况\n二、存在的主要问题\n三、原因分析\n四、意见建议"
        )
        title = f"关于{topic}的专题报告"
        _issue(term, kind=ResultKind.TOPICAL_REPORT, title=title, body=body, recipients=[committee], on=on)
        made += 1
    notices = _notices()
    for index, ((code, matter), on) in enumerate(zip(notices, _dates(len(notices)), strict=True)):
        body = (
            f"市委巡察组在巡察中发现{matter}的问题，涉及你单位职责范围。请你单位认真研究，"
            "查找症结，提出整改意见，并于规定时间内将办理情况书面反馈市委巡察办。"
        )
        document = _issue(
            term,
            kind=ResultKind.NOTICE,
            title=f"关于{matter}问题的巡察重要事项办理抄告单",
            body=body,
            recipients=[Organisation.objects.get(code=code)],
            on=on,
            reply_required=True,
            due_on=on + timedelta(days=30),
        )
        if index != len(notices) - 1:  # the last one of the year is still awaited: overdue
            reply = f"收到抄告单后，我单位及时研究部署，针对{matter}的问题制定整改措施，已整改到位并建立长效机制。"
            domain.reply_to_result(document, by=None, reply=reply, on=on + timedelta(days=21))
        made += 1
    return made
