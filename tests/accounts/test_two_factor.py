"""Two-factor login (等保 2.0 level 3: two kinds of identification): enrolment, the code after the
password, wrong codes counted and locked, recovery codes, the roles that require it, and the
reset that only the security administrator (or the command line) may make."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, user_with_role
from tests.two_factor import code_for, enrol, verify_session
from xuncha.accounts.enums import Role
from xuncha.accounts.twofactor import domain
from xuncha.accounts.twofactor.views import PENDING_SECRET
from xuncha.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]

OPEN_VIEWS = {"login", "logout", "set_language", "healthz"}


def _log_in(client, username):
    client.logout()
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password step must pass for these tests to mean anything"


def _enrolled(user):
    """A user with an authenticator set up (through the domain function, as the page does)."""
    secret = domain.new_secret()
    codes = domain.confirm_enrolment(user, secret=secret, token=code_for(secret))
    return TOTPDevice.objects.get(user=user), codes


def _actions():
    return list(AuditEvent.objects.values_list("action", flat=True))


def _every_path():
    """One GET path per URL pattern of the site (parameters filled in), with its view name."""

    def walk(patterns, prefix, namespace):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, route, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
                path = re.sub(r"<int:\w+>", "1", route)
                path = re.sub(r"<(?:str|slug|path|uuid):\w+>", "x", path)
                path = re.sub(r"<\w+>", "x", path).lstrip("^").rstrip("$")
                yield "/" + path, name

    return sorted(set(walk(get_resolver().url_patterns, "", "")))


# --- enrolment -------------------------------------------------------------------------------


def test_enrolment_shows_the_key_confirms_with_a_code_and_shows_ten_recovery_codes(tree, client):
    user = user_with_role(Role.TEAM_MEMBER, tree.city, username="optional")
    _log_in(client, "optional")
    page = client.get("/me/two-factor/enrol/")
    assert page["Cache-Control"] == "no-store"
    secret = client.session[PENDING_SECRET]
    assert domain.secret_text(secret) in page.content.decode()  # the key, typed by hand
    assert not TOTPDevice.objects.exists()  # showing the page writes no device row
    wrong = client.post("/me/two-factor/enrol/", {"code": "000000" if code_for(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert not TOTPDevice.objects.exists()
    response = client.post("/me/two-factor/enrol/", {"code": code_for(secret)})
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & {c.replace("-", "") for c in codes} and not stored & set(codes)
    assert stored == {domain.recovery_hash(c) for c in codes}
    assert client.session[DEVICE_ID_SESSION_KEY]  # the enrolling session is verified
    assert client.get("/me/two-factor/").context["enrolled"]
    assert "accounts.two_factor.enrolled" in _actions()


def test_enrolment_qr_code_is_an_svg_of_the_pending_key(tree, client):
    pytest.importorskip("segno")
    user_with_role(Role.TEAM_MEMBER, tree.city, username="optional")
    _log_in(client, "optional")
    assert client.get("/me/two-factor/enrol/qr.svg").status_code == 404  # no pending key yet
    client.get("/me/two-factor/enrol/")
    response = client.get("/me/two-factor/enrol/qr.svg")
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content


# --- the code after the password -------------------------------------------------------------


def test_login_with_a_code_after_the_password(tree, client):
    user = user_with_role(Role.OFFICE, tree.city, username="office1")
    device, _codes = _enrolled(user)
    _log_in(client, "office1")
    response = client.get("/people/")
    assert response.status_code == 302 and response["Location"] == "/me/two-factor/verify/?next=%2Fpeople%2F"
    response = client.post(
        "/me/two-factor/verify/", {"code": code_for(device, after_step=device.last_t), "next": "/people/"}
    )
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert client.get("/people/").status_code == 200
    assert "accounts.two_factor.verified" in _actions()


def test_a_code_is_accepted_only_once(tree, client):
    user = user_with_role(Role.OFFICE, tree.city, username="office1")
    device, _codes = _enrolled(user)
    code = code_for(device, after_step=device.last_t)
    _log_in(client, "office1")
    assert client.post("/me/two-factor/verify/", {"code": code}).status_code == 302
    _log_in(client, "office1")
    again = client.post("/me/two-factor/verify/", {"code": code})
    assert again.status_code == 200 and again.context["form"].errors
    assert client.get("/people/").status_code == 302


def test_wrong_codes_are_refused_counted_audited_and_lock_the_second_factor(tree, client, settings):
    user = user_with_role(Role.OFFICE, tree.city, username="office1")
    device, codes = _enrolled(user)
    right = code_for(device, after_step=device.last_t)
    wrong = "000000" if right != "000000" else "111111"
    _log_in(client, "office1")
    for n in range(1, settings.AXES_FAILURE_LIMIT):
        response = client.post("/me/two-factor/verify/", {"code": wrong})
        assert response.status_code == 200 and response.context["form"].errors
        device.refresh_from_db()
        assert device.throttling_failure_count == n
    _log_in(client, "office1")  # logging in again with the password does not reset the count
    response = client.post("/me/two-factor/verify/", {"code": "aaaa-bbbb-cccc-dddd"})  # the limit-th failure
    assert response.status_code == 302 and response["Location"] == "/login/"  # locked: logged out
    assert "_auth_user_id" not in client.session
    _log_in(client, "office1")
    refused = client.post("/me/two-factor/verify/", {"code": right})  # even the right code, while locked
    assert refused.status_code == 302 and refused["Location"] == "/login/"
    assert client.get("/people/").status_code == 302
    refused = client.post("/me/two-factor/verify/", {"code": codes[0]})
    assert StaticToken.objects.filter(token=domain.recovery_hash(codes[0])).exists()  # not used up
    actions = _actions()
    assert actions.count("accounts.two_factor.failed") == settings.AXES_FAILURE_LIMIT
    assert actions.count("accounts.two_factor.locked_out") == 1
    assert "accounts.two_factor.refused_locked" in actions and "accounts.two_factor.verified" not in actions


def test_the_lock_runs_out_after_the_cool_off(tree, client, settings):
    from datetime import timedelta

    from django.utils import timezone

    user = user_with_role(Role.OFFICE, tree.city, username="office1")
    device, _codes = _enrolled(user)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=settings.AXES_FAILURE_LIMIT,
        throttling_failure_timestamp=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1),
    )
    _log_in(client, "office1")
    assert (
        client.post("/me/two-factor/verify/", {"code": code_for(device, after_step=device.last_t)}).status_code == 302
    )
    assert client.get("/people/").status_code == 200


def test_a_recovery_code_works_once(tree, client):
    user = user_with_role(Role.OFFICE, tree.city, username="office1")
    _device, codes = _enrolled(user)
    _log_in(client, "office1")
    assert client.post("/me/two-factor/verify/", {"code": codes[3].upper().replace("-", " ")}).status_code == 302
    assert client.get("/people/").status_code == 200
    assert domain.recovery_codes_left(user) == 9
    _log_in(client, "office1")
    again = client.post("/me/two-factor/verify/", {"code": codes[3]})
    assert again.status_code == 200 and again.context["form"].errors
    assert AuditEvent.objects.filter(action="accounts.two_factor.verified", data__method="recovery_code").count() == 1


def test_new_recovery_codes_replace_the_old(tree, client):
    user = user_with_role(Role.OFFICE, tree.city, username="office1")
    _device, old = _enrolled(user)
    client.force_login(user)
    verify_session(client, user)
    new = client.post("/me/two-factor/recovery-codes/").context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert domain.recovery_codes_left(user) == 10
    _log_in(client, "office1")
    assert client.post("/me/two-factor/verify/", {"code": old[0]}).status_code == 200  # refused
    assert client.post("/me/two-factor/verify/", {"code": new[0]}).status_code == 302
    assert "accounts.two_factor.recovery_codes_renewed" in _actions()


# --- who must --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(Role.two_factor_required()))
def test_required_roles_reach_nothing_but_enrolment_until_enrolled(tree, client, role):
    user_with_role(role, tree.city, username="must")
    _log_in(client, "must")
    checked = 0
    for path, name in _every_path():
        if name in OPEN_VIEWS or name in {"two_factor:enrol", "two_factor:enrol_qr"}:
            continue
        response = client.get(path)
        if path.startswith("/api/") and name != "restapi:tokens" and not name.startswith("restapi:"):
            assert response.status_code in (403, 404, 405), path  # never the data
            if response.status_code == 403:
                checked += 1
            continue
        assert response.status_code == 302 and response["Location"] == "/me/two-factor/enrol/", (path, name)
        checked += 1
    assert checked > 50  # the walk found the site
    assert client.get("/api/people").status_code == 403
    assert client.get("/api/v1/organisations").status_code in (403, 404)
    assert client.post("/api/tokens/", {"name": "t", "scope": "read"}).status_code == 302
    assert client.get("/me/two-factor/enrol/").status_code == 200
    enrol(client)
    assert client.get("/people/").status_code == 200


def test_a_user_with_an_authenticator_reaches_nothing_but_the_code_page_until_verified(tree, client):
    user = user_with_role(Role.TEAM_MEMBER, tree.city, username="optional")
    _enrolled(user)
    _log_in(client, "optional")
    for path, name in _every_path():
        if name in OPEN_VIEWS or name == "two_factor:verify":
            continue
        response = client.get(path)
        if path.startswith("/api/") and not name.startswith("restapi:"):
            assert response.status_code in (403, 404, 405), path
            continue
        assert response.status_code == 302 and response["Location"].startswith("/me/two-factor/verify/"), path
    assert client.get("/api/people").status_code == 403


def test_the_code_page_shows_no_navigation_and_htmx_from_it_does_not_reload_it(tree, client):
    user = user_with_role(Role.OFFICE, tree.city, username="office1")
    _enrolled(user)
    _log_in(client, "office1")
    page = client.get("/me/two-factor/verify/").content.decode()
    assert 'data-testid="two-factor-verify"' in page
    assert 'href="/people/"' not in page and "unread" not in page  # no navbar, no polling badge
    htmx = {"HTTP_HX_REQUEST": "true"}
    elsewhere = client.get("/people/", HTTP_HX_CURRENT_URL="http://testserver/people/", **htmx)
    assert elsewhere["HX-Redirect"] == "/me/two-factor/verify/"
    here = client.get("/people/", HTTP_HX_CURRENT_URL="http://testserver/me/two-factor/verify/", **htmx)
    assert here.status_code == 403 and "HX-Redirect" not in here


def test_api_tokens_are_made_only_from_a_verified_session(tree, client):
    from xuncha.accounts.models import ApiToken

    user = user_with_role(Role.OFFICE, tree.city, username="office1")
    device, _codes = _enrolled(user)
    _log_in(client, "office1")
    assert client.post("/api/tokens/", {"name": "t", "scope": "read"}).status_code == 302
    assert not ApiToken.objects.exists()
    client.post("/me/two-factor/verify/", {"code": code_for(device, after_step=device.last_t)})
    assert client.post("/api/tokens/", {"name": "t", "scope": "read"}).status_code == 200
    assert ApiToken.objects.filter(user=user).count() == 1  # positive control


def test_other_roles_may_go_on_without_and_enrol_from_their_own_page(tree, client):
    user = user_with_role(Role.TEAM_MEMBER, tree.city, username="optional")
    _log_in(client, "optional")
    assert client.get("/people/").status_code == 200
    page = client.get("/me/two-factor/")
    assert not page.context["enrolled"] and not page.context["required"]
    enrol(client)
    assert domain.has_two_factor(user)
    assert client.post("/me/two-factor/remove/").status_code == 302
    assert not domain.has_two_factor(user) and not StaticToken.objects.exists()
    assert "accounts.two_factor.removed" in _actions()


def test_a_required_role_cannot_remove_its_own_authenticator(tree, client):
    user = user_with_role(Role.SYSTEM_ADMIN, tree.city, username="sys")
    _enrolled(user)
    client.force_login(user)
    verify_session(client, user)
    assert b"two-factor/remove/" not in client.get("/me/two-factor/").content
    client.post("/me/two-factor/remove/")
    assert domain.has_two_factor(user)


# --- reset -----------------------------------------------------------------------------------


def test_security_admin_resets_with_a_reason_and_the_holder_enrols_again(tree, client):
    holder = user_with_role(Role.OFFICE, tree.city, username="office1")
    device, _codes = _enrolled(holder)
    security = user_with_role(Role.SECURITY_ADMIN, tree.city, username="sec")
    _enrolled(security)
    holder_client = client.__class__()
    _log_in(holder_client, "office1")
    holder_client.post("/me/two-factor/verify/", {"code": code_for(device, after_step=device.last_t)})
    assert holder_client.get("/people/").status_code == 200
    client.force_login(security)
    verify_session(client, security)
    detail = client.get(f"/accounts/users/{holder.pk}/").content.decode()
    assert f'href="/accounts/users/{holder.pk}/two-factor/reset/"' in detail
    assert client.post(f"/accounts/users/{holder.pk}/two-factor/reset/", {"reason": ""}).status_code == 200
    assert domain.has_two_factor(holder)  # no reason, no reset
    response = client.post(f"/accounts/users/{holder.pk}/two-factor/reset/", {"reason": "丢失手机"})
    assert response.status_code == 302
    assert not domain.has_two_factor(holder) and not StaticToken.objects.filter(device__user=holder).exists()
    event = AuditEvent.objects.get(action="accounts.two_factor.reset")
    assert event.actor == security and event.object_id == str(holder.pk) and event.data["reason"] == "丢失手机"
    # the holder's verified session lost its device: enrolment again before anything else
    assert holder_client.get("/people/")["Location"] == "/me/two-factor/enrol/"


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.AUDITOR, Role.OFFICE])
def test_no_one_but_the_security_admin_resets(tree, client, role):
    holder = user_with_role(Role.OFFICE, tree.city, username="office1")
    _enrolled(holder)
    other = user_with_role(role, tree.city, username="other")
    client.force_login(other)
    verify_session(client, other)
    assert client.get(f"/accounts/users/{holder.pk}/two-factor/reset/").status_code == 404
    assert client.post(f"/accounts/users/{holder.pk}/two-factor/reset/", {"reason": "x"}).status_code == 404
    assert 'two-factor/reset/"' not in client.get(f"/accounts/users/{holder.pk}/").content.decode()
    with pytest.raises(PermissionDenied):
        domain.reset_two_factor(holder, by=other, reason="take over")
    assert domain.has_two_factor(holder)


def test_security_admin_cannot_reset_their_own(tree, client):
    security = user_with_role(Role.SECURITY_ADMIN, tree.city, username="sec")
    _enrolled(security)
    client.force_login(security)
    verify_session(client, security)
    assert client.post(f"/accounts/users/{security.pk}/two-factor/reset/", {"reason": "x"}).status_code == 404
    assert domain.has_two_factor(security)


def test_command_line_resets_two_factor(tree):
    security = user_with_role(Role.SECURITY_ADMIN, tree.city, username="sec")
    _enrolled(security)
    out = io.StringIO()
    call_command("account", "reset-2fa", "sec", "--reason", "lost phone", stdout=out)
    assert "reset" in out.getvalue() and not domain.has_two_factor(security)
    assert AuditEvent.objects.filter(action="accounts.two_factor.reset", actor=None).exists()


def test_a_password_reset_by_the_system_admin_does_not_get_round_the_holders_second_factor(tree, client):
    """三员分立 with two factors: the system administrator sets a password it knows, but the
    holder's authenticator stays, and with the password alone nothing opens, not even the page
    to choose the holder's "own" password; after the code, the password change comes first."""
    from xuncha.accounts import domain as accounts

    office = user_with_role(Role.OFFICE, tree.city, username="office_holder")
    device, _codes = _enrolled(office)
    sysadmin = user_with_role(Role.SYSTEM_ADMIN, tree.city)
    accounts.reset_password(office, by=sysadmin, new_password="Chosen-By-Admin-2026!")
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    client.logout()
    assert client.post("/login/", {"username": "office_holder", "password": "Chosen-By-Admin-2026!"}).status_code == 302
    for path in ("/me/password/", "/", "/clues/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/me/two-factor/verify/"), path
    assert client.get("/api/v1/measures").status_code == 403
    assert client.post("/me/password/", {"old_password": "Chosen-By-Admin-2026!", "new_password1": "x",
                                         "new_password2": "x"}).status_code == 302
    assert client.get("/me/two-factor/verify/").status_code == 200  # the code page opens, no redirect loop
    device.refresh_from_db()
    response = client.post("/me/two-factor/verify/", {"code": code_for(device, after_step=device.last_t)})
    assert response.status_code == 302
    assert client.get("/clues/")["Location"].startswith("/me/password/")  # then the holder's own password


def test_suspended_grants_still_require_the_second_factor(tree):
    """After a reset the office's grants are suspended until confirmed; they must still count,
    or the account would be reachable with a password alone in between."""
    from xuncha.accounts import domain as accounts
    from xuncha.accounts.permissions import roles_of

    office = user_with_role(Role.OFFICE, tree.city, username="office_reset")
    sysadmin = user_with_role(Role.SYSTEM_ADMIN, tree.city)
    accounts.reset_password(office, by=sysadmin, new_password="Reset-By-Admin-2026!")
    office.refresh_from_db()
    assert roles_of(office) == set()  # positive control: the grants are suspended
    assert domain.requires_two_factor(office)
