"""Joint review (三方联审) done properly (issue 18): the office's setting per term and inspection
kind decides whether a plan, or a measure's sign-off, goes to the discipline commission and the
organisation department; each body approves or returns with a reason; the inspected side cannot
switch it off; the reviewers find what awaits their decision on their workbench."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.api_client import bearer, post
from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import roles_of
from xuncha.inspections.enums import InspectionKind
from xuncha.plans.domain import set_joint_review
from xuncha.rectification import domain, jointreview
from xuncha.rectification.enums import JointDecision, MeasureStatus, PlanStatus, SignOff
from xuncha.rectification.models import JointReviewDecision, Measure, Plan, SignOffEvent
from xuncha.supervision.models import Notification
from xuncha.workbench import queues
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return {
        "office": user_with_role(Role.OFFICE, tree.city),
        "discipline": user_with_role(Role.DISCIPLINE_REVIEWER, tree.city),
        "organisation": user_with_role(Role.ORGANISATION_REVIEWER, tree.city),
        "liaison": user_with_role(Role.LIAISON, tree.district),
        "unit": user_with_role(Role.RESPONSIBLE_UNIT, tree.community),
        # a reviewer of another committee (the district's own discipline commission)
        "district_discipline": user_with_role(Role.DISCIPLINE_REVIEWER, tree.district),
    }


def _plan(tree, *, kind=InspectionKind.ROUTINE, plans=None, sign_offs=None, inspection=None):
    """A plan of tree.district with one measure per problem (two problems), not yet submitted,
    under the term's joint review setting (`plans`, `sign_offs`: None keeps the default)."""
    if inspection is None:
        inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25), kind=kind)
        term = inspection.term
        set_joint_review(
            term,
            by=None,
            plans=term.joint_review_plans if plans is None else plans,
            sign_offs=term.joint_review_sign_offs if sign_offs is None else sign_offs,
        )
    problems = feedback_with_problems(inspection, 2, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    for problem in problems:
        fields = complete_measure_fields(tree.street)
        domain.add_measure(plan, by=None, problems=[problem], units=[tree.community], **fields)
    return plan


def _offered(user, obj) -> set[str]:
    model = f"{obj._meta.app_label}.{obj._meta.object_name}"
    return set(actions.offered(user, obj, model))


def _fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def _todos(user, key) -> list:
    return [t.obj for t in queues.items(queues.QUEUES[key], user).todos]


def test_the_default_sends_plans_of_every_kind_to_joint_review_and_sign_offs_not(tree):
    inspection = dated_inspection(tree)
    assert inspection.term.joint_review_plans == list(InspectionKind.values)
    assert inspection.term.joint_review_sign_offs == []
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    assert plan.joint_review


def test_a_plan_under_joint_review_waits_for_both_bodies_then_the_office(tree, people):
    plan = domain.submit_plan(_plan(tree), by=people["liaison"])
    assert plan.joint_review
    assert _offered(people["office"], plan) == {"return"}  # not approve: nobody has decided
    assert _offered(people["discipline"], plan) == {"sign", "return_joint"}
    assert _offered(people["organisation"], plan) == {"sign", "return_joint"}
    assert _offered(people["district_discipline"], plan) == set()  # not the term's committee
    assert _offered(people["liaison"], plan) == set()
    # each body finds it on its workbench, and it leaves once the body has decided
    assert plan in _todos(people["discipline"], "plan.review")
    actions.take("plan.sign", plan, by=people["discipline"])
    assert plan not in _todos(people["discipline"], "plan.review")
    assert plan in _todos(people["organisation"], "plan.review")
    assert _offered(people["discipline"], _fresh(plan)) == set()
    assert _offered(people["office"], _fresh(plan)) == {"return"}
    actions.take("plan.sign", _fresh(plan), by=people["organisation"])
    assert _offered(people["office"], _fresh(plan)) == {"approve", "return"}
    assert actions.take("plan.approve", _fresh(plan), by=people["office"]).status == PlanStatus.APPROVED
    assert [(d.body, d.decision, d.decided_by) for d in jointreview.decisions(plan)] == [
        ("discipline", JointDecision.APPROVED, people["discipline"]),
        ("organisation", JointDecision.APPROVED, people["organisation"]),
    ]


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reviewers_return_needs_a_reason_and_changes_nothing_without_one(tree, people, client, reason):
    plan = domain.submit_plan(_plan(tree), by=people["liaison"])
    Notification.objects.all().delete()
    with pytest.raises(ValidationError):
        actions.take("plan.return_joint", plan, by=people["discipline"], data={"reason": reason})
    client.force_login(people["discipline"])
    response = client.post(f"/rectification/plans/{plan.pk}/return_joint/", {"reason": reason}, follow=True)
    assert response.status_code == 200 and "说明退回理由" in response.content.decode()
    stored = _fresh(plan)
    assert stored.status == PlanStatus.SUBMITTED and stored.return_reason == "" and stored.version == plan.version
    assert not JointReviewDecision.objects.exists() and not Notification.objects.exists()
    # through the API too: refused, nothing stored
    response = post(client, f"/api/v1/plans/{plan.pk}/return_joint", bearer(people["discipline"]), {"reason": reason})
    assert response.status_code == 400
    assert _fresh(plan).status == PlanStatus.SUBMITTED and not JointReviewDecision.objects.exists()


def test_a_reviewers_return_sends_the_plan_back_with_its_reason_and_tells_the_liaison(tree, people, client):
    plan = domain.submit_plan(_plan(tree), by=people["liaison"])
    actions.take("plan.sign", plan, by=people["discipline"])
    Notification.objects.all().delete()
    actions.take("plan.return_joint", _fresh(plan), by=people["organisation"], data={"reason": "整改时限过长"})
    stored = _fresh(plan)
    assert stored.status == PlanStatus.RETURNED and stored.return_reason == "整改时限过长"
    assert Notification.objects.filter(user=people["liaison"], url=f"/rectification/plans/{plan.pk}/").exists()
    assert not Notification.objects.filter(user=people["organisation"]).exists()  # never the one who acted
    # the round ended: both decisions kept, superseded; the next submission is reviewed afresh
    assert set(JointReviewDecision.objects.values_list("body", "decision")) == {
        ("discipline", "approved"),
        ("organisation", "returned"),
    }
    assert not JointReviewDecision.objects.filter(superseded_at__isnull=True).exists()
    assert _offered(people["liaison"], stored) >= {"submit", "add_measure"}
    resubmitted = actions.take("plan.submit", stored, by=people["liaison"])
    assert jointreview.pending_bodies(resubmitted) == {"discipline", "organisation"}
    # the record page shows each decision with its body, person, reason and date
    client.force_login(people["office"])
    page = client.get(f"/rectification/plans/{plan.pk}/").content.decode()
    assert 'data-testid="joint-decisions"' in page
    for text in ("纪委监委", "组织部", "整改时限过长", "已退回", "同意", str(people["organisation"])):
        assert text in page, text
    assert "待提出联审意见" in page


def test_the_liaison_cannot_switch_joint_review_off(tree, people, client):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    feedback_with_problems(inspection, 1, organisation=tree.district)
    client.force_login(people["liaison"])
    overview = client.get(f"/rectification/inspection/{inspection.pk}/").content.decode()
    assert "joint_review" not in overview  # no box to untick
    client.post(f"/rectification/inspection/{inspection.pk}/start/", {"organisation": tree.district.pk,
                                                                         "joint_review": ""})
    plan = Plan.objects.get()
    assert plan.joint_review
    # the API takes no such choice either
    response = post(client, f"/api/v1/inspections/{inspection.pk}/plans?organisation={tree.district.pk}"
                    "&joint_review=false", bearer(people["liaison"]))
    assert response.status_code in {201, 400, 422}
    assert all(Plan.objects.values_list("joint_review", flat=True))
    # a flag changed behind the platform's back does not survive the submission
    Plan.objects.filter(pk=plan.pk).update(joint_review=False)
    domain.add_measure(_fresh(plan), by=None, problems=list(inspection.problems.all()),
                       **complete_measure_fields(tree.street))
    assert domain.submit_plan(_fresh(plan), by=people["liaison"]).joint_review
    # nor may the liaison change the term's setting
    term = inspection.term
    response = client.post(f"/plans/{term.pk}/joint-review/", {"joint_review_plans": []})
    assert response.status_code == 404
    term.refresh_from_db()
    assert term.joint_review_plans == list(InspectionKind.values)


def test_a_term_without_joint_review_for_a_kind_lets_the_office_decide_alone(tree, people):
    plan = domain.submit_plan(_plan(tree, plans=[InspectionKind.SPECIAL]), by=people["liaison"])
    assert not plan.joint_review
    assert _offered(people["office"], plan) == {"approve", "return"}
    assert _offered(people["discipline"], plan) == set() and _offered(people["organisation"], plan) == set()
    assert plan not in _todos(people["discipline"], "plan.review")
    with pytest.raises(PermissionDenied):
        jointreview.sign_plan(plan, by=people["discipline"])
    assert actions.take("plan.approve", plan, by=people["office"]).status == PlanStatus.APPROVED
    # the same term's special inspection: its plan goes to joint review
    special = dated_inspection(tree, feedback_on=date(2021, 6, 25), kind=InspectionKind.SPECIAL, theme="营商环境")
    special.term.joint_review_plans = [InspectionKind.SPECIAL]
    special.term.save(update_fields=["joint_review_plans"])
    assert domain.submit_plan(_plan(tree, inspection=special), by=people["liaison"]).joint_review


def test_a_changed_setting_applies_to_plans_not_yet_submitted_only(tree, people, client):
    draft = _plan(tree)
    submitted = domain.submit_plan(_plan(tree), by=people["liaison"])
    other_draft = Plan.objects.get(pk=draft.pk)
    assert draft.inspection.term_id != submitted.inspection.term_id  # each _plan has its term
    term = submitted.inspection.term
    client.force_login(people["office"])
    response = client.post(f"/plans/{term.pk}/joint-review/", {"joint_review_sign_offs": ["routine"]})
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.joint_review_plans == [] and term.joint_review_sign_offs == ["routine"]
    assert _fresh(submitted).joint_review  # under review: keeps the review it was sent to
    assert _fresh(other_draft).joint_review  # another term: untouched
    # the term's page says so, and a reviewer reads it without the form
    page = client.get(f"/plans/{term.pk}/").content.decode()
    assert 'data-testid="joint-review-setting"' in page and f'action="/plans/{term.pk}/joint-review/"' in page
    client.force_login(people["discipline"])
    page = client.get(f"/plans/{term.pk}/").content.decode()
    assert 'data-testid="joint-review-setting"' in page and "joint-review/" not in page
    assert client.post(f"/plans/{term.pk}/joint-review/", {}).status_code == 404


def test_the_term_form_sets_joint_review(tree, people, client):
    client.force_login(people["office"])
    form = client.get("/plans/new/").content.decode()
    assert form.count('name="joint_review_plans"') == len(InspectionKind.values)
    assert form.count('name="joint_review_sign_offs"') == len(InspectionKind.values)
    response = client.post("/plans/new/", {
        "name": "十三届市委", "owner": tree.city.pk, "starts_on": "2021-10-01", "ends_on": "2026-09-30",
        "plan_months": 2, "report_months": 6, "recusal_years": 5, "credits_escalated": "on",
        "required_points": ["target"], "joint_review_plans": ["routine", "special"],
        "joint_review_sign_offs": ["follow_up"],
    })
    assert response.status_code == 302
    from xuncha.plans.models import Term

    term = Term.objects.get(name="十三届市委")
    assert term.joint_review_plans == ["routine", "special"] and term.joint_review_sign_offs == ["follow_up"]


def _requested(tree, people, *, sign_offs):
    plan = _plan(tree, sign_offs=sign_offs)
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)  # recorded by the system (an import): its review is not ours
    measure = plan.measures.order_by("number").first()
    actions.take("measure.progress", measure, by=people["unit"], data={"text": "已完成", "status": "done"})
    return actions.take("measure.request_sign_off", _fresh(measure), by=people["unit"])


def test_sign_off_joint_review_when_configured(tree, people, client):
    measure = _requested(tree, people, sign_offs=[InspectionKind.ROUTINE])
    assert measure.joint_review and measure.sign_off == SignOff.REQUESTED
    assert "approve_sign_off" not in _offered(people["office"], measure)
    assert "return_sign_off" in _offered(people["office"], measure)
    assert _offered(people["discipline"], measure) >= {"sign_joint", "return_joint"}
    assert measure in _todos(people["discipline"], "measure.sign_off")
    actions.take("measure.sign_joint", measure, by=people["discipline"])
    assert measure not in _todos(people["discipline"], "measure.sign_off")
    # the organisation department returns it: back to work, the unit told, the reason kept
    Notification.objects.all().delete()
    with pytest.raises(ValidationError):
        actions.take("measure.return_joint", _fresh(measure), by=people["organisation"], data={"reason": " "})
    assert _fresh(measure).sign_off == SignOff.REQUESTED
    actions.take("measure.return_joint", _fresh(measure), by=people["organisation"], data={"reason": "佐证不足"})
    stored = _fresh(measure)
    assert stored.sign_off == SignOff.RETURNED and stored.status == MeasureStatus.IN_PROGRESS
    assert SignOffEvent.objects.filter(measure=measure, action="return", reason="佐证不足",
                                       by=people["organisation"]).exists()
    assert Notification.objects.filter(user=people["unit"], url=f"/rectification/measures/{measure.pk}/").exists()
    # asked again: a fresh round, both bodies, then the office
    actions.take("measure.progress", stored, by=people["unit"], data={"text": "补充佐证", "status": "done"})
    again = actions.take("measure.request_sign_off", _fresh(measure), by=people["unit"])
    assert jointreview.pending_bodies(again) == {"discipline", "organisation"}
    actions.take("measure.sign_joint", again, by=people["discipline"])
    actions.take("measure.sign_joint", _fresh(measure), by=people["organisation"])
    assert "approve_sign_off" in _offered(people["office"], _fresh(measure))
    assert actions.take("measure.approve_sign_off", _fresh(measure), by=people["office"]).sign_off == SignOff.APPROVED
    # the measure's page lists the decisions of both rounds
    client.force_login(people["liaison"])
    page = client.get(f"/rectification/measures/{measure.pk}/").content.decode()
    assert page.count("佐证不足") >= 2 and "（上一轮）" in page and "组织部" in page


def test_sign_offs_not_configured_stay_with_the_office(tree, people):
    measure = _requested(tree, people, sign_offs=[])
    assert not measure.joint_review
    assert {"approve_sign_off", "return_sign_off"} <= _offered(people["office"], measure)
    assert not {"sign_joint", "return_joint"} & _offered(people["discipline"], measure)
    assert measure not in _todos(people["discipline"], "measure.sign_off")
    assert actions.take("measure.approve_sign_off", measure, by=people["office"]).sign_off == SignOff.APPROVED


def test_the_api_offers_and_takes_the_joint_steps(tree, people, client):
    plan = domain.submit_plan(_plan(tree), by=people["liaison"])
    seen = client.get(f"/api/v1/plans/{plan.pk}", **bearer(people["office"])).json()
    assert seen["joint_review"] and seen["joint_pending"] == ["discipline", "organisation"]
    assert "approve" not in seen["actions"]
    assert post(client, f"/api/v1/plans/{plan.pk}/approve", bearer(people["office"])).status_code == 403
    mine = client.get(f"/api/v1/plans/{plan.pk}", **bearer(people["discipline"])).json()
    assert set(mine["actions"]) == {"sign", "return_joint"}
    assert post(client, f"/api/v1/plans/{plan.pk}/sign", bearer(people["discipline"])).status_code == 200
    returned = post(client, f"/api/v1/plans/{plan.pk}/return_joint", bearer(people["organisation"]),
                    {"reason": "目标不明确"})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert returned.json()["return_reason"] == "目标不明确"


def test_the_reviewers_workbench_lists_what_awaits_their_decision(tree, people):
    plan = domain.submit_plan(_plan(tree), by=people["liaison"])
    found = {q.queue.key: q for q in queues.for_user(people["discipline"], frozenset(roles_of(people["discipline"])))}
    (todo,) = found["plan.review"].todos
    assert todo.obj == plan and [a.name for a in todo.steps] == ["plan.sign", "plan.return_joint"]
    assert todo.url == f"/rectification/plans/{plan.pk}/#actions"


def test_measures_keep_their_decisions_when_the_plan_is_returned(tree, people):
    """A decision is never deleted: the office's own return ends the round the same way."""
    plan = domain.submit_plan(_plan(tree), by=people["liaison"])
    actions.take("plan.sign", plan, by=people["discipline"])
    actions.take("plan.return", _fresh(plan), by=people["office"], data={"reason": "请补充"})
    (decision,) = JointReviewDecision.objects.all()
    assert decision.superseded_at is not None and decision.decision == JointDecision.APPROVED
    assert Measure.objects.filter(plan=plan).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_signatures_and_lets_unsubmitted_plans_follow_the_term(tree):
    """Existing data: signatures become approvals of the round under way; a submitted plan keeps
    the review it was sent to; a draft whose liaison left the box unticked follows the term's
    setting (every kind, by default)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    reviewer = user_with_role(Role.DISCIPLINE_REVIEWER, tree.city)
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    before = [("rectification", "0007_term_tally_not_stated"), ("plans", "0003_term_credits_escalated")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldPlan = old.get_model("rectification", "Plan")
    submitted = OldPlan.objects.create(
        inspection_id=inspection.pk, organisation_id=tree.district.pk, status="submitted", joint_review=True
    )
    unticked = OldPlan.objects.create(
        inspection_id=inspection.pk, organisation_id=tree.other_district.pk, status="draft", joint_review=False
    )
    old.get_model("rectification", "PlanReviewSignature").objects.create(
        plan_id=submitted.pk, body="discipline", signer_id=reviewer.pk
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    (decision,) = JointReviewDecision.objects.all()
    assert (decision.plan_id, decision.body, decision.decision, decision.decided_by_id) == (
        submitted.pk, "discipline", JointDecision.APPROVED, reviewer.pk
    )
    assert jointreview.pending_bodies(Plan.objects.get(pk=submitted.pk)) == {"organisation"}
    assert Plan.objects.get(pk=unticked.pk).joint_review


@pytest.mark.parametrize("joint", [True, False])
def test_a_sign_off_request_tells_the_reviewers_only_under_joint_review(tree, people, joint):
    plan = _plan(tree, sign_offs=[InspectionKind.ROUTINE] if joint else [])
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    measure = plan.measures.order_by("number").first()
    actions.take("measure.progress", measure, by=people["unit"], data={"text": "已完成", "status": "done"})
    Notification.objects.all().delete()
    actions.take("measure.request_sign_off", _fresh(measure), by=people["unit"])
    told = set(Notification.objects.values_list("user", flat=True))
    reviewers = {people["discipline"].pk, people["organisation"].pk}
    assert people["office"].pk in told
    assert (reviewers <= told) if joint else not (reviewers & told)
    assert people["district_discipline"].pk not in told
