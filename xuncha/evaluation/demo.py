"""The demo's evaluation schemes and one evaluation (cheap, idempotent):

* seed 003's village scheme, "为民办事实不实处"等5个板块62项, as a template of the city's office:
  the seed names the first plate and counts plates and items; the other plate names and every
  item's wording are ours (items marked `text_is_ours`, the page says so);
* a 4-area / 22-indicator scheme as other offices use (主体责任, 组织实施, 整改成效, 民主测评),
  with computed items read from the ledger, scored 巡前/巡后 by two rater groups;
* an evaluation of 梧村街道党工委's rectification after the city's current inspection
  (xuncha/demo/current.py), with a few hand scores by both groups in both phases, the 民主测评
  counted from the responses to the 码上巡 questionnaire and a paper 反向测评 entered as a figure.
"""

from decimal import Decimal

from xuncha.evaluation import domain
from xuncha.evaluation.enums import Method, Phase, Rule
from xuncha.evaluation.models import Scheme

VILLAGE_TITLE = "村级整改成效评估指标体系（“为民办事实不实处”等5个板块62项）"
AREAS_TITLE = "巡察整改成效评价办法（4个方面22项）"
INSPECTION = "对梧村街道党工委的提级巡察"

# seed 003 names "为民办事实不实处" and counts 5 plates / 62 items; the rest is ours
VILLAGE = [
    ("为民办事实不实处", [
        "民生实事项目按期完成", "群众急难愁盼问题建立台账", "便民服务窗口有人值守", "代办帮办服务落实",
        "困难群众救助及时", "养老助残服务落实", "村内道路和路灯维护", "饮水安全保障",
        "群众反映问题按时回复", "为民办实事清单公开", "村民满意度回访", "办事流程一次告知",
    ]),
    ("基层党组织建设", [
        "三会一课按时召开", "主题党日规范开展", "党员发展程序规范", "党费收缴及时足额",
        "流动党员管理到位", "党组织书记述职评议", "村两委班子团结协作", "后备干部培养",
        "党员联系户制度落实", "党建阵地规范使用", "软弱涣散问题整顿", "组织生活会问题整改",
        "党员积分管理落实",
    ]),
    ("村级事务管理", [
        "四议两公开执行", "村务公开及时完整", "财务收支审批规范", "集体资产台账清晰",
        "集体资源发包规范", "工程项目招投标合规", "惠农补贴发放公开", "村级债务化解",
        "印章管理规范", "档案资料齐全", "村规民约修订完善", "监督委员会履职",
    ]),
    ("干部作风建设", [
        "村干部坐班值班落实", "廉洁承诺践诺", "违规吃喝问题整治", "优亲厚友问题整治",
        "办事推诿问题整治", "村干部兼职取酬规范", "亲属回避制度执行", "信访矛盾就地化解",
        "扫黑除恶线索排查", "优化营商环境服务", "工作纪律检查整改", "作风问题群众评议",
        "典型问题通报警示",
    ]),
    ("整改落实成效", [
        "反馈问题整改到位", "整改方案按时报送", "整改措施按期完成", "立行立改问题销号",
        "整改佐证材料齐全", "整改情况公开", "建章立制长效管用", "问题线索查处到位",
        "举一反三自查自纠", "反弹回潮问题防范", "整改群众满意度", "整改工作档案规范",
    ]),
]

# area, max points, [(text, max, method, metric, rule, per unit)]
AREAS = [
    ("主体责任", 25, [
        ("党委（党组）专题研究部署整改", 5, Method.HAND, "", "", 0),
        ("主要负责人履行第一责任人职责", 5, Method.HAND, "", "", 0),
        ("班子成员认领整改任务", 5, Method.HAND, "", "", 0),
        ("召开巡察整改专题民主生活会", 5, Method.HAND, "", "", 0),
        ("整改责任逐级压实到人", 5, Method.HAND, "", "", 0),
    ]),
    ("组织实施", 25, [
        ("整改措施逾期（每项扣2分）", 8, Method.COMPUTED, "overdue_measures", Rule.DEDUCT, 2),
        ("整改时限延期（每次扣1分）", 4, Method.COMPUTED, "deadline_extensions", Rule.DEDUCT, 1),
        ("销号申请被退回（每次扣1分）", 4, Method.COMPUTED, "returned_sign_offs", Rule.DEDUCT, 1),
        ("整改方案质量", 3, Method.HAND, "", "", 0),
        ("整改进展按时报送", 3, Method.HAND, "", "", 0),
        ("整改工作档案规范", 3, Method.HAND, "", "", 0),
    ]),
    ("整改成效", 30, [
        ("问题整改完成率", 8, Method.COMPUTED, "completion_rate", Rule.RATE, 0),
        ("整改率", 4, Method.COMPUTED, "rectification_rate", Rule.RATE, 0),
        ("敷衍整改、虚假整改被亮红牌（每张扣3分）", 5, Method.COMPUTED, "red_cards", Rule.DEDUCT, 3),
        ("反弹回潮（每个扣5分）", 5, Method.COMPUTED, "rebounds", Rule.DEDUCT, 5),
        ("建章立制（每项加1分）", 5, Method.COMPUTED, "regulations", Rule.ADD, 1),
        ("以案促改、举一反三", 3, Method.HAND, "", "", 0),
    ]),
    ("民主测评", 20, [
        ("群众反向测评", 8, Method.COMPUTED, "reverse_rating", Rule.RATE, 0),
        ("领导班子民主测评", 6, Method.COMPUTED, "democratic_rating", Rule.RATE, 0),
        ("干部群众对整改工作知晓度", 2, Method.HAND, "", "", 0),
        ("干部群众对整改成效认可度", 2, Method.HAND, "", "", 0),
        ("服务对象评价", 2, Method.HAND, "", "", 0),
    ]),
]

# item text -> [(phase, group, score)]
HAND_SCORES = {
    "党委（党组）专题研究部署整改": [
        (Phase.BEFORE, 0, 3), (Phase.BEFORE, 1, 3.5), (Phase.AFTER, 0, 4.5), (Phase.AFTER, 1, 4),
    ],
    "主要负责人履行第一责任人职责": [
        (Phase.BEFORE, 0, 3.5), (Phase.BEFORE, 1, 3), (Phase.AFTER, 0, 4.5), (Phase.AFTER, 1, 4.5),
    ],
    "整改方案质量": [(Phase.BEFORE, 0, 2), (Phase.BEFORE, 1, 2), (Phase.AFTER, 0, 3), (Phase.AFTER, 1, 2.5)],
}


def _village(owner, office) -> Scheme:
    scheme = domain.create_scheme(by=office, owner=owner, title=VILLAGE_TITLE, phased=True, is_template=True)
    scheme.note = "板块名称“为民办事实不实处”和“5个板块62项”见平度市经验材料；其余板块名称和全部指标表述为演示拟定。"
    scheme.save(update_fields=["note"])
    domain.add_group(scheme, by=office, name="镇党委班子", weight=Decimal("0.6"))
    domain.add_group(scheme, by=office, name="村党员干部代表", weight=Decimal("0.4"))
    for name, texts in VILLAGE:
        plate = domain.add_plate(scheme, by=office, name=name, max_points=Decimal(20))
        twos = 20 - len(texts)  # n items worth 20 points: (20 - n) of 2 points, the rest 1 point
        for n, text in enumerate(texts):
            domain.add_item(
                plate, by=office, text=text, max_points=Decimal(2 if n < twos else 1), text_is_ours=True
            )
    return scheme


def _areas(owner, office) -> Scheme:
    scheme = domain.create_scheme(by=office, owner=owner, title=AREAS_TITLE, phased=True)
    domain.add_group(scheme, by=office, name="街道党工委班子", weight=Decimal("0.6"))
    domain.add_group(scheme, by=office, name="社区党员代表", weight=Decimal("0.4"))
    for name, top, items in AREAS:
        plate = domain.add_plate(scheme, by=office, name=name, max_points=Decimal(top))
        for text, points, method, metric, rule, per_unit in items:
            domain.add_item(
                plate,
                by=office,
                text=text,
                max_points=Decimal(points),
                method=method,
                metric=metric,
                rule=rule,
                per_unit=Decimal(per_unit),
            )
    return scheme


def load_evaluation():
    from django.contrib.auth import get_user_model

    from xuncha.inspections.models import Inspection

    inspection = Inspection.objects.filter(title=INSPECTION).select_related("term__owner").first()
    if inspection is None or Scheme.objects.filter(title=AREAS_TITLE).exists():
        return None
    office = get_user_model().objects.get(username="office")
    owner = inspection.term.owner
    _village(owner, office)
    scheme = _areas(owner, office)
    organisation = inspection.targets.first().organisation
    evaluation = domain.start_evaluation(
        by=office, scheme=scheme, organisation=organisation, term=inspection.term, inspection=inspection
    )
    groups = list(scheme.groups.all())
    items = {i.text: i for p in scheme.plates.all() for i in p.items.all()}
    for text, rows in HAND_SCORES.items():
        for phase, group, points in rows:
            domain.score_item(
                evaluation, by=office, item=items[text], score=Decimal(str(points)), phase=phase, group=groups[group]
            )
    # the other hand items: both groups, both phases, the 巡后 scores a little higher
    for n, item in enumerate(i for i in items.values() if i.method == Method.HAND and i.text not in HAND_SCORES):
        for phase, share in ((Phase.BEFORE, Decimal("0.6")), (Phase.AFTER, Decimal("0.8"))):
            for g, group in enumerate(groups):
                points = (item.max_points * (share + Decimal(n % 3 - g) / 20)).quantize(Decimal("0.5"))
                domain.score_item(evaluation, by=office, item=item, score=points, phase=phase, group=group)
    # the 民主测评 is counted from the 码上巡 questionnaire's responses (xuncha/surveys/demo.py); the
    # 反向测评 was held on paper, so its result is entered with its source
    domain.enter_figure(
        evaluation, by=office, item=items["群众反向测评"], value=Decimal("86.5"),
        source="纸质群众反向测评汇总表（演示）",
    )
    return evaluation
