"""The two rates read from rows (DOMAIN.md, figures table): 问题整改完成率 = done ÷ all,
整改率 = (done + basically done) ÷ all, with each problem's status derived from its measures.

Fault found by a tester: a unit reported its measure "已完成"; the board showed the problem as
"基本完成", so that 整改率 read 100% while 完成率 read 0%. A measure reported done makes its
problem done; sign-off (销号) is the later review, and a returned sign-off undoes it."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings.models import Problem
from xuncha.rectification import domain
from xuncha.rectification.figures import rectification_figures
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def four(tree):
    """Four problems of 思明区, one measure each, the units 文灶社区 (the first three) and the
    other street (the fourth, which the community's unit must not see)."""
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 4, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    units = [tree.community] * 3 + [tree.other_street]
    measures = [
        domain.add_measure(plan, by=None, problems=[p], units=[u], **complete_measure_fields(u))
        for p, u in zip(problems, units, strict=True)
    ]
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    return inspection, problems, measures


def _figures(inspection):
    problems = Problem.objects.filter(inspection=inspection)
    measures = Measure.objects.filter(plan__inspection=inspection)
    return rectification_figures(problems, measures, today=timezone.localdate())


def test_rates_unit_reports_done_counts_done_at_once(four):
    inspection, _problems, measures = four
    domain.post_progress(measures[0], by=None, text="已完成整改", status="done")
    domain.post_progress(measures[1], by=None, text="主体工作完成", status="basically_done")
    domain.post_progress(measures[2], by=None, text="推进中", status="in_progress")
    figures = _figures(inspection)
    assert (figures.problems, figures.done, figures.basically_done, figures.not_done) == (4, 1, 1, 2)
    assert figures.completion_rate == Decimal("25.00")  # 1 ÷ 4
    assert figures.rectification_rate == Decimal("50.00")  # (1 + 1) ÷ 4


def test_rates_done_awaiting_sign_off_never_reads_as_basically_done(four):
    """The tester's case: every measure reported done, none signed off yet."""
    inspection, _problems, measures = four
    for m in measures:
        domain.post_progress(m, by=None, text="已完成整改", status="done")
        domain.request_sign_off(m, by=None)
    figures = _figures(inspection)
    assert (figures.done, figures.basically_done) == (4, 0)
    assert figures.completion_rate == figures.rectification_rate == Decimal("100.00")


def test_rates_returned_sign_off_takes_the_problem_back(four):
    inspection, _problems, measures = four
    domain.post_progress(measures[0], by=None, text="已完成整改", status="done")
    domain.request_sign_off(measures[0], by=None)
    domain.return_sign_off(measures[0], by=None, reason="佐证材料不足")
    figures = _figures(inspection)
    assert (figures.done, figures.basically_done, figures.not_done) == (0, 0, 4)
    assert figures.completion_rate == figures.rectification_rate == Decimal("0.00")


def test_rates_ongoing_counts_done_only_once_its_stage_is_signed_off(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    fields = complete_measure_fields(tree.street, deadline=None, ongoing=True, stage_target="每季度检查一次")
    measure = domain.add_measure(plan, by=None, problems=[problem], **fields)
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    domain.post_progress(measure, by=None, text="阶段目标已实现", status="ongoing")
    assert (_figures(inspection).done, _figures(inspection).basically_done) == (0, 1)
    domain.request_sign_off(measure, by=None)
    domain.approve_sign_off(measure, by=None)
    assert (_figures(inspection).done, _figures(inspection).basically_done) == (1, 0)


def test_board_shows_the_units_done_as_done_and_hides_other_units_rows(tree, four, client):
    inspection, _problems, measures = four
    domain.post_progress(measures[0], by=None, text="已完成整改", status="done")
    domain.post_progress(measures[3], by=None, text="其他街道的整改", status="done")
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    body = client.get(f"/rectification/inspection/{inspection.pk}/board/").content.decode()
    assert body.count('data-status="done"') == 2
    assert 'data-status="basically_done"' not in body
    assert 'data-testid="completion-rate">50.00%' in body
    unit = user_with_role(Role.RESPONSIBLE_UNIT, tree.community)
    client.force_login(unit)
    measure_page = client.get(f"/rectification/measures/{measures[0].pk}/").content.decode()
    assert measure_page.count("已完成") >= 1
    assert client.get(f"/rectification/measures/{measures[3].pk}/").status_code == 404
