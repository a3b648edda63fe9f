from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.rectification import domain, jointreview
from xuncha.rectification.enums import MeasureStatus, PlanStatus, ProblemStatus, SignOff
from xuncha.rectification.models import Rebound
from xuncha.rectification.status import problem_status, with_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 3, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    return inspection, problems, plan


def _approved_plan(tree, setup, **fields):
    _inspection, problems, plan = setup
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street, **fields))
        for p in problems
    ]
    domain.submit_plan(plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(plan, by=None)
    return measures


def test_submission_lists_exactly_what_is_missing(tree, setup):
    _inspection, problems, plan = setup
    domain.add_measure(
        plan, by=None, problems=[problems[0]], **complete_measure_fields(tree.street, leader="", standard="")
    )
    domain.add_measure(plan, by=None, problems=[problems[1]], **complete_measure_fields(tree.street, deadline=None))
    with pytest.raises(domain.PlanIncomplete) as caught:
        domain.submit_plan(plan, by=None)
    assert [(g.measure, g.problem, g.missing) for g in caught.value.gaps] == [
        (1, None, "责任领导"),
        (1, None, "完成标准"),
        (2, None, "整改时限（或长期坚持并明确阶段目标）"),
        (None, "3", "没有整改措施"),
    ]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_the_terms_required_points_decide_what_a_plan_must_fix(tree, setup):
    """五定 is a per-term setting: a term that does not ask for the completion standard accepts a
    plan without it, and still refuses a missing leader; the measure itself is always required."""
    inspection, problems, plan = setup
    term = inspection.term
    term.required_points = ["target", "leader", "units", "deadline"]  # seeds 001 and 004's four
    term.save(update_fields=["required_points"])
    domain.add_measure(plan, by=None, problems=[problems[0]], **complete_measure_fields(tree.street, standard=""))
    domain.add_measure(plan, by=None, problems=[problems[1]], **complete_measure_fields(tree.street, leader=""))
    domain.add_measure(plan, by=None, problems=[problems[2]], **complete_measure_fields(tree.street, content=""))
    with pytest.raises(domain.PlanIncomplete) as caught:
        domain.submit_plan(plan, by=None)
    assert [(g.measure, g.missing) for g in caught.value.gaps] == [(2, "责任领导"), (3, "整改措施")]


def test_the_term_form_sets_the_required_points(tree, client):
    from tests.factories import user_with_role
    from xuncha.accounts.enums import Role
    from xuncha.plans.models import Term

    client.force_login(user_with_role(Role.OFFICE, tree.district))
    form = client.get("/plans/new/").content.decode()
    assert form.count('name="required_points"') == 6 and form.count("checked") >= 5  # all but 责任人, by default
    client.post("/plans/new/", {"owner": tree.district.pk, "name": "十二届区委", "starts_on": "2021-01-01",
                                "ends_on": "2025-12-31", "plan_months": 2, "report_months": 6, "recusal_years": 5,
                                "required_points": ["target", "leader", "units", "deadline"]})
    term = Term.objects.get(name="十二届区委")
    assert term.required_points == ["target", "leader", "units", "deadline"]
    page = client.get(f"/plans/{term.pk}/").content.decode()
    assert "整改措施、整改目标、责任领导" in page and "完成标准" not in page


def test_ongoing_measure_needs_a_stage_target(tree, setup):
    _inspection, problems, plan = setup
    for p in problems:
        domain.add_measure(
            plan,
            by=None,
            problems=[p],
            **complete_measure_fields(tree.street, deadline=None, ongoing=True, stage_target=""),
        )
    with pytest.raises(domain.PlanIncomplete):
        domain.submit_plan(plan, by=None)


def test_late_plan_is_flagged(tree, setup):
    inspection, problems, plan = setup
    assert inspection.plan_due_on == date(2021, 8, 25)
    for p in problems:
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street))
    plan = domain.submit_plan(plan, by=None, on=date(2021, 9, 1))
    assert domain.is_late(plan, today=date(2021, 9, 1))


def test_joint_review_needs_both_bodies(tree, setup):
    _inspection, problems, plan = setup
    assert plan.joint_review  # the term's default: plans of every kind
    for p in problems:
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street))
    domain.submit_plan(plan, by=None)
    office = user_with_role(Role.OFFICE, tree.city)
    discipline = user_with_role(Role.DISCIPLINE_REVIEWER, tree.city)
    jointreview.sign_plan(plan, by=discipline)
    with pytest.raises(PermissionDenied):  # the office waits for the organisation department
        domain.approve_plan(plan, by=office)
    assert jointreview.pending_labels(plan) == ["组织部"]
    jointreview.sign_plan(plan, by=user_with_role(Role.ORGANISATION_REVIEWER, tree.city))
    assert domain.approve_plan(plan, by=office).status == PlanStatus.APPROVED


def test_returned_plan_is_editable_again_and_submitted_plan_is_not(tree, setup):
    _inspection, problems, plan = setup
    for p in problems:
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street))
    domain.submit_plan(plan, by=None)
    with pytest.raises(ValidationError, match="已提交"):
        domain.add_measure(plan, by=None, problems=[problems[0]], **complete_measure_fields(tree.street))
    with pytest.raises(ValidationError):
        domain.return_plan(plan, by=None, reason=" ")
    domain.return_plan(plan, by=None, reason="措施不够具体")
    domain.add_measure(plan, by=None, problems=[problems[0]], **complete_measure_fields(tree.street))


def test_status_derivation_including_ongoing(tree, setup):
    measures = _approved_plan(tree, setup)
    problems = setup[1]
    assert [problem_status(p) for p in problems] == [ProblemStatus.NOT_DONE] * 3
    domain.post_progress(measures[0], by=None, text="已完成", status="done")
    assert problem_status(problems[0]) == ProblemStatus.DONE  # reported done: done (sign-off comes later)
    domain.request_sign_off(measures[0], by=None)
    domain.approve_sign_off(measures[0], by=None)
    assert problem_status(problems[0]) == ProblemStatus.DONE
    domain.post_progress(measures[1], by=None, text="基本完成", status="basically_done")
    assert problem_status(problems[1]) == ProblemStatus.BASICALLY_DONE
    with pytest.raises(ValidationError, match="长期坚持"):
        domain.post_progress(measures[2], by=None, text="长期", status="ongoing")


def test_ongoing_measure_signed_off_at_its_stage_counts_as_done(tree, setup):
    _inspection, problems, plan = setup
    measures = [
        domain.add_measure(
            plan,
            by=None,
            problems=[p],
            **complete_measure_fields(tree.street, deadline=None, ongoing=True, stage_target="每季度检查一次"),
        )
        for p in problems
    ]
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    domain.post_progress(measures[0], by=None, text="阶段目标已实现", status="ongoing")
    assert problem_status(problems[0]) == ProblemStatus.BASICALLY_DONE
    domain.request_sign_off(measures[0], by=None)
    domain.approve_sign_off(measures[0], by=None)
    assert problem_status(problems[0]) == ProblemStatus.DONE


def test_sign_off_return_sends_the_measure_back(tree, setup):
    measure = _approved_plan(tree, setup)[0]
    domain.post_progress(measure, by=None, text="完成", status="done")
    domain.request_sign_off(measure, by=None)
    with pytest.raises(ValidationError, match="等待"):
        domain.post_progress(measure, by=None, text="再报", status="done")
    with pytest.raises(ValidationError):
        domain.return_sign_off(measure, by=None, reason="")
    measure = domain.return_sign_off(measure, by=None, reason="佐证材料不足")
    assert (measure.status, measure.sign_off) == (MeasureStatus.IN_PROGRESS, SignOff.RETURNED)
    assert measure.sign_offs.last().reason == "佐证材料不足"


def test_red_card_blocks_sign_off_until_cleared(tree, setup):
    measure = _approved_plan(tree, setup)[0]
    domain.post_progress(measure, by=None, text="完成", status="done")
    flag = domain.raise_flag(by=None, kind="perfunctory", reason="只发文件未落实", problem=setup[1][0])
    with pytest.raises(ValidationError, match="红牌"):
        domain.request_sign_off(measure, by=None)
    domain.clear_flag(flag, by=None, reason="已补充落实")
    domain.request_sign_off(measure, by=None)
    domain.raise_flag(by=None, kind="false", reason="数据造假", measure=measure)
    with pytest.raises(ValidationError, match="红牌"):
        domain.approve_sign_off(measure, by=None)


def test_reopening_a_done_problem_is_a_rebound(tree, setup):
    measure = _approved_plan(tree, setup)[0]
    problem = setup[1][0]
    with pytest.raises(ValidationError):
        domain.reopen_problem(problem, by=None, reason="复发")  # not done yet
    domain.post_progress(measure, by=None, text="完成", status="done")
    domain.request_sign_off(measure, by=None)
    domain.approve_sign_off(measure, by=None)
    with pytest.raises(ValidationError):
        domain.reopen_problem(problem, by=None, reason="")
    domain.reopen_problem(problem, by=None, reason="回头看发现问题反弹")
    assert problem_status(problem) == ProblemStatus.NOT_DONE
    assert Rebound.objects.filter(problem=problem).count() == 1


def test_status_transitions_are_enforced(tree, setup):
    measure = _approved_plan(tree, setup)[0]
    domain.post_progress(measure, by=None, text="推进中", status="in_progress")
    domain.post_progress(measure, by=None, text="基本完成", status="basically_done")
    domain.post_progress(measure, by=None, text="完成", status="done")
    with pytest.raises(ValidationError, match="不能从"):
        domain.post_progress(measure, by=None, text="退回", status="in_progress")


def test_annotated_statuses_match_single_problem_rule(tree, setup):
    measures = _approved_plan(tree, setup)
    domain.post_progress(measures[1], by=None, text="基本完成", status="basically_done")
    from xuncha.findings.models import Problem

    annotated = {p.pk: p.derived_status for p in with_status(Problem.objects.all())}
    assert annotated == {p.pk: problem_status(p).value for p in setup[1]}


def test_measures_serve_only_their_plans_problems(tree, setup):
    from tests.factories import dated_inspection as another

    measure = _approved_plan(tree, setup)[0]
    foreign = feedback_with_problems(another(tree, title="另一次"), 1, organisation=tree.district)[0]
    from xuncha.inspections.domain import add_target

    add_target(setup[0], by=None, organisation=tree.other_district)  # a problem concerns an inspected organisation
    other_org = feedback_with_problems(setup[0], 1, organisation=tree.other_district)[0]
    for problem in (foreign, other_org):
        with pytest.raises(ValidationError):
            domain.update_measure(measure, by=None, expected_version=measure.version, problems=[problem])
