"""The sidebar: grouped by stage of work, each role sees only entries it may open, and every
entry it sees opens (no 404 from the menu)."""

import pytest
from django.test import Client

from tests.factories import UserFactory, user_with_role
from xuncha.accounts.enums import Role
from xuncha.web.navigation import MENU

pytestmark = pytest.mark.django_db

ROLES = [
    Role.OFFICE, Role.TEAM_MEMBER, Role.LIAISON, Role.RESPONSIBLE_UNIT, Role.DISCIPLINE_REVIEWER,
    Role.ORGANISATION_REVIEWER, Role.LEADERSHIP, Role.IDENTITY_READER, Role.SYSTEM_ADMIN,
    Role.SECURITY_ADMIN, Role.AUDITOR,
]


def _sidebar_links(page: str) -> list[str]:
    import re

    sidebar = page.split('data-testid="sidebar"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', sidebar)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_every_entry_a_role_sees_opens(role, tree):
    user = user_with_role(role, tree.city)
    client = Client()
    client.force_login(user)
    links = _sidebar_links(client.get("/").content.decode())
    assert links[0] == "/" and len(links) > 2  # the workbench, then at least the reference data
    for url in links:
        assert client.get(url).status_code == 200, url


def test_entries_are_only_shown_to_their_roles(tree):
    unit = user_with_role(Role.RESPONSIBLE_UNIT, tree.community)
    office = user_with_role(Role.OFFICE, tree.city)
    client = Client()
    client.force_login(office)
    office_links = set(_sidebar_links(client.get("/").content.decode()))
    client.force_login(unit)
    unit_links = set(_sidebar_links(client.get("/").content.decode()))
    assert "/clues/" in office_links and "/clues/" not in unit_links  # positive control, then the unit
    assert "/petitions/" not in unit_links and "/audit/" not in unit_links
    assert "/rectification/my-tasks/" in unit_links and "/rectification/my-tasks/" not in office_links


def test_a_user_without_roles_sees_reference_data_only(tree):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    links = _sidebar_links(client.get("/").content.decode())
    assert links == ["/", "/orgs/", "/people/"]


def test_groups_follow_the_stages_of_work():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert [str(g.label) for g in MENU] == ["计划", "巡察中", "整改", "督办", "统计", "基础数据", "系统"]
