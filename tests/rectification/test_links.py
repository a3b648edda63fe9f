"""Rectification pages link only to pages that open for the user: the figures' status counts
drill down to the ledger's rows of that status, a unit's breadcrumbs on a measure page lead where
it may go, and the import buttons show only to who may import."""

import re
from datetime import date

import pytest

from tests.factories import (
    approved_plan,
    dated_inspection,
    user_with_role,
)
from tests.links import dead_links, links_on
from xuncha.accounts.enums import Role
from xuncha.rectification import domain
from xuncha.rectification.enums import MeasureStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(tree):
    inspection, plan, measures = approved_plan(tree, 3)
    domain.post_progress(measures[0], by=None, text="推进中", status=MeasureStatus.IN_PROGRESS)
    return inspection, plan, measures


OVERSIGHT = [(Role.OFFICE, "city"), (Role.LEADERSHIP, "city"), (Role.DISCIPLINE_REVIEWER, "city")]


@pytest.mark.parametrize(("role", "scope"), OVERSIGHT)
def test_figures_status_counts_drill_down_to_the_ledger(tree, approved, client, role, scope):
    client.force_login(user_with_role(role, getattr(tree, scope)))
    page = client.get("/rectification/figures/").content.decode()
    assert "/rectification/my-tasks/" not in page
    table = page.split('data-testid="measures-by-status"')[1]
    drills = dict(re.findall(r'<a href="(/ledger/\?status=[a-z_]+)">(\d+)</a>', table.replace("&amp;", "&")))
    assert drills["/ledger/?status=in_progress"] == "1" and drills["/ledger/?status=not_started"] == "2"
    for href, count in drills.items():
        rows = client.get(href).content.decode().count('href="/rectification/measures/')
        assert rows == int(count), href  # the count is exactly the rows it opens


def test_figures_drill_down_keeps_the_inspection_filter(tree, approved, client):
    inspection, _plan, _measures = approved
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(f"/rectification/figures/?inspection={inspection.pk}").content.decode()
    assert f"/ledger/?inspection={inspection.pk}&amp;status=not_started" in page


def test_figures_by_level_show_counts_without_a_link_the_ledger_cannot_follow(tree, approved, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get("/rectification/figures/?level=district").content.decode()
    table = page.split('data-testid="measures-by-status"')[1]
    assert "/ledger/" not in table and "<td>2</td>" in table


READERS = [*OVERSIGHT, (Role.RESPONSIBLE_UNIT, "community"), (Role.LIAISON, "district")]


@pytest.mark.parametrize(("role", "scope"), READERS)
def test_measure_page_links_all_open(tree, approved, client, role, scope):
    _inspection, _plan, measures = approved
    client.force_login(user_with_role(role, getattr(tree, scope)))
    assert dead_links(client, f"/rectification/measures/{measures[0].pk}/") == {}


def test_unit_breadcrumbs_lead_to_its_tasks_not_the_board(tree, approved, client):
    inspection, plan, measures = approved
    client.force_login(user_with_role(Role.RESPONSIBLE_UNIT, tree.community))
    page = client.get(f"/rectification/measures/{measures[0].pk}/").content.decode()
    crumbs = page.split('data-testid="breadcrumbs"')[1].split("</ol>")[0]
    assert links_on(crumbs) == ["/rectification/my-tasks/"]
    assert inspection.title in crumbs and plan.organisation.name in crumbs  # still named, not linked


def test_office_breadcrumbs_lead_to_board_and_plan(tree, approved, client):
    inspection, plan, measures = approved
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(f"/rectification/measures/{measures[0].pk}/").content.decode()
    crumbs = page.split('data-testid="breadcrumbs"')[1].split("</ol>")[0]
    assert links_on(crumbs) == [f"/rectification/inspection/{inspection.pk}/board/", f"/rectification/plans/{plan.pk}/"]


@pytest.mark.parametrize(("role", "scope"), [(Role.LEADERSHIP, "city"), (Role.DISCIPLINE_REVIEWER, "city")])
def test_overview_hides_imports_from_read_only_oversight(tree, approved, client, role, scope):
    inspection, _plan, _measures = approved
    client.force_login(user_with_role(role, getattr(tree, scope)))
    page = client.get(f"/rectification/inspection/{inspection.pk}/").content.decode()
    assert 'data-testid="import-ledger"' not in page and f"/ledger/inspection/{inspection.pk}/import/" not in page
    assert f"/reports/inspection/{inspection.pk}/import/" not in page
    assert dead_links(client, f"/rectification/inspection/{inspection.pk}/") == {}


def test_overview_shows_the_ledger_import_to_the_office(tree, approved, client):
    inspection, _plan, _measures = approved
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(f"/rectification/inspection/{inspection.pk}/").content.decode()
    assert f"/ledger/inspection/{inspection.pk}/import/" in page
    assert client.get(f"/ledger/inspection/{inspection.pk}/import/").status_code == 200


def test_report_import_shows_to_the_office_before_any_plan(tree, client):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    url = f"/rectification/inspection/{inspection.pk}/"
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert f"/reports/inspection/{inspection.pk}/import/" in client.get(url).content.decode()
    assert client.get(f"/reports/inspection/{inspection.pk}/import/").status_code == 200


def test_ledger_rows_link_a_unit_only_to_its_measures(tree, approved, client):
    inspection, _plan, measures = approved
    client.force_login(user_with_role(Role.RESPONSIBLE_UNIT, tree.community))
    page = client.get("/ledger/").content.decode()
    assert f'href="/rectification/measures/{measures[0].pk}/"' in page  # positive control
    assert f"/rectification/inspection/{inspection.pk}/" not in page and "/rectification/problems/" not in page
    assert dead_links(client, "/ledger/") == {}


def test_ledger_rows_link_oversight_to_inspection_and_problems(tree, approved, client):
    inspection, _plan, _measures = approved
    client.force_login(user_with_role(Role.LEADERSHIP, tree.city))
    page = client.get("/ledger/").content.decode()
    assert f'href="/rectification/inspection/{inspection.pk}/"' in page and "/rectification/problems/" in page
