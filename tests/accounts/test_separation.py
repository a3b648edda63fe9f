"""三员分立 and grant scoping, as the review found them wanting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import PASSWORD, PersonFactory, UserFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.domain import change_own_password, confirm_account, grant_role, reset_password
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_password_reset_by_system_admin_suspends_roles_until_confirmed(tree, client):
    term = make_term(tree.city)
    today = timezone.localdate()
    inspection = make_inspection(term, [tree.district], entry_on=today - timedelta(days=3))
    office = user_with_role(Role.OFFICE, tree.city, username="office1")
    sysadmin = user_with_role(Role.SYSTEM_ADMIN, tree.city)
    reset_password(office, by=sysadmin, new_password="Known-by-admin-1")
    client.force_login(office)  # as the administrator would, knowing the password
    assert client.get(f"/inspections/{inspection.pk}/")["Location"] == "/me/password/"  # nothing but that page
    change_own_password(office, new_password="Holder-own-pw-2")
    client.force_login(office)  # the holder's own password now, but the roles wait for the confirmation
    assert client.get(f"/inspections/{inspection.pk}/").status_code == 404
    assert 'data-testid="org-count">0<' in client.get("/").content.decode()
    security = user_with_role(Role.SECURITY_ADMIN, tree.city)
    confirm_account(office, by=security)
    office.refresh_from_db()
    client.force_login(office)
    assert client.get(f"/inspections/{inspection.pk}/").status_code == 200
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"accounts.user.password_reset", "accounts.user.roles_restored"} <= actions


def test_grant_limited_to_one_inspection_gives_no_subtree(tree, client):
    term = make_term(tree.city)
    inspection = make_inspection(term, [tree.street])
    user = UserFactory(organisation=tree.city)
    grant_role(by=None, grantee=user, role=Role.TEAM_MEMBER, organisation=tree.city, inspection=inspection)
    client.force_login(user)
    assert client.get(f"/people/{tree.people['other_street'].pk}/").status_code == 404
    assert client.get("/api/people").json()["items"] == []
    assert client.get(f"/inspections/{inspection.pk}/").status_code == 200


def test_system_admin_cannot_move_or_edit_the_tree(tree, client):
    client.force_login(user_with_role(Role.SYSTEM_ADMIN, tree.city))
    assert client.get(f"/orgs/{tree.street.pk}/move/").status_code == 404
    assert client.get(f"/orgs/{tree.street.pk}/edit/").status_code == 404
    assert client.get(f"/people/{tree.people['street'].pk}/edit/").status_code == 404


def test_logins_failures_lockouts_and_logouts_are_audited(tree, client):
    user_with_role(Role.OFFICE, tree.city, username="carol")
    assert client.post("/login/", {"username": "carol", "password": PASSWORD}).status_code == 302
    client.post("/logout/")
    for _ in range(5):
        client.post("/login/", {"username": "carol", "password": "bad-Pass-1"})
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "accounts.login.succeeded" in actions and "accounts.logout" in actions
    assert actions.count("accounts.login.failed") == 5 and "accounts.login.locked_out" in actions


def test_lockout_counts_per_user_name_across_addresses(tree, client):
    user_with_role(Role.OFFICE, tree.city, username="dave")
    for n in range(5):
        client.post("/login/", {"username": "dave", "password": "bad-Pass-1"}, REMOTE_ADDR=f"10.0.0.{n + 1}")
    response = client.post("/login/", {"username": "dave", "password": PASSWORD}, REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429


def test_security_admin_links_accounts_to_people(tree, client):
    security = user_with_role(Role.SECURITY_ADMIN, tree.city)
    account = UserFactory(organisation=tree.city)
    person = PersonFactory(organisation=tree.city)
    client.force_login(security)
    assert client.post(f"/accounts/users/{account.pk}/person/", {"person": person.pk}).status_code == 302
    account.refresh_from_db()
    assert account.person == person
    client.force_login(user_with_role(Role.SYSTEM_ADMIN, tree.city))
    client.post(f"/accounts/users/{account.pk}/person/", {"person": ""})
    account.refresh_from_db()
    assert account.person == person  # the system administrator cannot change it
