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


def _entries(user):
    from xuncha.accounts.permissions import roles_of
    from xuncha.web.navigation import menu

    return [(str(g.label), [(str(e.label), e.url) for e in g.entries]) for g in menu(user, frozenset(roles_of(user)))]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_the_menu_depends_on_what_its_key_names_only(role, tree):
    """`sidebar` keeps one rendering per `menu_key` (issue 19): two users with the same key must
    be shown the same entries whatever their scope, or the cache would show one user another's
    menu. The same role at the top of the tree and at its bottom gives the same key."""
    from xuncha.web.navigation import menu_key

    near, far = user_with_role(role, tree.city), user_with_role(role, tree.community)
    assert menu_key(near) == menu_key(far)
    assert _entries(near) == _entries(far) and _entries(near)


def test_a_grant_limited_to_one_inspection_has_its_own_menu(tree):
    from tests.factories import make_inspection, make_term
    from xuncha.accounts.domain import grant_role
    from xuncha.web.navigation import menu_key

    inspection = make_inspection(make_term(tree.city), [tree.district])
    limited, whole = UserFactory(), user_with_role(Role.TEAM_MEMBER, tree.city)
    grant_role(by=None, grantee=limited, role=Role.TEAM_MEMBER, organisation=tree.city, inspection=inspection)
    assert menu_key(limited) != menu_key(whole)
    for user in (limited, whole):
        client = Client()
        client.force_login(user)
        for url in _sidebar_links(client.get("/").content.decode()):
            assert client.get(url).status_code == 200, url


def test_the_kept_sidebar_is_the_one_rendered_afresh(tree):
    """What `sidebar` keeps is what the menu gives now: the same links for a second user with
    the same roles, the active entry following the page, and the language of the page."""
    from django.utils import translation

    from xuncha.web import navigation

    first, second = user_with_role(Role.OFFICE, tree.city), user_with_role(Role.OFFICE, tree.district)
    navigation._SIDEBARS.clear()
    navigation._MENUS.clear()
    with translation.override("zh-hans"):
        html = navigation.sidebar(first, "/clues/12/")
        assert navigation.sidebar(second, "/clues/12/") is html  # kept, not rendered again
        urls = [url for _label, entries in _entries(first) for url in entries]
        assert [url for _label, url in urls] == [
            link for link in __import__("re").findall(r'href="([^"]+)"', html) if link != "/"
        ]
        assert 'href="/clues/" aria-current="page"' in html and html.count("aria-current") == 1
        assert 'href="/" aria-current="page"' in navigation.sidebar(first, "/")
        assert "线索" in html
    with translation.override("en"):
        english = navigation.sidebar(first, "/clues/12/")
        assert "Clues" in english and "线索" not in english
