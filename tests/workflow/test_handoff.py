"""Hand-offs: a declared step that names who acts next notifies exactly those people, with a
link to the record and no confidential text; a rolled-back step tells nobody."""

from datetime import date

import pytest
from django.db import transaction

from tests.clues.test_workflow import setup  # noqa: F401  (the fixture)
from tests.factories import (
    OrganisationFactory,
    complete_measure_fields,
    dated_inspection,
    feedback_with_problems,
    user_with_role,
)
from xuncha.accounts.enums import Role
from xuncha.orgs.enums import OrgKind
from xuncha.plans.domain import set_joint_review
from xuncha.rectification import domain as rectification
from xuncha.supervision.models import Notification
from xuncha.workflow import actions, handoff

pytestmark = pytest.mark.django_db


def test_every_model_whose_steps_hand_off_has_a_page():
    handing_off = {a.model for a in actions.REGISTRY.values() if a.next_actor}
    assert handing_off and sorted(handing_off - set(handoff.PAGES)) == []


def _sign_twice(world):
    clue = world["clue"]
    actions.take("clue.sign", clue, by=world["office"])
    actions.take("clue.sign", clue, by=world["second"])
    return clue


def test_a_transferred_clue_tells_its_receiving_body_and_nobody_else(setup, tree):  # noqa: F811
    world = setup
    other_body = OrganisationFactory(parent=tree.city, name="市委组织部", kind=OrgKind.ORGANISATION_DEPARTMENT)
    organisation_reviewer = user_with_role(Role.ORGANISATION_REVIEWER, other_body)
    other_commission = OrganisationFactory(parent=tree.city, name="区纪委", kind=OrgKind.DISCIPLINE_COMMISSION)
    other_reviewer = user_with_role(Role.DISCIPLINE_REVIEWER, other_commission)
    clue = _sign_twice(world)
    Notification.objects.all().delete()
    actions.take(
        "clue.transfer", clue, by=world["office"],
        data={"receiving_body": world["commission"], "receiving_kind": "discipline", "on": date(2021, 2, 1)},
    )
    (note,) = Notification.objects.all()
    assert note.user == world["reviewer"] and note.url == f"/clues/{clue.pk}/"
    assert "移交" in note.title and clue.reference in note.title  # the clue's number, as people know it
    assert "礼金" not in note.title + note.body and "甲某" not in note.title + note.body  # no case text
    assert not Notification.objects.filter(user__in=[organisation_reviewer, other_reviewer, world["office"]]).exists()


def test_the_first_signature_tells_the_other_office_members_not_the_signer(setup):  # noqa: F811
    world = setup
    actions.take("clue.sign", world["clue"], by=world["office"])
    assert list(Notification.objects.values_list("user", flat=True)) == [world["second"].pk]


def test_a_rolled_back_step_tells_nobody(setup):  # noqa: F811
    with transaction.atomic():
        actions.take("clue.sign", setup["clue"], by=setup["office"])
        assert Notification.objects.count() == 1
        transaction.set_rollback(True)
    assert Notification.objects.count() == 0


def test_a_submitted_plan_reaches_its_office_and_an_approved_change_its_requester(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    office = user_with_role(Role.OFFICE, tree.city)
    liaison = user_with_role(Role.LIAISON, tree.district)
    unit = user_with_role(Role.RESPONSIBLE_UNIT, tree.community)
    elsewhere = user_with_role(Role.OFFICE, OrganisationFactory(name="另一市", parent=None))
    set_joint_review(inspection.term, by=None, plans=[], sign_offs=[])  # the office decides alone
    plan = rectification.start_plan(inspection, by=None, organisation=tree.district)
    measure = rectification.add_measure(
        plan, by=None, problems=[problem], units=[tree.community], **complete_measure_fields(tree.street)
    )
    actions.take("plan.submit", plan, by=liaison)
    (note,) = Notification.objects.all()
    assert note.user == office and note.url == f"/rectification/plans/{plan.pk}/"
    assert not Notification.objects.filter(user=elsewhere).exists()
    actions.take("plan.approve", plan, by=office)
    assert Notification.objects.filter(user=liaison, url=f"/rectification/plans/{plan.pk}/").count() == 1
    Notification.objects.all().delete()
    change = actions.take(
        "measure.request_change", measure, by=unit, data={"deadline": date(2030, 1, 31), "reason": "工程延期"}
    )
    assert Notification.objects.filter(user=office).count() == 1
    actions.take("change.approve", change, by=office)
    assert Notification.objects.filter(user=unit, url=f"/rectification/measures/{measure.pk}/").count() == 1


def test_a_petition_handed_to_a_unit_as_a_fix_tells_the_unit_of_the_fix_not_the_petition(tree):
    from tests.petitions.conftest import new_petition
    from tests.petitions.conftest import world as petition_world

    world = petition_world.__wrapped__(tree)
    petition = new_petition(world)
    unit = world["users"]["unit"]
    _petition, fix = actions.take(
        "petition.to_fix", petition, by=world["users"]["office"],
        data={"organisation": tree.street, "description": "请立即整改", "handed_over_on": date(2021, 1, 20),
              "deadline": date(2021, 2, 20)},
    )
    (note,) = Notification.objects.filter(user=unit)
    assert note.url == f"/petitions/fixes/{fix.pk}/" and f"#{fix.pk}" in note.title
    assert "王小明" not in note.title and "13800007777" not in note.title


def test_a_clue_transferred_to_the_organisation_department_tells_its_reviewer(setup, tree):  # noqa: F811
    world = setup
    department = OrganisationFactory(parent=tree.city, name="市委组织部", kind=OrgKind.ORGANISATION_DEPARTMENT)
    organisation_reviewer = user_with_role(Role.ORGANISATION_REVIEWER, department)
    clue = _sign_twice(world)
    Notification.objects.all().delete()
    actions.take(
        "clue.transfer", clue, by=world["office"],
        data={"receiving_body": department, "receiving_kind": "organisation", "on": date(2021, 2, 1)},
    )
    assert list(Notification.objects.values_list("user", flat=True)) == [organisation_reviewer.pk]


def test_a_hand_off_about_an_inspection_names_it_by_its_title(tree):
    from xuncha.workflow import handoff as handoffs

    inspection = dated_inspection(tree)
    assert handoffs.label(inspection) == inspection.title and "#" not in handoffs.label(inspection)


@pytest.mark.parametrize("joint", [True, False])
def test_a_submitted_plan_tells_the_joint_reviewers_only_under_joint_review(tree, joint):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    office = user_with_role(Role.OFFICE, tree.city)
    liaison = user_with_role(Role.LIAISON, tree.district)
    # joint reviewers hold their role on the committee that owns the term (rules.reviewer_body)
    reviewers = [user_with_role(role, tree.city) for role in (Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER)]
    if not joint:  # the term's setting, for this kind of inspection
        set_joint_review(inspection.term, by=None, plans=[], sign_offs=[])
    plan = rectification.start_plan(inspection, by=None, organisation=tree.district)
    rectification.add_measure(
        plan, by=None, problems=[problem], units=[tree.community], **complete_measure_fields(tree.street)
    )
    Notification.objects.all().delete()
    actions.take("plan.submit", plan, by=liaison)
    told = set(Notification.objects.values_list("user", flat=True))
    assert office.pk in told
    assert {r.pk for r in reviewers} <= told if joint else not told & {r.pk for r in reviewers}
