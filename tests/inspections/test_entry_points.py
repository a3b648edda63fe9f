"""「新建巡察」 on the inspection list and 「安排巡察」 beside each organisation not yet inspected:
shown only to who may plan the term, each leading to a form that creates the inspection."""

import re

import pytest

from tests.factories import make_term, user_with_role
from tests.links import dead_links
from xuncha.accounts.enums import Role
from xuncha.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def _once(page) -> str:
    return re.search(r'name="_once" value="([0-9a-f]{32})"', page.content.decode())[1]


def _create(client, url, target):
    form = client.get(url)
    assert form.status_code == 200
    posted = {
        "title": "对区委的常规巡察", "kind": "routine", "team_name": "市委第一巡察组",
        "targets": [target.pk], "_once": _once(form),
        "term": re.search(r'type="hidden" name="term" value="(\d+)"', form.content.decode())[1],  # as the page posts it
    }
    return client.post(url, posted)


def test_office_creates_an_inspection_from_the_list(tree, client):
    term = make_term(tree.city)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get("/inspections/").content.decode()
    assert 'data-testid="new-inspection"' in page and 'href="/inspections/new/"' in page
    created = _create(client, "/inspections/new/", tree.district)  # one term: its form at once
    inspection = Inspection.objects.get(title="对区委的常规巡察")
    assert created.status_code == 302 and inspection.term == term
    assert list(inspection.targets.values_list("organisation", flat=True)) == [tree.district.pk]


def test_new_inspection_asks_for_the_term_when_there_are_several(tree, client):
    make_term(tree.district, name="十二届区委")
    second = make_term(tree.district, name="十三届区委")
    make_term(tree.other_district, name="外区届次")  # another committee's: never offered
    client.force_login(user_with_role(Role.OFFICE, tree.district))
    page = client.get("/inspections/new/").content.decode()
    assert 'data-testid="choose"' in page and "十三届区委" in page and "外区届次" not in page
    assert _create(client, f"/inspections/new/?term={second.pk}", tree.street).status_code == 302
    assert Inspection.objects.get().term == second


@pytest.mark.parametrize("role", [Role.LEADERSHIP, Role.DISCIPLINE_REVIEWER, Role.TEAM_MEMBER])
def test_roles_that_do_not_plan_see_no_new_inspection(tree, client, role):
    make_term(tree.city)
    client.force_login(user_with_role(role, tree.city))
    assert 'data-testid="new-inspection"' not in client.get("/inspections/").content.decode()
    assert client.get("/inspections/new/").status_code == 404
    assert dead_links(client, "/inspections/") == {}


def test_arrange_an_inspection_from_the_not_yet_inspected(tree, client):
    term = make_term(tree.city)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    coverage = client.get(f"/plans/{term.pk}/coverage/").content.decode()
    link = f"/inspections/new/?term={term.pk}&amp;organisation={tree.street.pk}"
    assert link in coverage
    url = link.replace("&amp;", "&")
    form = client.get(url).content.decode()
    assert re.search(rf'<option value="{tree.street.pk}" selected>', form)  # preselected
    assert _create(client, url, tree.street).status_code == 302
    assert Inspection.objects.get().targets.get().organisation == tree.street
    assert dead_links(client, f"/plans/{term.pk}/coverage/") == {}


def test_leadership_reads_coverage_without_arranging(tree, client):
    term = make_term(tree.city)
    client.force_login(user_with_role(Role.LEADERSHIP, tree.city))
    page = client.get(f"/plans/{term.pk}/coverage/")
    assert page.status_code == 200 and tree.street.name in page.content.decode()  # positive control
    assert 'data-testid="arrange"' not in page.content.decode()
