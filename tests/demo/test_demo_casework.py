"""Seed 004's casework in the demo sits on the provincial 巡视 it belongs to (省委巡视一组 on
湖里区委, feedback 2021-06-25), not on the city's 2020 inspection of 湖里区: 6 clues transferred
and 6 concluded, 65 petitions (63 + 2), 21 people (处级10, 科级5, 国企中层及以上6; 立案6 beside
谈话提醒1 + 批评教育6 + 责令检查2 + 诫勉6). The team leader who countersigned the clues is a
closed account."""

from datetime import date
from decimal import Decimal

import pytest

from tests.demo_world import demo_world  # noqa: F401  (the fixture)
from xuncha.clues.figures import clue_figures, people_handled, petition_figures
from xuncha.clues.models import Clue, ClueSignature
from xuncha.demo.casework import PROVINCIAL_TITLE, TEAM_LEADER
from xuncha.inspections.models import Inspection
from xuncha.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def huli(demo_world):  # noqa: F811
    return Inspection.objects.get(title=PROVINCIAL_TITLE)


def test_the_casework_belongs_to_the_provincial_inspection(huli):
    assert huli.feedback_on == date(2021, 6, 25) and huli.words.inspection == "巡视"
    assert huli.kind_label == "常规巡视"
    city_huli = Inspection.objects.get(title="对中共厦门市湖里区委员会的常规巡察")
    assert not city_huli.clues.exists() and not Petition.objects.filter(inspection=city_huli).exists()
    transfers = set(huli.clues.values_list("transferred_on", flat=True))
    assert min(transfers) > huli.feedback_on  # transferred as decided, after the feedback


def test_six_clues_transferred_and_concluded_and_65_petitions(huli):
    clues = clue_figures(Clue.objects.filter(inspection=huli))
    assert (clues.received, clues.transferred, clues.concluded) == (6, 6, 6)
    assert clues.conclusion_rate == Decimal("100.00")
    petitions = petition_figures(Petition.objects.filter(inspection=huli))
    assert (petitions.received, petitions.concluded, petitions.in_progress) == (65, 63, 2)


def test_21_people_by_rank_and_by_outcome_with_case_filed_beside_the_forms(huli):
    from xuncha.clues.models import CluePerson

    people = people_handled(CluePerson.objects.filter(clue__inspection=huli))
    assert (people.total, people.case_filed, people.awaiting_outcome) == (21, 6, 6)
    assert {c.key: c.count for c in people.by_rank} == {"division": 10, "section": 5, "soe_middle": 6}
    assert {c.key: c.count for c in people.by_disposition} == {
        "talk_reminder": 1,
        "criticism": 6,
        "ordered_review": 2,
        "admonishment": 6,
    }
    assert {c.key: c.count for c in people.by_form} == {"1": 15}


def test_the_provincial_team_leader_countersigned_and_is_a_closed_account(huli, demo_world):  # noqa: F811
    from xuncha.accounts.models import User

    leader = User.objects.get(username=TEAM_LEADER)
    assert not leader.is_active and TEAM_LEADER not in demo_world  # not one of the demo's accounts
    assert huli.team.filter(person=leader.person, role="leader").exists()
    signed = ClueSignature.objects.filter(clue__inspection=huli)
    assert set(signed.filter(signer=leader).values_list("clue", flat=True)) == set(
        huli.clues.values_list("pk", flat=True)
    )
    assert set(signed.exclude(signer=leader).values_list("signer__username", flat=True)) == {"office_province"}


def test_the_figures_page_shows_case_filed_beside_the_forms(huli, demo_world, client):  # noqa: F811
    client.force_login(demo_world["office_province"])
    page = client.get(f"/clues/figures/?inspection={huli.pk}").content.decode()
    assert 'data-testid="conclusion-rate">100.00%<' in page
    assert 'data-testid="people-handled"><a href="/clues/people/?inspection=' in page
    footer = page[page.index('data-testid="case-filed"') :]
    assert f'href="/clues/people/?case_filed=1&amp;inspection={huli.pk}">6<' in footer
