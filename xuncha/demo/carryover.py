"""Demo rows for the rates across terms and levels (issue 17, seed 000: "市、区两级上一届巡察反馈
问题整改率分别达到99.71%和100%", "见底清零"):

* 十二届市委's inspections of 思明区委 and 湖里区委 (round 14, feedback 2020-08-12) get a short
  feedback and an approved plan each: most measures signed off before the term ended
  (2021-09-30), one after it, and two of 湖里区委's still open and overdue, so that the 清零
  list is not empty and the carry-over reads "open at the end → signed off since → open now".
* 十二届思明区委 gets an earlier, finished inspection of 金山社区党委 with every measure signed
  off (the district level's 100%), so that the levels page shows 市委 and 区委 inspections side
  by side for 十三届市委.

The problem and measure texts are the demo's own, not from the seeds. Everything goes through
the domain functions (audit, tallies). Created once: a plan on the 湖里区委 inspection means done.
"""

from datetime import date, timedelta

from xuncha.findings import domain as findings
from xuncha.inspections.domain import create_inspection
from xuncha.inspections.models import Inspection
from xuncha.orgs.models import Organisation
from xuncha.plans.models import Term
from xuncha.rectification import domain as rectification
from xuncha.rectification.models import Plan

BEFORE_END, AFTER_END = date(2021, 5, 20), date(2022, 3, 15)  # 十二届市委 ended 2021-09-30

# (inspected organisation code, [(aspect, problem, measure, deadline, signed off on or None)])
CITY_FEEDBACK = {
    "350203": [
        ("落实全面从严治党主体责任方面", "党委（党组）履行主体责任压力传导不够", "制定主体责任清单，逐级签订责任书",
         date(2020, 12, 31), BEFORE_END),
        ("落实全面从严治党主体责任方面", "基层党组织“三会一课”制度落实不严格", "开展基层党组织规范化建设专项检查",
         date(2021, 3, 31), BEFORE_END),
        ("贯彻落实党中央决策部署方面", "老旧小区改造项目推进迟缓", "建立改造项目周调度机制，逐项挂图作战",
         date(2021, 6, 30), AFTER_END),
    ],
    "350206": [
        ("落实全面从严治党主体责任方面", "违规发放津补贴问题整改不到位", "全面清理津补贴发放，违规款项限期退缴",
         date(2020, 12, 31), BEFORE_END),
        ("贯彻落实党中央决策部署方面", "安置房产权办证历史遗留问题未解决", "会同自然资源部门逐户梳理，分批办理产权证",
         date(2021, 6, 30), None),
        ("贯彻落实党中央决策部署方面", "国有资产出租管理不规范", "清理到期未续租合同，完善公开招租制度",
         date(2021, 8, 31), None),
        ("选人用人和基层党建方面", "干部档案专项审核发现问题未整改完毕", "逐卷补齐缺失材料，完成复核",
         date(2021, 3, 31), BEFORE_END),
    ],
}

DISTRICT_FEEDBACK = [
    ("基层党组织建设方面", "社区“两委”班子议事规则执行不严", "修订议事规则，建立会议记录抽查制度"),
    ("为民办事服务方面", "居民反映的楼道照明问题处置不及时", "建立民生诉求台账，限时办结"),
    ("财务管理方面", "社区活动经费报销手续不全", "规范报销流程，补齐佐证材料"),
]


def _org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def _feedback_and_plan(inspection, organisation, rows, *, before: date, approved_on: date):
    """One aspect per distinct title, a problem and a measure per row; the plan approved."""
    aspects = {}
    problems = []
    for aspect_title, problem_title, *_rest in rows:
        if aspect_title not in aspects:
            aspects[aspect_title] = findings.add_aspect(inspection, by=None, title=aspect_title, today=before)
        problems.append(
            findings.add_problem(
                inspection, by=None, aspect=aspects[aspect_title], title=problem_title,
                organisation=organisation, today=before,
            )
        )
    plan = rectification.start_plan(inspection, by=None, organisation=organisation)
    measures = []
    for problem, (_aspect, _title, content, deadline, *_signed) in zip(problems, rows, strict=True):
        measures.append(
            rectification.add_measure(
                plan, by=None, problems=[problem], target=f"{problem.title}得到纠正", content=content,
                leader="区委副书记", lead_unit=organisation, deadline=deadline, standard="佐证材料齐全",
            )
        )
    rectification.submit_plan(plan, by=None, on=approved_on - timedelta(days=5))
    rectification.approve_plan(plan, by=None, on=approved_on)
    return measures


def _close(measure, on: date) -> None:
    rectification.post_progress(measure, by=None, text="整改任务已完成，佐证材料已上传。", status="done")
    rectification.request_sign_off(measure, by=None)
    rectification.approve_sign_off(measure, by=None, on=on)


def load_carryover() -> None:
    term = Term.objects.filter(name="十二届市委", owner__code="350200").first()
    if term is None:
        return
    for code, rows in CITY_FEEDBACK.items():
        organisation = _org(code)
        inspection = Inspection.objects.filter(term=term, targets__organisation=organisation).first()
        if inspection is None or Plan.objects.filter(inspection=inspection).exists():
            continue
        measures = _feedback_and_plan(
            inspection, organisation, rows, before=inspection.feedback_on - timedelta(days=1),
            approved_on=inspection.feedback_on + timedelta(days=30),
        )
        for measure, row in zip(measures, rows, strict=True):
            if row[4] is not None:
                _close(measure, row[4])
            else:
                rectification.post_progress(
                    measure, by=None, text="已完成摸底，部分事项仍在协调推进。", status="in_progress"
                )


def load_district_history() -> None:
    """After `current.load_current`: 十二届思明区委's finished inspection of 金山社区党委."""
    term = Term.objects.filter(name="十二届思明区委", owner__code="350203").first()
    title = "对金山社区党委的常规巡察"
    if term is None or Inspection.objects.filter(term=term, title=title).exists():
        return
    community = _org("350203-01-02")
    entry = term.starts_on + timedelta(days=120)
    inspection = create_inspection(
        by=None, term=term, title=title, team_name="区委第一巡察组", targets=[community],
        entry_on=entry, exit_on=entry + timedelta(days=30), feedback_on=entry + timedelta(days=60),
    )
    rows = [(a, p, m, entry + timedelta(days=150), None) for a, p, m in DISTRICT_FEEDBACK]
    measures = _feedback_and_plan(
        inspection, community, rows, before=entry + timedelta(days=59), approved_on=entry + timedelta(days=80)
    )
    for measure in measures:
        _close(measure, entry + timedelta(days=140))
