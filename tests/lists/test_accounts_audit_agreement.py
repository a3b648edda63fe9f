"""Role grants and audit events: the same filters give the same rows on the page, in the Excel
export and from the API (one declaration each, `accounts.lists` and `audit.lists`); only the
roles that read the page get rows anywhere; the audit log never carries case text."""

import re
from io import BytesIO

import openpyxl
import pytest

from tests.factories import UserFactory, user_with_role
from xuncha.accounts import domain
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token
from xuncha.audit import chain
from xuncha.audit.domain import record_event
from xuncha.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

GRANT_QUERIES = ["", "q=grantee", "role=liaison", "archived=1", "q=nobody"]
EVENT_QUERIES = ["", "q=grantee", "action=accounts.grant", "action=accounts.user.deactivated"]


def _rows(client, page_url, export_url, api_url, query, auth):
    page = client.get(f"{page_url}?{query}").content.decode()
    page = page[page.index("<tbody>") : page.index("</tbody>")]
    from_page = {int(pk) for pk in re.findall(r'data-row="(\d+)"', page)}
    book = openpyxl.load_workbook(BytesIO(client.get(f"{export_url}?{query}").content))
    from_excel = {row[0] for row in list(book.active.iter_rows(values_only=True))[1:] if row[0] is not None}
    items = client.get(f"{api_url}?{query}", **auth).json()["items"]
    return from_page, from_excel, {item["id"] for item in items}


@pytest.fixture
def grants(tree):
    security = user_with_role(Role.SECURITY_ADMIN, tree.district, username="sec_d")
    grantee = UserFactory(username="grantee_a", organisation=tree.street)
    kept = domain.grant_role(by=security, grantee=grantee, role=Role.LIAISON, organisation=tree.street)
    gone = domain.grant_role(by=security, grantee=grantee, role=Role.OFFICE, organisation=tree.street)
    domain.revoke_grant(gone, by=security, reason="调岗")
    other = user_with_role(Role.OFFICE, tree.other_district, username="grantee_elsewhere")
    domain.set_user_active(grantee, by=None, active=False, reason="离岗")
    return {"security": security, "kept": kept, "gone": gone, "other": other}


@pytest.mark.parametrize("query", GRANT_QUERIES)
@pytest.mark.parametrize("role", [Role.SECURITY_ADMIN, Role.AUDITOR])
def test_grants_page_excel_and_api_agree(tree, client, grants, role, query):
    reader = user_with_role(role, tree.district)
    client.force_login(reader)
    _token, secret = create_token(reader, name="脚本")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    from_page, from_excel, from_api = _rows(
        client, "/accounts/grants/", "/accounts/grants/export.xlsx", "/api/v1/grants", query, auth
    )
    assert from_page == from_excel == from_api
    assert (grants["kept"].pk in from_page) is (query != "q=nobody")
    assert (grants["gone"].pk in from_page) is (query == "archived=1")
    other_grant = grants["other"].grants.get()
    assert other_grant.pk not in from_page  # outside the district


@pytest.mark.parametrize("role", [r for r in Role if r not in {Role.SECURITY_ADMIN, Role.AUDITOR}])
def test_grants_are_404_and_empty_for_everyone_else(tree, client, grants, role):
    user = user_with_role(role, tree.city)
    client.force_login(user)
    assert client.get("/accounts/grants/").status_code == 404
    assert client.get("/accounts/grants/export.xlsx").status_code == 404
    _token, secret = create_token(user, name="脚本")
    api = client.get("/api/v1/grants", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert api["count"] == 0 and api["items"] == []


@pytest.fixture
def events(tree, grants):
    """Account events, plus an old confidential event written before case text was refused."""
    from xuncha.petitions.models import Petition

    record_event("orgs.organisation.updated", obj=tree.street)
    leaked = AuditEvent(
        action="petitions.identity.revealed",
        actor_name="office",
        object_type="petitions.petition",
        object_id="1",
        object_repr=f"{Petition._meta.verbose_name} #1",
        org_path=tree.street.path,
        data={"category": "investigation", "reason": "举报人张三 13800000000 要求复核"},
    )
    chain.append([leaked])
    return {"leaked": leaked}


@pytest.mark.parametrize("query", EVENT_QUERIES)
def test_audit_page_excel_and_api_agree_for_the_auditor(tree, client, events, query):
    auditor = user_with_role(Role.AUDITOR, tree.district)
    client.force_login(auditor)
    _token, secret = create_token(auditor, name="脚本")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    urls = ("/audit/", "/audit/export.xlsx", "/api/v1/audit_events")
    from_page, from_excel, from_api = _rows(client, *urls, query, auth)
    assert from_page == from_excel == from_api
    assert from_page  # each query finds some event in the district
    outside = AuditEvent.objects.exclude(org_path__startswith=tree.district.path).values_list("pk", flat=True)
    assert not from_page & set(outside)


def test_audit_events_never_carry_confidential_text(tree, client, events):
    auditor = user_with_role(Role.AUDITOR, tree.city)
    client.force_login(auditor)
    _token, secret = create_token(auditor, name="脚本")
    api = client.get("/api/v1/audit_events?limit=500", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    leaked = next(item for item in api["items"] if item["id"] == events["leaked"].pk)
    assert "investigation" in leaked["details"]  # the code stays
    book = openpyxl.load_workbook(BytesIO(client.get("/audit/export.xlsx").content))
    exported = " ".join(str(c) for row in book.active.iter_rows(values_only=True) for c in row if c)
    for channel in (str(api), exported, client.get("/audit/").content.decode()):
        assert "张三" not in channel and "13800000000" not in channel
    assert str(events["leaked"].pk) in exported.split()  # the event itself is exported, without the text


@pytest.mark.parametrize("role", [r for r in Role if r != Role.AUDITOR])
def test_audit_events_only_for_the_auditor(tree, client, events, role):
    user = user_with_role(role, tree.city)
    client.force_login(user)
    assert client.get("/audit/").status_code == 404
    assert client.get("/audit/export.xlsx").status_code == 404
    _token, secret = create_token(user, name="脚本")
    api = client.get("/api/v1/audit_events", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert api["count"] == 0


def test_grant_list_query_count_is_constant_for_the_security_administrator(tree, client, django_assert_max_num_queries):
    """The revoke step offered on each row costs no query (the declaration reads the row)."""
    security = user_with_role(Role.SECURITY_ADMIN, tree.city)
    client.force_login(security)

    def grow(n):
        for _ in range(n):
            domain.grant_role(by=security, grantee=UserFactory(organisation=tree.street), role=Role.LIAISON,
                              organisation=tree.street)

    grow(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/accounts/grants/")
    grow(5)
    with django_assert_max_num_queries(len(one)):
        page = client.get("/accounts/grants/").content.decode()
    assert page.count("/revoke/") == 6  # every active grant but the administrator's own
