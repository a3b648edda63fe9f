"""Seed 004's numbers entered as data give seed 004's figures, computed from rows."""

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import OrganisationFactory, dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.clues.figures import clue_figures, people_handled, petition_figures
from xuncha.clues.models import Clue, CluePerson
from xuncha.demo.casework import enter_seed_004_casework
from xuncha.orgs.enums import OrgKind
from xuncha.petitions.models import Petition

pytestmark = pytest.mark.django_db


def test_seed_004_figures_from_rows(tree):
    inspection = dated_inspection(tree)
    commission = OrganisationFactory(parent=tree.city, name="市纪委监委", kind=OrgKind.DISCIPLINE_COMMISSION)
    enter_seed_004_casework(
        inspection,
        office=user_with_role(Role.OFFICE, tree.city),
        second_signer=user_with_role(Role.OFFICE, tree.city),
        reviewer=user_with_role(Role.DISCIPLINE_REVIEWER, commission),
        receiving_body=commission,
        start=date(2021, 7, 1),
    )
    people = people_handled(CluePerson.objects.filter(clue__inspection=inspection))
    assert people.total == 21
    assert {c.key: c.count for c in people.by_disposition} == {
        "case_filed": 6,
        "talk_reminder": 1,
        "criticism": 6,
        "ordered_review": 2,
        "admonishment": 6,
    }
    assert {c.key: c.count for c in people.by_rank} == {"division": 10, "section": 5, "soe_middle": 6}
    assert {c.key: c.count for c in people.by_form} == {"1": 15, "4": 6}
    clues = clue_figures(Clue.objects.filter(inspection=inspection))
    assert (clues.concluded, clues.received, clues.conclusion_rate) == (43, 46, Decimal("93.48"))
    petitions = petition_figures(Petition.objects.filter(inspection=inspection))
    assert (petitions.concluded, petitions.in_progress, petitions.received) == (63, 2, 65)
