"""Login lockout behind the reverse proxy: by user name, by address only far above that."""

import ipaddress
from datetime import timedelta

import pytest

from tests.factories import PASSWORD, user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.XUNCHA_TRUSTED_PROXIES = (ipaddress.ip_network(PROXY),)


def _login(client, username, password, client_address, remote=PROXY):
    return client.post(
        "/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_one_users_wrong_passwords_do_not_lock_out_others_behind_the_proxy(tree, client, behind_proxy):
    user_with_role(Role.OFFICE, tree.city, username="alice")
    user_with_role(Role.OFFICE, tree.city, username="bob")
    for _ in range(5):
        _login(client, "alice", "wrong-Pass-1", "203.0.113.7")
    assert _login(client, "alice", PASSWORD, "203.0.113.7").status_code == 429
    assert _login(client, "bob", PASSWORD, "203.0.113.8").status_code == 302


def test_one_users_wrong_passwords_do_not_lock_out_others_without_proxy_setting(tree, client):
    """Even when the operator forgot XUNCHA_TRUSTED_PROXIES (every client is the proxy's address),
    five failures of one user name lock only that user name."""
    user_with_role(Role.OFFICE, tree.city, username="alice")
    user_with_role(Role.OFFICE, tree.city, username="bob")
    for _ in range(5):
        client.post("/login/", {"username": "alice", "password": "wrong-Pass-1"}, REMOTE_ADDR=PROXY)
    response = client.post("/login/", {"username": "bob", "password": PASSWORD}, REMOTE_ADDR=PROXY)
    assert response.status_code == 302


def test_audit_records_the_clients_address_not_the_proxys(tree, client, behind_proxy):
    user_with_role(Role.OFFICE, tree.city, username="carol")
    _login(client, "carol", "wrong-Pass-1", "1.2.3.4, 203.0.113.7")
    _login(client, "carol", PASSWORD, "203.0.113.9")
    addresses = dict(AuditEvent.objects.values_list("action", "ip_address"))
    assert addresses["accounts.login.failed"] == "203.0.113.7"
    assert addresses["accounts.login.succeeded"] == "203.0.113.9"


def test_address_is_locked_only_above_the_higher_limit(tree, client, behind_proxy, settings):
    """Guessing across many user names from one address locks that address (for every name)
    once it passes the address limit, and no other address."""
    settings.XUNCHA_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    user_with_role(Role.OFFICE, tree.city, username="dave")
    for n in range(7):
        assert _login(client, f"guess{n}", "wrong-Pass-1", "198.51.100.1").status_code == 200
    assert _login(client, "dave", PASSWORD, "198.51.100.1").status_code == 302  # 7 < 8: not yet
    client.post("/logout/")
    for n in range(8):
        _login(client, f"guess{n}", "wrong-Pass-1", "198.51.100.1")
    assert _login(client, "dave", PASSWORD, "198.51.100.1").status_code == 429
    assert _login(client, "dave", PASSWORD, "198.51.100.2").status_code == 302


def test_direct_client_cannot_escape_the_address_lock_with_a_forged_header(tree, client, behind_proxy, settings):
    settings.XUNCHA_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    user_with_role(Role.OFFICE, tree.city, username="erin")
    for n in range(6):
        _login(client, f"guess{n}", "wrong-Pass-1", f"192.0.2.{n}", remote="198.51.100.50")
    assert _login(client, "erin", PASSWORD, "192.0.2.99", remote="198.51.100.50").status_code == 429


def test_login_message_states_the_configured_limits(tree, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    page = client.post("/login/", {"username": "nobody", "password": "x"}).content.decode()
    assert "连续失败3次将锁定30分钟" in page
    assert "5次" not in page and "15分钟" not in page
    settings.AXES_FAILURE_LIMIT = 4
    client.post("/login/", {"username": "frank", "password": "x"})
    for _ in range(3):
        response = client.post("/login/", {"username": "frank", "password": "x"})
    assert response.status_code == 429  # the limit the message states is the one enforced
