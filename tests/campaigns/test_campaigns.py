"""Campaigns (联动巡察): inspections of a city and its districts grouped and counted together;
the lead committee's office keeps the campaign, a district office reads its own share only, and
every combined figure drills down to the ledger's rows."""

from datetime import date

import pytest

from tests.factories import feedback_with_problems, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.campaigns.domain import add_inspection, create_campaign
from xuncha.campaigns.figures import campaign_figures
from xuncha.campaigns.models import CampaignInspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    city_term = make_term(tree.city)
    district_term = make_term(tree.district, name="区委本届")
    city_inspection = make_inspection(
        city_term, [tree.other_district], entry_on=date(2021, 3, 1), exit_on=date(2021, 4, 30), title="市级专项巡察"
    )
    district_inspection = make_inspection(
        district_term, [tree.street], entry_on=date(2021, 3, 1), exit_on=date(2021, 4, 30), title="区级专项巡察",
        team_name="区委第一巡察组",
    )
    feedback_with_problems(city_inspection, 3, organisation=tree.other_district)
    feedback_with_problems(district_inspection, 2, organisation=tree.street)
    office = user_with_role(Role.OFFICE, tree.city)
    campaign = create_campaign(by=office, owner=tree.city, name="市区联动专项巡察", year=2021, theme="国有资产")
    add_inspection(campaign, by=office, inspection=city_inspection)
    add_inspection(campaign, by=office, inspection=district_inspection)
    return {"campaign": campaign, "office": office, "city": city_inspection, "district": district_inspection}


def test_the_combined_figures_are_counted_from_both_levels(tree, world):
    figures = campaign_figures(world["campaign"], world["office"], today=date(2021, 6, 1))
    assert [i.title for i in figures.inspections] == ["市级专项巡察", "区级专项巡察"]
    assert figures.rectification.problems == 5 and figures.organisations == 2
    assert {s.committee.name: s.problems for s in figures.shares} == {tree.city.name: 3, tree.district.name: 2}


def test_a_district_office_reads_its_own_share_only(tree, world, client):
    district_office = user_with_role(Role.OFFICE, tree.district)
    figures = campaign_figures(world["campaign"], district_office, today=date(2021, 6, 1))
    assert [i.title for i in figures.inspections] == ["区级专项巡察"] and figures.rectification.problems == 2
    client.force_login(district_office)
    page = client.get(f"/campaigns/{world['campaign'].pk}/").content.decode()
    assert "区级专项巡察" in page and "市级专项巡察" not in page
    assert 'data-testid="campaign-add"' not in page  # it reads, the city's office keeps
    # an office of another branch with no inspection in it does not see the campaign
    client.force_login(user_with_role(Role.OFFICE, tree.other_street))
    assert client.get(f"/campaigns/{world['campaign'].pk}/").status_code == 404
    client.force_login(user_with_role(Role.LIAISON, tree.street))
    assert client.get("/campaigns/").status_code == 404
    assert client.get(f"/campaigns/{world['campaign'].pk}/").status_code == 404


def test_a_figure_drills_down_to_the_same_rows(tree, world, client):
    from tests.factories import approved_plan

    inside, _plan, measures = approved_plan(tree, 2)  # an inspection of 思明区 with two measures
    approved_plan(tree, 3)  # and another, outside the campaign
    client.force_login(world["office"])
    campaign = world["campaign"]
    add_inspection(campaign, by=world["office"], inspection=inside)
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert f"/rectification/figures/?campaign={campaign.pk}" in page
    figures = client.get(f"/rectification/figures/?campaign={campaign.pk}").content.decode()
    assert 'data-testid="completion-rate"' in figures
    ledger = client.get(f"/api/v1/measures?campaign={campaign.pk}", **_bearer(world["office"])).json()
    assert sorted(m["id"] for m in ledger["items"]) == sorted(m.pk for m in measures)  # only the campaign's
    assert campaign_figures(campaign, world["office"], today=date(2021, 7, 1)).rectification.measures == 2
    assert client.get(f"/ledger/?campaign={campaign.pk}").status_code == 200


def _bearer(user):
    from tests.api_client import bearer

    return bearer(user)


def test_only_own_or_lower_inspections_join_and_taking_out_needs_a_reason(tree, world, client):
    campaign = world["campaign"]
    province_term = make_term(tree.city, name="另一届")
    other = make_inspection(province_term, [tree.other_street], title="另一次")
    client.force_login(world["office"])
    # the page adds one it may see; twice is refused
    client.post(f"/campaigns/{campaign.pk}/inspections/add/", {"inspection": other.pk})
    assert CampaignInspection.objects.active().filter(campaign=campaign).count() == 3
    with pytest.raises(Exception):  # noqa: B017
        add_inspection(campaign, by=world["office"], inspection=other)
    # a district's own campaign cannot take the city's inspection
    district_office = user_with_role(Role.OFFICE, tree.district)
    district_campaign = create_campaign(by=district_office, owner=tree.district, name="区内联动", year=2021)
    with pytest.raises(Exception, match="中共厦门市思明区委员会"):
        add_inspection(district_campaign, by=district_office, inspection=world["city"])
    link = CampaignInspection.objects.get(campaign=campaign, inspection=other)
    client.post(f"/campaigns/inspections/{link.pk}/remove/", {"reason": ""})
    assert not CampaignInspection.objects.get(pk=link.pk).is_archived
    client.post(f"/campaigns/inspections/{link.pk}/remove/", {"reason": "误加"})
    assert CampaignInspection.objects.get(pk=link.pk).archived_reason == "误加"


def test_the_api_answers_the_figures(world, client):
    campaign = world["campaign"]
    answer = client.get(f"/api/v1/campaigns/{campaign.pk}", **_bearer(world["office"])).json()
    assert answer["problems"] == 5 and sorted(answer["inspections"]) == sorted([world["city"].pk, world["district"].pk])
    assert "add_inspection" in answer["actions"]
