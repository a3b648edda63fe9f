"""Accounts and grants through the API with a token, per administrator role: 三员分立 holds
there as on the pages, and a reset through the API still forces a change at the next login."""


import pytest

from tests.api_client import (
    bearer,
    fast_passwords,  # noqa: F401  (the fixture)
    post,
)
from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import roles_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ADMIN_CHOSEN = "Api-admin-chosen-5k!"





@pytest.fixture
def admins(tree):
    return {
        "system": user_with_role(Role.SYSTEM_ADMIN, tree.city, username="api_sys"),
        "security": user_with_role(Role.SECURITY_ADMIN, tree.city, username="api_sec"),
        "auditor": user_with_role(Role.AUDITOR, tree.city, username="api_aud"),
        "holder": user_with_role(Role.OFFICE, tree.street, username="api_office"),
    }


def test_system_administrator_through_the_api(client, admins):
    auth = bearer(admins["system"])
    holder, security, auditor = admins["holder"], admins["security"], admins["auditor"]
    detail = client.get(f"/api/v1/accounts/{holder.pk}", **auth).json()
    assert {"deactivate", "reset_password"} <= set(detail["actions"]) and "grant_role" not in detail["actions"]
    for watcher in (security, auditor):  # 三员分立: refused on the watchers' accounts, whatever the door
        shown = client.get(f"/api/v1/accounts/{watcher.pk}", **auth).json()
        assert shown["actions"] == []
        assert post(client, f"/api/v1/accounts/{watcher.pk}/reset_password", auth,
                    {"password": ADMIN_CHOSEN}).status_code == 403
        assert post(client, f"/api/v1/accounts/{watcher.pk}/deactivate", auth, {"reason": "x"}).status_code == 403
        watcher.refresh_from_db()
        assert watcher.is_active and not watcher.must_change_password
    grant = RoleGrant.objects.get(user=holder)
    assert client.get(f"/api/v1/grants/{grant.pk}", **auth).status_code == 404  # grants are not its to read
    assert post(client, f"/api/v1/accounts/{holder.pk}/grant_role", auth,
                {"role": "liaison", "organisation": holder.organisation_id}).status_code == 403
    # a reset through the API forces a change at the next login and suspends the roles
    response = post(client, f"/api/v1/accounts/{holder.pk}/reset_password", auth, {"password": ADMIN_CHOSEN})
    assert response.status_code == 200, response.content
    assert response.json()["must_change_password"] and response.json()["roles_suspended"]
    holder = User.objects.get(pk=holder.pk)
    assert holder.check_password(ADMIN_CHOSEN) and roles_of(holder) == set()
    client.post("/login/", {"username": holder.username, "password": ADMIN_CHOSEN})
    assert client.get("/inspections/")["Location"] == "/me/password/"


def test_system_administrator_creates_accounts_through_the_api(client, admins, tree):
    auth = bearer(admins["system"])
    payload = {"username": "api_newbie", "password": ADMIN_CHOSEN, "organisation": tree.street.pk}
    response = post(client, "/api/v1/accounts", auth, payload)
    assert response.status_code == 201, response.content
    assert response.json()["must_change_password"] and response.json()["roles_suspended"]
    refused = post(client, "/api/v1/accounts", bearer(admins["security"]), {**payload, "username": "x2"})
    assert refused.status_code == 404


def test_security_administrator_through_the_api(client, admins, tree):
    auth = bearer(admins["security"])
    holder, system = admins["holder"], admins["system"]
    detail = client.get(f"/api/v1/accounts/{holder.pk}", **auth).json()
    assert set(detail["actions"]) == {"link_person", "grant_role"}
    assert post(client, f"/api/v1/accounts/{holder.pk}/reset_password", auth,
                {"password": ADMIN_CHOSEN}).status_code == 403
    assert post(client, f"/api/v1/accounts/{system.pk}/deactivate", auth, {"reason": "x"}).status_code == 403
    response = post(client, f"/api/v1/accounts/{holder.pk}/grant_role", auth,
                    {"role": "liaison", "organisation": tree.community.pk})
    assert response.status_code == 200, response.content
    grant = RoleGrant.objects.get(user=holder, role=Role.LIAISON)
    shown = client.get(f"/api/v1/grants/{grant.pk}", **auth).json()
    assert shown["actions"] == ["revoke"]
    assert post(client, f"/api/v1/grants/{grant.pk}/revoke", auth, {"reason": ""}).status_code == 400
    response = post(client, f"/api/v1/grants/{grant.pk}/revoke", auth, {"reason": "调岗"})
    assert response.status_code == 200 and response.json()["revoked"] and response.json()["actions"] == []
    own = RoleGrant.objects.get(user=admins["security"])
    assert post(client, f"/api/v1/grants/{own.pk}/revoke", auth, {"reason": "x"}).status_code == 403
    assert post(client, f"/api/v1/accounts/{admins['security'].pk}/grant_role", auth,
                {"role": "auditor", "organisation": tree.community.pk}).status_code == 403
    # a grant's scope outside the administrator's own is refused with a reason, not granted
    stranger_scope = post(client, f"/api/v1/accounts/{holder.pk}/grant_role", auth, {"role": "office",
                                                                                   "organisation": 999999})
    assert stranger_scope.status_code == 400


def test_security_administrator_confirms_after_the_holder_changed_the_password(client, admins):
    from xuncha.accounts.domain import change_own_password, reset_password

    holder = admins["holder"]
    reset_password(holder, by=admins["system"], new_password=ADMIN_CHOSEN)
    auth = bearer(admins["security"])
    assert "confirm" not in client.get(f"/api/v1/accounts/{holder.pk}", **auth).json()["actions"]
    assert post(client, f"/api/v1/accounts/{holder.pk}/confirm", auth).status_code == 400  # still the admin's
    change_own_password(User.objects.get(pk=holder.pk), new_password="Holder-own-choice-3m!")
    response = post(client, f"/api/v1/accounts/{holder.pk}/confirm", auth)
    assert response.status_code == 200 and not response.json()["roles_suspended"]


def test_auditor_through_the_api(client, admins):
    auth = bearer(admins["auditor"])
    holder = admins["holder"]
    assert client.get(f"/api/v1/accounts/{holder.pk}", **auth).status_code == 404
    assert post(client, f"/api/v1/accounts/{holder.pk}/deactivate", auth, {"reason": "x"}).status_code == 404
    grant = RoleGrant.objects.get(user=holder)
    shown = client.get(f"/api/v1/grants/{grant.pk}", **auth).json()
    assert shown["actions"] == []  # reads grants, takes no step
    assert post(client, f"/api/v1/grants/{grant.pk}/revoke", auth, {"reason": "x"}).status_code == 403
    assert client.get("/api/v1/audit_events", **auth).json()["count"] > 0


def test_casework_token_sees_no_account(client, admins):
    auth = bearer(admins["holder"])
    assert client.get(f"/api/v1/accounts/{admins['system'].pk}", **auth).status_code == 404
    assert client.get("/api/v1/grants", **auth).json()["count"] == 0


def test_the_schema_lists_the_account_grant_and_ledger_job_steps(tree, client):
    from xuncha.workflow.actions import REGISTRY

    client.force_login(user_with_role(Role.OFFICE, tree.city))  # the schema is for signed-in callers
    schema = client.get("/api/v1/openapi.json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"get_account", "get_grant", "organisation_create_user", "list_grants", "list_audit_events"} <= operations
    assert {"get_ledger_job", "inspection_import_ledger"} <= operations
    exposed = {"accounts.User", "accounts.RoleGrant", "ledger.LedgerJob"}
    missing = [a.name for a in REGISTRY.values() if a.model in exposed and a.name.replace(".", "_") not in operations]
    assert missing == []
