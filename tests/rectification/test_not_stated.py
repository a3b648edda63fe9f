"""Problems and measures whose status a published report does not state (seed 001): status "not
stated", left out of the rates everywhere and said to be so, never counted as not done, never
overdue, never warned about, never pressed for by a letter."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha import tallies
from xuncha.accounts.enums import Role
from xuncha.findings.models import Problem
from xuncha.rectification import domain
from xuncha.rectification.dashboard import dashboard_figures
from xuncha.rectification.deadlines import warned_q
from xuncha.rectification.enums import MeasureStatus, PlanStatus, ProblemStatus
from xuncha.rectification.figures import overdue_measures, rectification_figures
from xuncha.rectification.forms import ProgressForm
from xuncha.rectification.models import Measure, Plan, TermTally
from xuncha.rectification.status import problem_status, with_status
from xuncha.supervision.documents import draft_document
from xuncha.supervision.escalation import compute_warnings

pytestmark = pytest.mark.django_db

PAST = date(2022, 12, 31)  # every measure's deadline: long past


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _not_stated(inspection, measures) -> None:
    """As an import of a report that states no status leaves them (reports.importer)."""
    Measure.objects.filter(pk__in=[m.pk for m in measures]).update(status=MeasureStatus.NOT_STATED)
    tallies.inspection_changed(inspection.pk)


@pytest.fixture
def world(tree):
    """Problems of 思明区: (1) done and signed off, (2) in progress, (3) and (4) not stated, (5) one
    measure signed off and one not stated, (6) one in progress and one not stated. Every
    deadline is long past."""
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 6, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    serves = [0, 1, 2, 3, 4, 4, 5, 5]  # the problem (index) of each measure
    measures = [
        domain.add_measure(plan, by=None, problems=[problems[i]], **complete_measure_fields(tree.street, deadline=PAST))
        for i in serves
    ]
    domain.submit_plan(plan, by=None, on=date(2021, 7, 1))
    domain.approve_plan(plan, by=None, on=date(2021, 7, 5))
    for done in (measures[0], measures[4]):
        domain.post_progress(done, by=None, text="已完成", status="done")
        domain.request_sign_off(done, by=None)
        domain.approve_sign_off(done, by=None)
    for moving in (measures[1], measures[6]):
        domain.post_progress(moving, by=None, text="推进中", status="in_progress")
    _not_stated(inspection, [measures[2], measures[3], measures[5], measures[7]])
    return inspection, plan, problems, measures


def test_a_problem_is_not_stated_only_when_its_known_measures_do_not_decide_it(world):
    _inspection, _plan, problems, _measures = world
    assert [problem_status(p) for p in problems] == [
        ProblemStatus.DONE,
        ProblemStatus.NOT_DONE,
        ProblemStatus.NOT_STATED,
        ProblemStatus.NOT_STATED,
        ProblemStatus.NOT_STATED,  # one signed off, the other unknown: unknown
        ProblemStatus.NOT_DONE,  # one in progress: not done whatever the other is
    ]


def test_the_rates_leave_not_stated_problems_out_of_the_denominator(world):
    inspection, *_ = world
    figures = rectification_figures(
        Problem.objects.filter(inspection=inspection),
        Measure.objects.filter(plan__inspection=inspection),
        today=timezone.localdate(),
    )
    assert (figures.problems, figures.done, figures.basically_done, figures.not_done) == (6, 1, 0, 2)
    assert (figures.not_stated, figures.rated) == (3, 3)
    assert figures.completion_rate == figures.rectification_rate == Decimal("33.33")
    assert [(n.inspection_id, n.problems) for n in figures.not_stated_by_inspection] == [(inspection.pk, 3)]
    assert figures.measures_by_status[MeasureStatus.NOT_STATED] == 4


def test_only_not_stated_problems_give_no_rate_at_all(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 2, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street)) for p in problems
    ]
    _not_stated(inspection, measures)
    figures = rectification_figures(
        Problem.objects.filter(inspection=inspection), Measure.objects.filter(plan=plan), today=timezone.localdate()
    )
    assert (figures.problems, figures.not_stated, figures.not_done) == (2, 2, 0)
    assert figures.completion_rate is None and figures.rectification_rate is None


def test_the_dashboard_and_its_tallies_count_them_apart(tree, world, client):
    inspection, *_ = world
    figures = dashboard_figures(type(inspection).objects.filter(pk=inspection.pk), today=timezone.localdate())
    total = figures.total
    assert (total.problems, total.done, total.not_done, total.not_stated) == (6, 1, 2, 3)
    assert total.completion_rate == Decimal("33.33")
    assert [(r.label, r.not_stated) for r in figures.by_aspect] == [("方面1", 3)]
    row = TermTally.objects.get(term=inspection.term, organisation=tree.district)
    assert (row.done, row.basically_done, row.not_done, row.not_stated) == (1, 0, 2, 3)
    assert tallies.differences() == []

    client.force_login(user_with_role(Role.OFFICE, tree.city))
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/rectification/dashboard/").content.decode()
    note = re.search(r'data-testid="not-stated-note"><a href="([^"]+)">([^<]+)</a>', page)
    assert note is not None and note.group(2) == "3个问题未说明整改状态，未计入整改率"
    assert note.group(1).replace("&amp;", "&") == f"/rectification/figures/?term={inspection.term_id}"


def test_the_figures_page_says_so_and_links_to_those_problems(tree, world, client):
    inspection, *_ = world
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    client.cookies["django_language"] = "zh-hans"
    response = client.get(f"/rectification/figures/?inspection={inspection.pk}")
    page = response.content.decode()
    assert "3个问题未说明整改状态，未计入整改率" in page
    assert "1 / 3" not in page and "33.33%" in page
    links = re.findall(r'href="([^"]+)" data-testid="not-stated-link"', page)
    assert links == [f"/rectification/inspection/{inspection.pk}/board/?status=not_stated"]
    board = client.get(links[0]).content.decode()
    listed = re.findall(r'data-testid="board-problem" data-status="([a-z_]+)"', board)
    assert listed == ["not_stated"] * 3
    assert "未说明" in board


def test_no_note_where_every_status_is_stated(tree, client):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    feedback_with_problems(inspection, 2, organisation=tree.district)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(f"/rectification/figures/?inspection={inspection.pk}").content.decode()
    assert 'data-testid="not-stated-note"' not in page


def test_not_stated_measures_are_never_overdue_nor_warned(world):
    inspection, _plan, _problems, measures = world
    all_measures = Measure.objects.filter(plan__inspection=inspection)
    overdue = set(overdue_measures(all_measures, today=timezone.localdate()))
    assert overdue == {measures[1], measures[6]}  # the two in progress, not the four not stated
    assert set(all_measures.filter(warned_q())) == {measures[1], measures[6]}
    run = compute_warnings(timezone.localdate())
    warned = set(Measure.objects.filter(warnings__isnull=False).values_list("pk", flat=True))
    assert run.raised and warned == {measures[1].pk, measures[6].pk}


@pytest.mark.parametrize("kind", ["reminder", "warning_letter"])
def test_letters_refuse_to_name_a_not_stated_measure(tree, world, kind):
    inspection, _plan, _problems, measures = world
    office = user_with_role(Role.OFFICE, tree.city)
    with pytest.raises(ValidationError) as caught:
        draft_document(
            inspection, by=office, kind=kind, addressee=tree.district, measures=[measures[2]], today=date(2023, 1, 5)
        )
    assert {e.code for e in caught.value.error_list} == {"status_not_stated"}
    # the same letter about the measure in progress, overdue as well, is drafted
    letter = draft_document(
        inspection,
        by=office,
        kind="warning_letter",
        addressee=tree.district,
        measures=[measures[1]],
        today=date(2023, 1, 5),
    )
    assert letter.pk is not None


def test_a_progress_report_states_the_status(world):
    inspection, _plan, problems, measures = world
    assert MeasureStatus.NOT_STATED not in dict(ProgressForm().fields["status"].choices)
    domain.post_progress(measures[2], by=None, text="已全面完成", status="done")
    assert Measure.objects.get(pk=measures[2].pk).status == MeasureStatus.DONE
    assert problem_status(problems[2]) == ProblemStatus.DONE
    statuses = dict(with_status(Problem.objects.filter(inspection=inspection)).values_list("pk", "derived_status"))
    assert statuses[problems[3].pk] == ProblemStatus.NOT_STATED


def test_a_filed_plan_with_no_date_is_not_called_late(world):
    inspection, plan, *_ = world
    assert inspection.plan_due_on is not None and inspection.plan_due_on < timezone.localdate()
    Plan.objects.filter(pk=plan.pk).update(submitted_on=None, approved_on=None)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert domain.is_late(plan, today=timezone.localdate()) is False
    draft = Plan(inspection=inspection, organisation=plan.organisation, status=PlanStatus.DRAFT)
    assert domain.is_late(draft, today=timezone.localdate()) is True  # still unfiled past its due date
