"""Demo: a 回头看 of an earlier inspection of the current city term (十三届市委第一轮 on 思明区委),
with one re-check of each verdict.

The earlier rounds of the demo keep no ledger (xuncha/demo/current.py); this gives the first
round's inspection of 思明区委 a small one of its own (three problems, texts of our own marked
（演示）, two of them rectified and signed off), then starts its follow-up and records
整改到位, 反弹 and 整改不到位 on them. Seed 004's published ledger is left as published."""

from datetime import timedelta

from django.utils import timezone

from xuncha.findings import domain as findings
from xuncha.followup import domain
from xuncha.followup.enums import Verdict
from xuncha.followup.models import ReCheck
from xuncha.inspections.models import Inspection
from xuncha.rectification import domain as rectification

EARLIER_TITLE = "十三届市委第一轮对中共厦门市思明区委员会的常规巡察"
PROBLEMS = [
    ("行政审批事项办理时限偏长（演示）", Verdict.RECTIFIED, "实地查看，审批时限已压缩至承诺时限内，台账齐全。"),
    ("违规发放津贴补贴（演示）", Verdict.REBOUND, "销号后部分街道又以加班费名义发放补贴，问题反弹。"),
    ("基层党组织换届程序不规范（演示）", Verdict.NOT_RECTIFIED, "整改措施停留在发文层面，抽查3个社区仍未按程序整改。"),
]


def load_follow_up() -> Inspection | None:
    earlier = Inspection.objects.filter(title=EARLIER_TITLE).select_related("term").first()
    if earlier is None or earlier.follow_ups.exists():
        return None
    organisation = earlier.targets.get().organisation
    street = organisation.children.order_by("code").first() or organisation
    before = earlier.feedback_on - timedelta(days=1)  # entered while the feedback was drafted
    aspect = findings.add_aspect(earlier, by=None, title="落实全面从严治党战略部署方面（演示）", today=before)
    problems = [
        findings.add_problem(earlier, by=None, aspect=aspect, title=title, organisation=organisation, today=before)
        for title, _verdict, _note in PROBLEMS
    ]
    plan = rectification.start_plan(earlier, by=None, organisation=organisation)
    measures = [
        rectification.add_measure(
            plan,
            by=None,
            problems=[problem],
            units=[street],
            target="问题整改到位（演示）",
            content="制定整改措施并逐项落实（演示）",
            leader="区委副书记",
            lead_unit=street,
            deadline=earlier.feedback_on + timedelta(days=180),
            standard="建立台账，逐项销号",
        )
        for problem in problems
    ]
    rectification.submit_plan(plan, by=None, on=earlier.feedback_on + timedelta(days=30))
    rectification.approve_plan(plan, by=None, on=earlier.feedback_on + timedelta(days=40))
    for measure in measures[:2]:
        rectification.post_progress(measure, by=None, text="整改完成（演示）", status="done")
        rectification.request_sign_off(measure, by=None)
        rectification.approve_sign_off(measure, by=None, on=earlier.feedback_on + timedelta(days=150))
    follow_up = domain.create_follow_up(earlier, by=None, entry_on=timezone.localdate() - timedelta(days=20))
    for problem, (_title, verdict, note) in zip(problems, PROBLEMS, strict=True):
        recheck = ReCheck.objects.get(inspection=follow_up, problem=problem)
        domain.record_verdict(recheck, by=None, verdict=verdict, note=note)
    return follow_up
