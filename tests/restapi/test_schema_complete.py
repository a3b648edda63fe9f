"""The OpenAPI schema lists every declared list, every exposed model's detail and every declared
action of it, whatever the apps declare (so an app's new `endpoints.py` is covered the day it
is merged); a model with declared actions that no `Exposed` covers fails, unless allowed below
for now. The schema and its docs page are served to a signed-in caller only, from our own
static files (no CDN: the servers may have no way out, and the CSP allows 'self' only)."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token, revoke_token
from xuncha.lists.declarations import REGISTRY as LISTS
from xuncha.restapi.exposure import EXPOSED
from xuncha.restapi.v1 import build
from xuncha.workflow.actions import REGISTRY as ACTIONS

pytestmark = pytest.mark.django_db

# Models with declared actions that the API does not expose yet: their steps are reachable from
# the pages only. Each helper adding `xuncha/<app>/endpoints.py` removes its models from here
# (the stale-entry test below fails until it does); the lead empties it when merging issue 12.
NOT_YET_EXPOSED: set[str] = set()


def _operations(schema) -> dict[str, tuple[str, str]]:
    """operationId -> (method, path)."""
    return {
        op["operationId"]: (method.upper(), path)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    }


@pytest.fixture
def schema(tree, client):
    build()
    _token, secret = create_token(user_with_role(Role.OFFICE, tree.city), name="schema", scope="read")
    response = client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200, response.content
    return response.json()


def test_every_declared_list_is_a_get_path(schema):
    operations = _operations(schema)
    assert LISTS
    for name in LISTS:
        assert operations.get(f"list_{name}") == ("GET", f"/api/v1/{name}"), name


def test_every_exposed_model_has_a_detail_path(schema):
    assert EXPOSED
    for model, exposed in EXPOSED.items():
        path = f"/api/v1/{exposed.segment}/{{object_id}}"
        assert "get" in schema["paths"].get(path, {}), (model, path)
        assert schema["paths"][path]["get"]["responses"]["200"], model


def test_every_declared_action_of_an_exposed_model_has_an_endpoint(schema):
    operations = _operations(schema)
    checked = 0
    for action in ACTIONS.values():
        exposed = EXPOSED.get(action.model)
        if exposed is None:
            continue
        operation_id = action.name.replace(".", "_")
        if action.verb in exposed.own_endpoints:
            # the app writes it (files, several objects): named after the action, any method
            assert operation_id in operations, (
                f"{action.name}: no operation {operation_id!r} (name an own endpoint's operation_id after its action)"
            )
        else:
            path = f"/api/v1/{exposed.segment}/{{object_id}}/{action.verb}"
            assert operations.get(operation_id) == ("POST", path), action.name
        checked += 1
    assert checked >= len(EXPOSED)


def test_own_endpoints_name_declared_actions():
    """A verb in `own_endpoints` that no action declares would silently hide nothing."""
    build()
    for model, exposed in EXPOSED.items():
        verbs = {a.verb for a in ACTIONS.values() if a.model == model}
        assert exposed.own_endpoints <= verbs, (model, exposed.own_endpoints - verbs)


def test_no_model_with_actions_is_left_out_of_the_api():
    build()
    with_actions = {a.model for a in ACTIONS.values()}
    missing = with_actions - set(EXPOSED) - NOT_YET_EXPOSED
    assert not missing, f"declared actions but no Exposed (add xuncha/<app>/endpoints.py): {sorted(missing)}"


def test_the_allow_list_holds_only_models_still_missing():
    """An entry for a model that is now exposed, or that has no actions any more, goes."""
    build()
    with_actions = {a.model for a in ACTIONS.values()}
    stale = NOT_YET_EXPOSED & set(EXPOSED) | NOT_YET_EXPOSED - with_actions
    assert not stale, f"remove from NOT_YET_EXPOSED: {sorted(stale)}"


def test_the_schema_is_for_signed_in_callers_only(tree, client):
    build()
    user = user_with_role(Role.LIAISON, tree.district)
    assert client.get("/api/v1/openapi.json").status_code == 401
    assert client.get("/api/v1/docs").status_code == 401
    assert client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION="Bearer xc_forged.secret").status_code == 401
    token, secret = create_token(user, name="脚本", scope="read")
    assert client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    revoke_token(token, by=user)
    assert client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    client.force_login(user)
    assert client.get("/api/v1/openapi.json").status_code == 200


@pytest.mark.parametrize("url", ["/api/docs", "/api/v1/docs"])
def test_the_docs_work_offline_under_the_csp(tree, client, url):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "cdn" not in page.lower() and not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    for source in sources:
        assert source.startswith("/static/") and finders.find(source.removeprefix("/static/")), source
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert all('type="application/json"' in attrs for attrs in inline)  # data, not code
    if url.startswith("/api/v1/"):
        assert '"url": "/api/v1/openapi.json"' in page  # the schema it reads, on this server
