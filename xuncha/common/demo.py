"""Seed 003's common-problem list in the demo: "梳理形成巡察发现共性问题清单，组织未巡村对照开展
未巡先改" and "通报共性问题累计6类82项". The seed names neither the categories nor the items: the
6 categories and 82 item texts below are ours (the list's title says so), written in the
manner of village (村/社区) inspections. The list belongs to 十二届思明区委 (whose scope is the
district's streets), is published by the district office to the streets not yet inspected
(the `liaison` account's 梧村街道 among them), and 梧村街道 has answered a few items.
Cheap: a few hundred rows, created once."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from xuncha.common import domain
from xuncha.common.enums import CheckStatus
from xuncha.common.models import CommonList, SelfCheck

TITLE = "巡察发现共性问题清单（演示：分类与条目文字为平台自拟）"

CATEGORIES = [
    (
        "村级财务管理",
        [
            "白条入账、无审批凭证报销",
            "大额现金支付，未通过对公账户结算",
            "坐收坐支集体收入",
            "村务公开中财务收支公开不及时、不全面",
            "招待费、误工补贴发放无标准",
            "会计与出纳岗位未分设",
            "往来款长期挂账未清理",
            "专项资金未专款专用",
            "票据管理混乱，收据未按号使用",
            "村级债务底数不清",
            "财务档案缺失、保管不善",
            "工程款支付未见验收材料",
            "账外账、小金库",
            "虚列支出套取资金",
            "村干部报酬发放未经审核",
            "财务审计发现问题整改不到位",
        ],
    ),
    (
        "集体资产资源",
        [
            "集体资产底数不清，未建立台账",
            "资产资源发包未经公开招标",
            "租赁合同期限过长、租金明显偏低",
            "租金拖欠长期未催收",
            "集体土地被违规占用",
            "闲置资产长期未盘活",
            "合同签订未经民主程序",
            "合同文本不规范、要素缺失",
            "资产处置未经评估",
            "集体经营性收入未入账",
            "三资管理平台数据与实际不符",
            "集体林地、水面发包不规范",
            "合同到期未及时收回或续签",
            "资产资源承包费减免无依据",
        ],
    ),
    (
        "惠民政策落实",
        [
            "低保评定程序不规范，存在优亲厚友",
            "低保动态管理不及时，应退未退",
            "残疾人补贴审核把关不严",
            "高龄津贴发放不及时",
            "临时救助台账不全",
            "惠农补贴面积核实不准",
            "危房改造对象认定不精准",
            "医疗救助政策宣传不到位",
            "民生资金发放未公示",
            "特困人员供养标准执行有偏差",
            "退役军人优抚政策落实不及时",
            "耕地地力补贴代领冒领",
            "民生项目建设进度滞后",
            "群众反映强烈的问题回应不及时",
        ],
    ),
    (
        "基层党组织建设",
        [
            "三会一课制度落实不经常",
            "组织生活会质量不高、流于形式",
            "党员发展程序不规范",
            "党费收缴不及时、标准不准",
            "流动党员管理缺位",
            "党组织书记履行第一责任人职责不到位",
            "后备干部培养储备不足",
            "主题党日活动内容单一",
            "党建阵地功能发挥不充分",
            "党员教育培训覆盖不全",
            "软弱涣散党组织整顿成效不明显",
            "党员积分管理流于形式",
            "两委班子分工不明确",
            "党组织对村级组织领导作用发挥不充分",
        ],
    ),
    (
        "作风建设",
        [
            "村干部坐班值班制度落实不严",
            "为民办事推诿扯皮、办事效率低",
            "违规公款吃喝",
            "违规使用公车",
            "村干部兼职取酬",
            "形式主义台账过多、重留痕轻实效",
            "服务窗口态度生硬",
            "对群众诉求敷衍应付",
            "村干部亲属违规承揽村级工程",
            "节日期间违规收送礼品",
            "工作纪律松弛、擅离职守",
            "八项规定精神学习不深入",
        ],
    ),
    (
        "议事决策程序",
        [
            "重大事项未执行四议两公开",
            "村民代表会议记录不完整",
            "决策事项未经党组织会议研究",
            "村级工程项目未经民主决策",
            "会议纪要事后补写",
            "议事规则不健全",
            "决策结果未公开",
            "村务监督委员会监督缺位",
            "村规民约修订未经村民会议",
            "三重一大事项集体决策落实不到位",
            "征地补偿分配方案未经民主程序",
            "村级小微权力清单执行不到位",
        ],
    ),
]

ANSWERS = [  # (category position, item position, status, note): 梧村街道's self-checks so far
    (1, 1, CheckStatus.FIXED, "清理2023年以来报销凭证，补齐审批手续12笔，建立报销审批单制度。"),
    (1, 2, CheckStatus.FIXING, "排查发现3笔大额现金支付，已约谈经办人，对公结算制度正在修订。"),
    (2, 1, CheckStatus.FIXED, "完成集体资产清查，建立资产台账并录入三资平台。"),
    (3, 1, CheckStatus.NOT_APPLICABLE, "对照近两年低保评定材料，未发现此类问题。"),
    (4, 1, CheckStatus.FIXING, "制定三会一课年度计划，按月督查落实。"),
]


def load_common(*, today=None) -> CommonList | None:
    from xuncha.accounts.models import User
    from xuncha.plans.models import Term

    if CommonList.objects.filter(title=TITLE).exists():
        return None
    term = Term.objects.filter(owner__code="350203").order_by("-starts_on").first()
    office = User.objects.filter(username="office_siming").first()
    liaison = User.objects.filter(username="liaison").first()
    if term is None or office is None:
        return None
    today = today or timezone.localdate()
    common_list = domain.create_list(term, by=office, title=TITLE, due_on=today + timedelta(days=60))
    for name, texts in CATEGORIES:
        category = domain.add_category(common_list, by=office, name=name)
        domain.add_items(category, by=office, text="\n".join(texts))
    try:
        # published before 中华街道's inspection and the city's 提级巡察 of 梧村街道 entered (both
        # count for this term's coverage since): 未巡先改 in the streets not yet inspected then
        domain.publish_list(common_list, by=office, today=today - timedelta(days=100))
    except ValidationError:  # nobody left to reach in this demo's scope: the list stays a draft
        return common_list
    checks = SelfCheck.objects.filter(reach__common_list=common_list, reach__organisation__code="350203-01")
    for cat, pos, status, note in ANSWERS:
        check = checks.filter(item__category__order=cat, item__order=pos).first()
        if check is not None:
            domain.record_check(check, by=liaison, status=status, note=note, today=today)
    return common_list
