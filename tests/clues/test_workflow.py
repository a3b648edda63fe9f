from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import OrganisationFactory, PersonFactory, UserFactory, dated_inspection, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.clues import domain
from xuncha.clues.enums import ClueStatus
from xuncha.orgs.enums import OrgKind
from xuncha.staffing.domain import assign_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tree):
    inspection = dated_inspection(tree)
    commission = OrganisationFactory(parent=tree.city, name="市纪委监委", kind=OrgKind.DISCIPLINE_COMMISSION)
    office = user_with_role(Role.OFFICE, tree.city)
    second_office = user_with_role(Role.OFFICE, tree.city)
    reviewer = user_with_role(Role.DISCIPLINE_REVIEWER, commission)
    clue = domain.create_clue(
        inspection,
        by=office,
        allegation="某处长违规收受礼金",
        source="petition",
        received_on=date(2021, 1, 20),
        persons=[{"name": "甲某", "rank": "division", "position": "处长"}],
    )
    return {
        "inspection": inspection,
        "commission": commission,
        "office": office,
        "second": second_office,
        "reviewer": reviewer,
        "clue": clue,
    }


def test_one_user_cannot_give_both_signatures(setup):
    clue = domain.sign_clue(setup["clue"], by=setup["office"])
    with pytest.raises(ValidationError, match="必须由另一人"):
        domain.sign_clue(clue, by=setup["office"])
    assert clue.signatures.count() == 1 and clue.status == ClueStatus.RECEIVED


def test_transfer_before_dual_signature_is_refused(setup):
    domain.sign_clue(setup["clue"], by=setup["office"])
    with pytest.raises(ValidationError, match="两人签字"):
        domain.transfer_clue(
            setup["clue"],
            by=setup["office"],
            receiving_body=setup["commission"],
            receiving_kind="discipline",
            on=date(2021, 2, 1),
        )
    setup["clue"].refresh_from_db()
    assert setup["clue"].status == ClueStatus.RECEIVED and setup["clue"].transferred_on is None


def test_full_workflow_with_team_leader_signature(tree, setup):
    leader_person = PersonFactory(organisation=tree.city)
    leader = UserFactory(organisation=tree.city, person=leader_person)
    grant_role(by=None, grantee=leader, role=Role.TEAM_MEMBER, organisation=tree.city)
    assign_member(setup["inspection"], by=None, person=leader_person, role="leader")
    clue = domain.sign_clue(setup["clue"], by=leader)
    clue = domain.sign_clue(clue, by=setup["office"])
    assert clue.status == ClueStatus.DUAL_SIGNED
    with pytest.raises(PermissionDenied):
        domain.transfer_clue(
            clue, by=leader, receiving_body=setup["commission"], receiving_kind="discipline", on=date(2021, 2, 1)
        )
    clue = domain.transfer_clue(
        clue, by=setup["office"], receiving_body=setup["commission"], receiving_kind="discipline", on=date(2021, 2, 1)
    )
    assert clue.report_due_on == date(2021, 5, 1)
    with pytest.raises(PermissionDenied):
        domain.acknowledge_receipt(clue, by=setup["office"], on=date(2021, 2, 2))
    clue = domain.acknowledge_receipt(clue, by=setup["reviewer"], on=date(2021, 2, 2))
    with pytest.raises(ValidationError):
        domain.conclude_clue(clue, by=setup["reviewer"], on=date(2021, 3, 1), conclusion="", dispositions={})
    clue = domain.record_handling(clue, by=setup["reviewer"], method="preliminary", note="初核")
    person = clue.persons.get()
    clue = domain.conclude_clue(
        clue, by=setup["reviewer"], on=date(2021, 4, 1), conclusion="属实", dispositions={person.pk: "admonishment"}
    )
    assert clue.status == ClueStatus.CONCLUDED and clue.persons.get().form == 1
    domain.report_back(clue, by=setup["reviewer"], on=date(2021, 4, 10))
    actions = list(
        AuditEvent.objects.filter(object_id=str(clue.pk), object_type="clues.clue")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "clues.clue.received",
        "clues.clue.signed",
        "clues.clue.signed",
        "clues.clue.dual_signed",
        "clues.clue.transferred",
        "clues.clue.acknowledged",
        "clues.clue.handling_recorded",
        "clues.clue.concluded",
        "clues.clue.reported_back",
    ]


@pytest.mark.parametrize("role", [Role.LIAISON, Role.DISCIPLINE_REVIEWER, Role.LEADERSHIP, Role.TEAM_MEMBER])
def test_unauthorised_users_cannot_sign(tree, setup, role):
    with pytest.raises(PermissionDenied):
        domain.sign_clue(setup["clue"], by=user_with_role(role, tree.city))


def test_clue_needs_a_person_and_an_allegation(setup):
    with pytest.raises(ValidationError):
        domain.create_clue(
            setup["inspection"], by=None, allegation="x", source="talk", received_on=date(2021, 1, 1), persons=[]
        )
    with pytest.raises(ValidationError):
        domain.create_clue(
            setup["inspection"],
            by=None,
            allegation=" ",
            source="talk",
            received_on=date(2021, 1, 1),
            persons=[{"name": "乙"}],
        )
