"""三员分立 around passwords: a password someone else chose opens nothing but the password page,
and the system administrator cannot act on the security administrator's or auditor's account."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory, dated_inspection, user_with_role
from tests.two_factor import enrol
from xuncha.accounts.domain import change_own_password, confirm_account, reset_password, set_user_active
from xuncha.accounts.enums import Role
from xuncha.accounts.models import User
from xuncha.accounts.permissions import roles_of
from xuncha.audit.models import AuditEvent
from xuncha.clues import domain as clues

pytestmark = pytest.mark.django_db
SECRET = "违规收受购物卡"
ADMIN_CHOSEN = "Known-by-admin-1"
HOLDER_CHOSEN = "Holder-own-pw-2"


@pytest.fixture
def clue(tree):
    return clues.create_clue(
        dated_inspection(tree),
        by=None,
        allegation=f"反映某科长{SECRET}",
        source="talk",
        received_on=date(2021, 1, 20),
        persons=[{"name": "丁某", "rank": "section"}],
    )


def _log_in(client, username, password):
    client.logout()
    response = client.post("/login/", {"username": username, "password": password})
    assert response.status_code == 302, "the password must work for these tests to mean anything"
    return response


def _reads_clue(client, clue) -> bool:
    response = client.get(f"/clues/{clue.pk}/")
    return response.status_code == 200 and SECRET in response.content.decode()


def test_admin_password_gives_no_clue_even_after_the_security_admin_tries_to_confirm(tree, client, clue):
    """The finding: reset, the security administrator confirms, the system administrator logs in
    with the password it chose and reads clues."""
    office = user_with_role(Role.OFFICE, tree.city, username="office1")
    client.force_login(office)
    assert _reads_clue(client, clue)  # positive control
    sysadmin = user_with_role(Role.SYSTEM_ADMIN, tree.city)
    security = user_with_role(Role.SECURITY_ADMIN, tree.city)
    reset_password(office, by=sysadmin, new_password=ADMIN_CHOSEN)
    TOTPDevice.objects.filter(user=office).delete()  # not enrolled yet (with an authenticator: test_two_factor.py)
    with pytest.raises(ValidationError):
        confirm_account(office, by=security)  # too early: the administrator's password is in use
    response = _log_in(client, "office1", ADMIN_CHOSEN)
    assert client.get(f"/clues/{clue.pk}/").status_code == 302
    assert client.get(f"/clues/{clue.pk}/")["Location"] == "/me/password/"
    assert client.get("/clues/").status_code == 302
    assert client.get("/api/people").status_code == 403
    assert SECRET not in client.get(response["Location"], follow=True).content.decode()
    assert client.get("/me/password/").status_code == 200


def test_roles_return_only_after_the_holders_own_password_and_the_confirmation(tree, client, clue):
    office = user_with_role(Role.OFFICE, tree.city, username="office2")
    sysadmin = user_with_role(Role.SYSTEM_ADMIN, tree.city)
    security = user_with_role(Role.SECURITY_ADMIN, tree.city)
    reset_password(office, by=sysadmin, new_password=ADMIN_CHOSEN)
    _log_in(client, "office2", ADMIN_CHOSEN)
    response = client.post(
        "/me/password/",
        {"old_password": ADMIN_CHOSEN, "new_password1": HOLDER_CHOSEN, "new_password2": HOLDER_CHOSEN},
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert not office.must_change_password
    enrol(client)  # the office role requires two-factor login (tests/accounts/test_two_factor.py)
    assert not _reads_clue(client, clue)  # still suspended: the security administrator has not confirmed
    confirm_account(office, by=security)
    assert _reads_clue(client, clue)
    changed = AuditEvent.objects.get(action="accounts.user.password_changed")
    assert changed.data == {"forced": True}


def test_forced_change_refuses_the_same_password(tree, client):
    office = user_with_role(Role.OFFICE, tree.city, username="office3")
    reset_password(office, by=user_with_role(Role.SYSTEM_ADMIN, tree.city), new_password=ADMIN_CHOSEN)
    _log_in(client, "office3", ADMIN_CHOSEN)
    response = client.post(
        "/me/password/",
        {"old_password": ADMIN_CHOSEN, "new_password1": ADMIN_CHOSEN, "new_password2": ADMIN_CHOSEN},
    )
    assert response.status_code == 200
    office.refresh_from_db()
    assert office.must_change_password


def test_reset_of_an_account_without_grants_suspends_and_forces_a_change(tree, client):
    account = UserFactory(organisation=tree.city, username="fresh")
    reset_password(account, by=user_with_role(Role.SYSTEM_ADMIN, tree.city), new_password=ADMIN_CHOSEN)
    account.refresh_from_db()
    assert account.roles_suspended_at is not None and account.must_change_password
    # a grant given afterwards gives nothing until the holder changed the password and was confirmed
    from xuncha.accounts.domain import grant_role

    grant_role(by=None, grantee=account, role=Role.OFFICE, organisation=tree.city)
    account.refresh_from_db()
    assert roles_of(account) == set()


def test_account_created_by_the_system_admin_must_change_its_password_first(tree, client, clue):
    sysadmin = user_with_role(Role.SYSTEM_ADMIN, tree.city)
    security = user_with_role(Role.SECURITY_ADMIN, tree.city)
    client.force_login(sysadmin)
    response = client.post(
        "/accounts/users/new/",
        {"username": "newbie", "display_name": "", "organisation": tree.city.pk, "password": ADMIN_CHOSEN},
    )
    assert response.status_code == 302
    newbie = User.objects.get(username="newbie")
    assert newbie.must_change_password and newbie.roles_suspended_at is not None
    client.force_login(security)
    client.post("/accounts/grants/new/", {"user": newbie.pk, "role": Role.OFFICE.value, "organisation": tree.city.pk})
    assert client.post(f"/accounts/users/{newbie.pk}/confirm/").status_code == 302
    newbie.refresh_from_db()
    assert newbie.roles_suspended_at is not None  # refused: the holder has not chosen a password
    _log_in(client, "newbie", ADMIN_CHOSEN)
    assert client.get(f"/clues/{clue.pk}/").status_code == 302


@pytest.mark.parametrize("protected_role", [Role.SECURITY_ADMIN, Role.AUDITOR])
def test_system_admin_cannot_reset_or_deactivate_the_other_administrators(tree, client, protected_role):
    sysadmin = user_with_role(Role.SYSTEM_ADMIN, tree.city)
    target = user_with_role(protected_role, tree.city, username="guarded")
    ordinary = user_with_role(Role.OFFICE, tree.city)
    client.force_login(sysadmin)
    assert client.get(f"/accounts/users/{ordinary.pk}/password/").status_code == 200  # positive control
    assert client.get(f"/accounts/users/{target.pk}/password/").status_code == 404
    assert client.post(f"/accounts/users/{target.pk}/password/", {"password": ADMIN_CHOSEN}).status_code == 404
    assert client.post(f"/accounts/users/{target.pk}/active/", {"active": "0", "reason": "x"}).status_code == 404
    target.refresh_from_db()
    assert target.is_active and target.check_password(PASSWORD) and not target.must_change_password
    with pytest.raises(PermissionDenied):
        reset_password(target, by=sysadmin, new_password=ADMIN_CHOSEN)
    with pytest.raises(PermissionDenied):
        set_user_active(target, by=sysadmin, active=False, reason="silence the watcher")
    detail = client.get(f"/accounts/users/{target.pk}/").content.decode()
    assert f'href="/accounts/users/{target.pk}/password/"' not in detail


def test_command_line_resets_and_deactivates_an_administrators_account(tree, client, monkeypatch):
    import io

    security = user_with_role(Role.SECURITY_ADMIN, tree.city, username="secadm")
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_CHOSEN + "\n"))
    call_command("account", "reset-password", "secadm", "--password-stdin", stdout=io.StringIO())
    security.refresh_from_db()
    assert security.check_password(ADMIN_CHOSEN) and security.must_change_password
    assert security.roles_suspended_at is None  # nobody above the role could confirm it
    _log_in(client, "secadm", ADMIN_CHOSEN)
    assert client.get("/accounts/grants/")["Location"] == "/me/password/"
    change_own_password(security, new_password=HOLDER_CHOSEN)
    client.force_login(security)
    assert client.get("/accounts/grants/").status_code == 200
    call_command("account", "deactivate", "secadm", "--reason", "left the post", stdout=io.StringIO())
    security.refresh_from_db()
    assert not security.is_active
    assert AuditEvent.objects.filter(action="accounts.user.deactivated", actor=None).exists()
