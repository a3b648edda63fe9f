"""The two published reports of the seeds, imported as the provincial inspections they were:
省委巡视一组 on 湖里区委 (2021, seed 004) and 省委巡视九组 on 思明区委 (2024, seed 001), each
with its feedback tree and ledger, so that a new user sees real content and its figures.

One problem of seed 001 is then handed to 文灶社区 (the `unit` demo account) with all five
points fixed, so that progress, sign-off and the board can be tried from `make run`.
"""

from datetime import date
from pathlib import Path

from xuncha import tallies
from xuncha.inspections.domain import create_inspection
from xuncha.inspections.models import Inspection
from xuncha.orgs.models import Organisation
from xuncha.plans.domain import create_term, set_scope_rule
from xuncha.rectification.models import Measure
from xuncha.reports.importer import import_report
from xuncha.reports.parsing import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = [
    # (term, term dates, fixture, inspected org code, team, title, plan issued on (None: as the
    # report states it))
    (
        "十届省委",
        date(2016, 11, 1),
        date(2021, 11, 30),
        "seed_004_huli_2022.txt",
        "350206",
        "省委巡视一组",
        "省委巡视一组对湖里区委的巡视",
        date(2021, 7, 3),  # seed 004: "7月3日…会后即印发了具体整改工作方案", 8 days after feedback
    ),
    (
        "十一届省委",
        date(2021, 12, 1),
        date(2026, 11, 30),
        "seed_001_siming_2025.txt",
        "350203",
        "省委巡视九组",
        "省委巡视九组对思明区委的巡视",
        None,
    ),
]


def load_reports() -> None:
    province = Organisation.objects.get(code="350000")
    for term_name, starts, ends, fixture, target_code, team, title, plan_on in REPORTS:
        if Inspection.objects.filter(title=title).exists():
            continue
        term = create_term(
            by=None, owner=province, name=term_name, starts_on=starts, ends_on=ends, scope_levels=["district"]
        )
        set_scope_rule(term, by=None, organisation=province, include=True, subtree=True)
        parsed = parse_file(FIXTURES / fixture)
        target = Organisation.objects.get(code=target_code)
        inspection = create_inspection(
            by=None,
            term=term,
            title=title,
            team_name=team,
            targets=[target],
            entry_on=parsed.inspection.start,
            exit_on=parsed.inspection.end,
            feedback_on=parsed.inspection.feedback_on,
        )
        import_report(
            parsed, inspection=inspection, organisation=target, by=None, on=parsed.issued_on, plan_on=plan_on
        )
        if fixture.startswith("seed_004"):
            _draft_as_published(inspection, target, (FIXTURES / fixture).read_text(encoding="utf-8"), parsed)
    _hand_one_problem_to_the_community()


def _draft_as_published(inspection, organisation, text: str, parsed) -> None:
    """The office's own parts of seed 004's report (section 一, the section-二 opening, the
    next steps, the contact and the date of issue), so that the generated 通报 of the demo reads
    as the published one; seed 001's is left for the user to write (its page lists the gaps)."""
    import re

    from xuncha.reports.models import ReportDraft, ReportShape

    lines = [line.strip() for line in text.splitlines() if line.strip()]

    def starting(prefix: str) -> int:
        return next(i for i, line in enumerate(lines) if line.startswith(prefix))

    one, two = starting("一、"), starting("二、")
    closing = lines[starting("欢迎广大")]
    phone = re.search(r"联系电话[:：]\s*([0-9-]+)", closing)
    address = re.search(r"通信地址[:：]\s*([^;；]+)", closing)
    email = re.search(r"电子邮箱[:：]\s*([\w.@-]+)", closing)
    ReportDraft.objects.get_or_create(
        inspection=inspection,
        organisation=organisation,
        defaults={
            "shape": ReportShape.PROBLEM,
            "leadership_title": lines[one],
            "organisational_work": "\n".join(lines[one + 1 : two]),
            "rectification_title": lines[two],
            "rectification_opening": lines[two + 1],
            "next_steps": lines[starting("针对持续深化")],
            "contact_phone": phone.group(1) if phone else "",
            "contact_address": address.group(1).strip() if address else "",
            "contact_email": email.group(1).rstrip("。.") if email else "",
            "issued_on": parsed.issued_on,
        },
    )


def _hand_one_problem_to_the_community() -> None:
    community = Organisation.objects.get(code="350203-01-01")
    if Measure.objects.filter(units=community).exists():
        return
    measure = (
        Measure.objects.filter(plan__inspection__title="省委巡视九组对思明区委的巡视", problems__number="3")
        .order_by("number")
        .first()
    )
    measure.leader = "区委副书记"
    measure.deadline = date(2026, 6, 30)
    measure.standard = "社区治理问题台账清零，群众满意度调查达90%以上"
    measure.save()
    tallies.measure_saved(measure)
    measure.units.add(community)
    _ask_for_an_extension(measure)


def _ask_for_an_extension(measure) -> None:
    """The unit asks to move its deadline (延期), so that the office finds a change request
    waiting on the measure's page; approving it counts an extension in the figures."""
    from xuncha.accounts.models import User
    from xuncha.rectification.domain import request_change

    unit = User.objects.filter(username="unit").first()
    if unit is None or measure.changes.exists():
        return
    request_change(
        measure,
        by=unit,
        reason="涉及老旧小区改造项目，需待年度项目资金批复后实施",
        deadline=date(2027, 3, 31),
    )
