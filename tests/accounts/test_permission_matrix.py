"""For every role scoped at two depths of a four-level tree: lists, details, exports and the
API show exactly the rows in scope, and out-of-scope details answer 404."""

import io

import openpyxl
import pytest

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.people.rules import VIEWERS

pytestmark = pytest.mark.django_db

SCOPES = {"district": {"district", "street", "community"}, "street": {"street", "community"}}


def _xlsx_column(response, column=0):
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))[1:]
    return {row[column] for row in rows}


@pytest.fixture(params=[(role, scope) for role in Role for scope in SCOPES], ids=lambda p: f"{p[0].value}@{p[1]}")
def scoped(request, tree, client):
    role, scope = request.param
    user = user_with_role(role, getattr(tree, scope))
    client.force_login(user)
    return role, scope, user


def test_organisations_in_scope_only(scoped, tree, client):
    role, scope, _user = scoped
    expected = {getattr(tree, key) for key in SCOPES[scope]}
    listing = client.get("/orgs/list/").content.decode()
    api = client.get("/api/orgs?limit=100").json()
    exported = _xlsx_column(client.get("/orgs/export.xlsx"), column=2)  # after the row id
    tree_page = client.get("/orgs/").content.decode()
    for org in tree.orgs():
        visible = org in expected
        assert (f'href="/orgs/{org.pk}/"' in listing) is visible, (role, org)
        assert (org.name in exported) is visible, (role, org)
        assert client.get(f"/orgs/{org.pk}/").status_code == (200 if visible else 404), (role, org)
        assert client.get(f"/api/orgs/{org.pk}").status_code == (200 if visible else 404), (role, org)
    assert {row["id"] for row in api["items"]} == {o.pk for o in expected}
    assert f'href="/orgs/{getattr(tree, scope).pk}/"' in tree_page


def test_people_in_scope_only(scoped, tree, client):
    role, scope, _user = scoped
    allowed = role in VIEWERS
    expected = {tree.people[key] for key in SCOPES[scope]} if allowed else set()
    listing = client.get("/people/").content.decode()
    exported = _xlsx_column(client.get("/people/export.xlsx"), column=1)  # after the row id
    api = client.get("/api/people?limit=100").json()
    for person in tree.people.values():
        visible = person in expected
        assert (f'href="/people/{person.pk}/"' in listing) is visible, (role, person)
        assert (person.name in exported) is visible, (role, person)
        assert client.get(f"/people/{person.pk}/").status_code == (200 if visible else 404), (role, person)
        assert client.get(f"/api/people/{person.pk}").status_code == (200 if visible else 404), (role, person)
    assert {row["id"] for row in api["items"]} == {p.pk for p in expected}


def test_administration_pages_follow_separation_of_duties(scoped, client):
    role, _scope, _user = scoped
    audit = client.get("/audit/")
    grants = client.get("/accounts/grants/")
    users = client.get("/accounts/users/")
    new_grant = client.get("/accounts/grants/new/")
    new_user = client.get("/accounts/users/new/")
    assert audit.status_code == (200 if role == Role.AUDITOR else 404)
    assert client.get("/audit/export.xlsx").status_code == (200 if role == Role.AUDITOR else 404)
    assert grants.status_code == (200 if role in {Role.SECURITY_ADMIN, Role.AUDITOR} else 404)
    assert new_grant.status_code == (200 if role == Role.SECURITY_ADMIN else 404)
    assert users.status_code == (200 if role in {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN} else 404)
    assert new_user.status_code == (200 if role == Role.SYSTEM_ADMIN else 404)


def test_anonymous_sees_nothing(tree, client):
    for url in [
        "/",
        "/orgs/",
        "/orgs/list/",
        f"/orgs/{tree.city.pk}/",
        "/people/",
        "/orgs/export.xlsx",
        "/audit/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    assert client.get("/api/orgs").status_code in (401, 302)


def test_user_without_grants_sees_nothing(tree, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="nobody", organisation=tree.city))
    assert client.get(f"/orgs/{tree.city.pk}/").status_code == 404
    assert client.get("/api/orgs").json()["items"] == []
    assert _xlsx_column(client.get("/people/export.xlsx")) == set()
