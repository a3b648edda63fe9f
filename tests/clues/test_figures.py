"""Seed 004's casework entered as data gives seed 004's figures, computed from rows: on the
provincial inspection it belongs to, 6 clues transferred and 6 concluded, 21 people (立案6
beside the first form's 15), 65 petitions (63 + 2)."""

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import OrganisationFactory, PersonFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.clues.figures import clue_figures, people_handled, petition_figures
from xuncha.clues.models import Clue, CluePerson
from xuncha.demo.casework import enter_seed_004_casework
from xuncha.orgs.enums import OrgKind, OrgLevel
from xuncha.petitions.models import Petition
from xuncha.staffing.domain import assign_member

pytestmark = pytest.mark.django_db


def test_seed_004_figures_from_rows():
    province = OrganisationFactory(name="中共福建省委员会", level=OrgLevel.PROVINCE)
    city = OrganisationFactory(name="中共厦门市委员会", level=OrgLevel.CITY, parent=province)
    huli = OrganisationFactory(name="中共厦门市湖里区委员会", level=OrgLevel.DISTRICT, parent=city)
    commission = OrganisationFactory(parent=city, name="市纪委监委", kind=OrgKind.DISCIPLINE_COMMISSION)
    inspection = make_inspection(
        make_term(province, name="十届省委"),
        [huli],
        title="省委巡视一组对湖里区委的巡视",
        team_name="省委巡视一组",
        entry_on=date(2021, 3, 1),
        exit_on=date(2021, 4, 30),
        feedback_on=date(2021, 6, 25),
    )
    leader = user_with_role(Role.TEAM_MEMBER, province)
    leader.person = PersonFactory(organisation=province)
    leader.save(update_fields=["person"])
    assign_member(inspection, by=None, person=leader.person, role="leader")
    enter_seed_004_casework(
        inspection,
        office=user_with_role(Role.OFFICE, province),
        second_signer=leader,
        reviewer=user_with_role(Role.DISCIPLINE_REVIEWER, commission),
        receiving_body=commission,
        start=date(2021, 7, 1),
    )
    people = people_handled(CluePerson.objects.filter(clue__inspection=inspection))
    assert (people.total, people.case_filed, people.with_outcome) == (21, 6, 15)
    assert {c.key: c.count for c in people.by_disposition} == {
        "talk_reminder": 1,
        "criticism": 6,
        "ordered_review": 2,
        "admonishment": 6,
    }
    assert {c.key: c.count for c in people.by_rank} == {"division": 10, "section": 5, "soe_middle": 6}
    assert {c.key: c.count for c in people.by_form} == {"1": 15}  # 立案 is counted beside the forms
    clues = clue_figures(Clue.objects.filter(inspection=inspection))
    assert (clues.concluded, clues.transferred, clues.conclusion_rate) == (6, 6, Decimal("100.00"))
    petitions = petition_figures(Petition.objects.filter(inspection=inspection))
    assert (petitions.concluded, petitions.in_progress, petitions.received) == (63, 2, 65)
