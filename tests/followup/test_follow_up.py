"""Follow-up inspections (回头看): creating one from an earlier inspection, each verdict's
effects, the guards, who may do what, and the re-check page's queries."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import approved_plan, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings.models import Problem
from xuncha.followup import domain
from xuncha.followup.enums import ReCheckStatus, Verdict
from xuncha.followup.models import ReCheck
from xuncha.inspections.enums import InspectionKind
from xuncha.rectification import domain as rectification
from xuncha.rectification.enums import MeasureStatus
from xuncha.rectification.figures import rectification_figures
from xuncha.rectification.models import Measure, Rebound
from xuncha.workflow.actions import ActionRefused


def _signed_off(measure):
    rectification.post_progress(measure, by=None, text="完成", status=MeasureStatus.DONE)
    rectification.request_sign_off(measure, by=None)
    rectification.approve_sign_off(measure, by=None)


@pytest.fixture
def earlier(tree):
    """An inspection of 思明区 with three problems: (1) and (2) signed off, (3) still at work."""
    inspection, _plan, measures = approved_plan(tree, 3)
    _signed_off(measures[0])
    _signed_off(measures[1])
    return inspection


@pytest.fixture
def office(tree):
    return user_with_role(Role.OFFICE, tree.city)


def _rebounds(inspection) -> int:
    problems = Problem.objects.filter(inspection=inspection)
    measures = Measure.objects.filter(plan__inspection=inspection)
    return rectification_figures(problems, measures, today=timezone.localdate()).rebounds


def _follow_up(earlier, office):
    return domain.create_follow_up(earlier, by=office, entry_on=date(2024, 3, 1))


def test_follow_up_copies_the_earlier_problems_as_pending_rechecks(earlier, office, tree):
    follow_up = _follow_up(earlier, office)
    assert follow_up.kind == InspectionKind.FOLLOW_UP
    assert follow_up.follows_up == earlier
    assert follow_up.term == earlier.term  # the owner's current term
    assert [t.organisation for t in follow_up.targets.all()] == [tree.district]
    assert follow_up.title == "对中共厦门市思明区委员会的巡察整改“回头看”"
    rechecks = list(ReCheck.objects.filter(inspection=follow_up))
    assert [r.problem.title for r in rechecks] == ["问题1", "问题2", "问题3"]
    assert {r.status for r in rechecks} == {ReCheckStatus.PENDING}
    assert list(earlier.follow_ups.all()) == [follow_up]


def test_follow_up_defaults_to_the_owners_current_term(earlier, office, tree):
    earlier.term.ends_on = date(2020, 12, 31)
    earlier.term.save(update_fields=["ends_on"])
    current = make_term(tree.city, name="十三届市委", starts_on=date(2021, 1, 1))
    assert _follow_up(earlier, office).term == current


def test_follow_up_of_a_chosen_organisation_copies_only_its_problems(tree, office):
    from tests.factories import two_target_inspection

    made = two_target_inspection(tree)
    follow_up = domain.create_follow_up(made.inspection, by=office, organisations=[tree.other_district])
    assert ReCheck.objects.filter(inspection=follow_up).count() == 2
    assert {r.problem.organisation for r in ReCheck.objects.filter(inspection=follow_up)} == {tree.other_district}


def test_follow_up_of_an_inspection_without_problems_is_refused_in_chinese(tree, office):
    from tests.factories import dated_inspection

    empty = dated_inspection(tree)
    with pytest.raises(ValidationError) as refused:
        domain.create_follow_up(empty, by=office)
    assert "没有可复查的反馈问题" in " ".join(refused.value.messages)
    assert not ReCheck.objects.exists()


def test_follow_up_of_an_organisation_not_inspected_is_refused(earlier, office, tree):
    with pytest.raises(ValidationError) as refused:
        domain.create_follow_up(earlier, by=office, organisations=[tree.other_district])
    assert "未被原巡察" in " ".join(refused.value.messages)
    assert not earlier.follow_ups.exists()


def test_rectified_needs_evidence_and_changes_nothing_else(earlier, office):
    follow_up = _follow_up(earlier, office)
    first = ReCheck.objects.get(inspection=follow_up, problem__title="问题1")
    with pytest.raises(ValidationError) as refused:
        domain.record_verdict(first, by=office, verdict=Verdict.RECTIFIED)
    assert "佐证" in " ".join(refused.value.messages)
    first.refresh_from_db()
    assert first.status == ReCheckStatus.PENDING

    domain.record_verdict(first, by=office, verdict=Verdict.RECTIFIED, note="实地查看，台账已销号")
    first.refresh_from_db()
    assert (first.status, first.verdict, first.checked_by) == (ReCheckStatus.CHECKED, Verdict.RECTIFIED, office)
    assert first.rebound is None and first.new_problem is None
    assert not Rebound.objects.exists()
    assert not follow_up.problems.exists()


def test_not_rectified_adds_a_linked_problem_to_the_follow_ups_feedback(earlier, office, tree):
    follow_up = _follow_up(earlier, office)
    third = ReCheck.objects.get(inspection=follow_up, problem__title="问题3")
    before = list(Measure.objects.filter(problems=third.problem).values_list("status", "sign_off"))
    domain.record_verdict(third, by=office, verdict=Verdict.NOT_RECTIFIED, note="措施未落实")
    third.refresh_from_db()
    new = third.new_problem
    assert new.inspection == follow_up and new.organisation == tree.district
    assert new.title == "【整改不到位】问题3"
    assert "措施未落实" in new.text
    assert new.aspect.title == "整改落实“回头看”发现的问题"
    # the earlier ledger stays as reported, and no rebound is counted
    assert list(Measure.objects.filter(problems=third.problem).values_list("status", "sign_off")) == before
    assert _rebounds(earlier) == 0


def test_rebound_reopens_the_signed_off_problem_once_and_moves_the_rebound_figure(earlier, office):
    follow_up = _follow_up(earlier, office)
    second = ReCheck.objects.get(inspection=follow_up, problem__title="问题2")
    assert _rebounds(earlier) == 0
    domain.record_verdict(second, by=office, verdict=Verdict.REBOUND, note="问题再次出现")
    second.refresh_from_db()
    assert Rebound.objects.count() == 1
    assert second.rebound == Rebound.objects.get(problem=second.problem)
    assert _rebounds(earlier) == 1
    assert set(Measure.objects.filter(problems=second.problem).values_list("status", flat=True)) == {
        MeasureStatus.IN_PROGRESS
    }
    assert second.new_problem.title == "【反弹回潮】问题2"
    assert second.new_problem.inspection == follow_up


def test_rebound_of_a_problem_not_done_is_refused_and_changes_nothing(earlier, office):
    follow_up = _follow_up(earlier, office)
    third = ReCheck.objects.get(inspection=follow_up, problem__title="问题3")
    with pytest.raises(ValidationError) as refused:
        domain.record_verdict(third, by=office, verdict=Verdict.REBOUND, note="再次出现")
    assert "整改不到位" in " ".join(refused.value.messages)
    third.refresh_from_db()
    assert third.status == ReCheckStatus.PENDING and third.new_problem is None
    assert not Rebound.objects.exists() and not follow_up.problems.exists()


def test_a_recheck_takes_one_verdict(earlier, office):
    follow_up = _follow_up(earlier, office)
    first = ReCheck.objects.get(inspection=follow_up, problem__title="问题1")
    domain.record_verdict(first, by=office, verdict=Verdict.RECTIFIED, note="到位")
    with pytest.raises(ValidationError) as refused:
        domain.record_verdict(first, by=office, verdict=Verdict.REBOUND, note="又来了")
    assert "已复查" in " ".join(refused.value.messages)
    assert not Rebound.objects.exists()


def test_the_liaison_may_not_start_a_follow_up_nor_record_a_verdict(earlier, office, tree):
    liaison = user_with_role(Role.LIAISON, tree.district)
    with pytest.raises(ActionRefused):
        domain.create_follow_up(earlier, by=liaison)
    follow_up = _follow_up(earlier, office)
    first = ReCheck.objects.get(inspection=follow_up, problem__title="问题1")
    with pytest.raises(ActionRefused):
        domain.record_verdict(first, by=liaison, verdict=Verdict.RECTIFIED, note="到位")


def test_pages_answer_404_to_outsiders_and_the_liaison_cannot_record(earlier, office, tree, client):
    follow_up = _follow_up(earlier, office)
    first = ReCheck.objects.get(inspection=follow_up, problem__title="问题1")
    outsider = user_with_role(Role.OFFICE, tree.other_district)
    liaison = user_with_role(Role.LIAISON, tree.district)
    verdict_url = f"/followup/rechecks/{first.pk}/verdict/"
    client.force_login(office)  # positive control
    assert client.get(f"/followup/{follow_up.pk}/rechecks/").status_code == 200
    assert client.get(f"/followup/from/{earlier.pk}/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"/followup/{follow_up.pk}/rechecks/").status_code == 404
    assert client.get(f"/followup/from/{earlier.pk}/").status_code == 404
    assert client.post(verdict_url, {"verdict": "rectified", "note": "x"}).status_code == 404
    client.force_login(liaison)
    page = client.get(f"/followup/{follow_up.pk}/rechecks/")
    assert page.status_code == 200 and b"data-testid=\"verdict-form\"" not in page.content
    assert client.get(f"/followup/from/{earlier.pk}/").status_code == 404
    assert client.post(verdict_url, {"verdict": "rectified", "note": "x"}).status_code == 404
    first.refresh_from_db()
    assert first.status == ReCheckStatus.PENDING


def test_verdicts_through_the_page_and_the_counts(earlier, office, client):
    follow_up = _follow_up(earlier, office)
    rows = {r.problem.title: r for r in ReCheck.objects.filter(inspection=follow_up)}
    client.force_login(office)
    for title, verdict in [("问题1", "rectified"), ("问题2", "rebound"), ("问题3", "not_rectified")]:
        client.post(f"/followup/rechecks/{rows[title].pk}/verdict/", {"verdict": verdict, "note": "复查情况"})
    page = client.get(f"/followup/{follow_up.pk}/rechecks/")
    counts = page.context["counts"]
    assert (counts.pending, counts.rectified, counts.not_rectified, counts.rebound) == (0, 1, 1, 1)
    assert page.context["earlier_rebounds"] == 1


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len([q for q in ctx.captured_queries if not q["sql"].lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))])


def test_the_recheck_page_reads_a_fixed_number_of_queries(tree, office, client):
    from tests.factories import dated_inspection, feedback_with_problems

    def follow_up_of(count):
        inspection = dated_inspection(tree, title=f"对思明区的巡察{count}", feedback_on=date(2021, 6, 25))
        feedback_with_problems(inspection, count, organisation=tree.district)
        made = domain.create_follow_up(inspection, by=office)
        for n, recheck in enumerate(ReCheck.objects.filter(inspection=made)):
            if n % 2 == 0:
                domain.record_verdict(recheck, by=office, verdict=Verdict.NOT_RECTIFIED, note="未落实")
        return made

    one, three = follow_up_of(1), follow_up_of(3)
    client.force_login(office)
    _page_queries(client, f"/followup/{one.pk}/rechecks/")
    assert _page_queries(client, f"/followup/{one.pk}/rechecks/") == _page_queries(
        client, f"/followup/{three.pk}/rechecks/"
    )


def test_the_earlier_inspection_offers_the_step_and_lists_its_follow_ups(earlier, office, client):
    client.force_login(office)
    page = client.get(f"/inspections/{earlier.pk}/")
    assert b'data-testid="start-follow-up"' in page.content
    follow_up = _follow_up(earlier, office)
    page = client.get(f"/inspections/{earlier.pk}/")
    assert follow_up.title in page.content.decode()



def test_rectified_with_a_file_alone_keeps_the_file_as_evidence(earlier, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    follow_up = _follow_up(earlier, office)
    first = ReCheck.objects.get(inspection=follow_up, problem__title="问题1")
    upload = SimpleUploadedFile("复查记录.pdf", b"%PDF-1.4\n% re-check record\n", content_type="application/pdf")
    domain.record_verdict(first, by=office, verdict=Verdict.RECTIFIED, uploads=[upload])
    first.refresh_from_db()
    assert first.verdict == Verdict.RECTIFIED
    assert [f.name for f in first.evidence.all()] == ["复查记录.pdf"]


def test_the_api_starts_a_follow_up_and_records_a_rebound_as_the_page_does(earlier, office, tree, client):
    from tests.api_client import bearer, post

    auth = bearer(office)
    started = post(client, f"/inspections/{earlier.pk}/create_follow_up", auth, {"entry_on": "2024-03-01"})
    assert started.status_code == 200, started.content
    follow_up = earlier.follow_ups.get()
    second = ReCheck.objects.get(inspection=follow_up, problem__title="问题2")
    liaison = user_with_role(Role.LIAISON, tree.district)
    url = f"/api/v1/rechecks/{second.pk}/record_verdict"
    refused = client.post(url, {"verdict": "rebound", "note": "再次出现"}, **bearer(liaison))
    assert refused.status_code in (403, 404) and not Rebound.objects.exists()
    answer = client.post(url, {"verdict": "rebound", "note": "再次出现"}, **auth)
    assert answer.status_code == 200, answer.content
    assert answer.json()["verdict"] == "rebound" and answer.json()["rebound_id"] == Rebound.objects.get().pk


def test_problems_linked_to_a_recheck_are_not_offered_for_deletion(earlier, office):
    from xuncha.findings.tree import deletion_refusal

    follow_up = _follow_up(earlier, office)
    third = ReCheck.objects.get(inspection=follow_up, problem__title="问题3")
    domain.record_verdict(third, by=office, verdict=Verdict.NOT_RECTIFIED, note="未落实")
    third.refresh_from_db()
    assert deletion_refusal(third.new_problem) is not None
    assert deletion_refusal(third.problem) is not None


def test_a_rebound_verdict_moves_the_evaluations_rebound_metric(earlier, office, tree):
    from decimal import Decimal

    from xuncha.evaluation.metrics import REGISTRY

    def reading():
        return REGISTRY["rebounds"].fn(tree.district, inspection=earlier, today=timezone.localdate())

    assert reading().value == Decimal(0)
    follow_up = _follow_up(earlier, office)
    second = ReCheck.objects.get(inspection=follow_up, problem__title="问题2")
    domain.record_verdict(second, by=office, verdict=Verdict.REBOUND, note="问题再次出现")
    after = reading()
    assert after.value == Decimal(1) and len(after.rows) == 1
