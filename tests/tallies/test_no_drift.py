"""The safety net for the explicit tally calls: representative workflows, taken through the
domain functions as the pages, the API and the importers take them, leave the summary tallies
equal to a full recount (`xuncha tally --check` passes) after every step.

No signal keeps the tallies; each domain function calls `xuncha.tallies`. A write site that
forgot its call leaves a difference here (and, through tests/conftest.py, in whichever test of
the area exercised it). Each workflow also asserts that the tallies count something, so an
empty recount cannot pass for an agreeing one.
"""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Sum

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from tests.ledger.conftest import column_of, edited, row_of
from xuncha import tallies
from xuncha.accounts.enums import Role
from xuncha.rectification import domain
from xuncha.rectification.enums import ProblemStatus
from xuncha.rectification.models import MeasureChange, MeasureTally, ProblemTally, TermTally

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def no_drift() -> None:
    assert tallies.differences() == []
    call_command("tally", "--check", stdout=io.StringIO())  # exits with status 1 on a difference


def counted(inspection) -> dict[str, int]:
    rows = ProblemTally.objects.filter(inspection=inspection).values_list("status").annotate(n=Sum("problems"))
    return dict(rows.order_by())


def test_the_demo_world_loads_without_drift():
    from xuncha.demo.loader import load_demo

    load_demo()
    assert ProblemTally.objects.exists() and MeasureTally.objects.exists() and TermTally.objects.exists()
    no_drift()


def test_the_rectification_loop_keeps_the_tallies(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 3, organisation=tree.district, aspects=2)
    no_drift()
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street)) for p in problems
    ]
    no_drift()
    domain.submit_plan(plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(plan, by=None)
    domain.post_progress(measures[0], by=None, text="已完成", status="done")
    no_drift()
    domain.request_sign_off(measures[0], by=None)
    domain.approve_sign_off(measures[0], by=None)
    no_drift()
    assert counted(inspection) == {ProblemStatus.DONE: 1, ProblemStatus.NOT_DONE: 2}
    domain.post_progress(measures[1], by=None, text="已完成", status="done")
    domain.request_sign_off(measures[1], by=None)
    domain.return_sign_off(measures[1], by=None, reason="佐证材料不足")
    no_drift()
    change = domain.request_change(measures[2], by=None, reason="资金未到位", deadline=date(2023, 6, 30))
    domain.approve_change(change, by=None)
    assert MeasureTally.objects.filter(inspection=inspection, deadline=date(2023, 6, 30)).exists()
    no_drift()
    refused = domain.request_change(measures[2], by=None, reason="再延期", deadline=date(2024, 6, 30))
    domain.refuse_change(refused, by=None, reason="不同意")
    assert MeasureChange.objects.filter(measure=measures[2]).count() == 2
    no_drift()
    domain.reopen_problem(problems[0], by=None, reason="回头看发现问题反弹")
    assert counted(inspection) == {ProblemStatus.NOT_DONE: 3}
    no_drift()
    domain.archive_measure(measures[1], by=None, reason="重复录入")
    no_drift()
    domain.archive_plan(plan, by=None, reason="重新制定")
    assert not MeasureTally.objects.filter(inspection=inspection).exists()
    no_drift()


def test_findings_edits_keep_the_tallies(tree):
    from xuncha.findings.domain import (
        add_aspect,
        add_item,
        add_problem,
        ensure_default_categories,
        promote_finding,
        record_finding,
        update_problem,
    )
    from xuncha.findings.models import Category

    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    before = date(2021, 1, 1)
    aspect = add_aspect(inspection, by=None, title="党的领导方面", today=before)
    problem = add_problem(inspection, by=None, aspect=aspect, title="问题一", organisation=tree.district, today=before)
    no_drift()
    item = add_item(aspect, by=None, title="第一项", today=before)
    ensure_default_categories()
    finding = record_finding(
        inspection,
        by=None,
        text="发现的问题。详情",
        source="talk",
        category=Category.objects.first(),
        organisation=tree.street,
    )
    promote_finding(finding, by=None, aspect=aspect, item=item, today=before)
    update_problem(problem, by=None, title="问题一（改）", text="", today=before)
    no_drift()
    # after the feedback: a correction with a reason opens a revision
    later = add_aspect(inspection, by=None, title="补充方面", correction_reason="漏列方面")
    add_problem(
        inspection, by=None, aspect=later, title="补充问题", organisation=tree.district, correction_reason="漏列问题"
    )
    assert sum(counted(inspection).values()) == 3
    no_drift()


def test_inspection_writes_keep_the_tallies(tree):
    from tests.factories import make_inspection
    from xuncha.inspections.domain import add_target, set_dates, update_inspection

    inspection = dated_inspection(tree)
    feedback_with_problems(inspection, 2, organisation=tree.district)
    second = make_inspection(inspection.term, [tree.street], title="第二次巡察")  # no rows yet: a term member
    no_drift()
    add_target(inspection, by=None, organisation=tree.street)
    saved = set_dates(
        inspection,
        by=None,
        expected_version=inspection.version,
        entry_on=date(2021, 2, 1),
        exit_on=date(2021, 3, 1),
        feedback_on=date(2021, 7, 1),
    )
    update_inspection(saved, by=None, expected_version=saved.version, title="改名的巡察")
    update_inspection(second, by=None, expected_version=second.version, team_name="市委第二巡察组")
    assert TermTally.objects.filter(term=inspection.term).exists()
    no_drift()


def test_a_ledger_import_keeps_the_tallies(tree):
    from xuncha.ledger.export import export_inspection_ledger
    from xuncha.ledger.importer import import_ledger

    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 2, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street)) for p in problems
    ]
    domain.submit_plan(plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(plan, by=None)
    office = user_with_role(Role.OFFICE, tree.city)
    out = io.BytesIO()
    export_inspection_ledger(inspection, user=office, out=out)

    def edit(sheet):
        for measure in measures:
            sheet.cell(row_of(sheet, f"M{measure.pk}:"), column_of(sheet, "整改时限")).value = "2030年6月30日"

    result = import_ledger(inspection, by=office, source=io.BytesIO(edited(out.getvalue(), edit)))
    assert result.ok and result.updated == 2
    assert set(MeasureTally.objects.filter(inspection=inspection).values_list("deadline", flat=True)) == {
        date(2030, 6, 30)
    }
    no_drift()


def test_a_report_import_keeps_the_tallies(tree):
    from pathlib import Path

    from xuncha.reports.importer import import_report
    from xuncha.reports.parsing import parse_file

    fixture = Path(__file__).resolve().parents[2] / "xuncha/demo/fixtures/seed_001_siming_2025.txt"
    parsed = parse_file(fixture)
    inspection = dated_inspection(tree, feedback_on=None)
    import_report(parsed, inspection=inspection, organisation=tree.district, by=None, on=date(2025, 6, 1))
    assert MeasureTally.objects.filter(inspection=inspection).exists()
    no_drift()
