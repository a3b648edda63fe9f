"""The petitions and immediate-fixes lists (one declaration each, `petitions.lists`): the same
filter gives the same rows on the page, in its Excel export and from the API; no channel ever
carries a reporter's identity; the pages, exports and API pages cost the same queries whatever
their length."""

import io
import json
import re
from datetime import date

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_inspection
from tests.petitions.conftest import REPORTER, new_petition
from xuncha.accounts.tokens import create_token
from xuncha.petitions import domain

pytestmark = pytest.mark.django_db

CONTENT = f"反映社区违规发放补贴子丑寅，举报人{REPORTER.name}，电话{REPORTER.phone}，单位{REPORTER.workplace}。"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rows(world):
    """Petitions in every state and channel, fixes open, done and overdue, in the team's
    inspection and in another one of the same term the team is not on."""
    office, tree = world["users"]["office"], world["tree"]
    other = make_inspection(world["inspection"].term, [tree.other_district], title="湖里区巡察")
    received = new_petition(world, content=CONTENT)
    refused = domain.refuse_petition(new_petition(world, content="重复反映"), by=office, reason="重复")
    _p, fix = domain.triage_to_fix(
        new_petition(world, content=CONTENT), by=office, organisation=tree.street,
        description=f"据{REPORTER.name}（电话{REPORTER.phone}）反映，请立即整改补贴。",
        handed_over_on=date(2021, 1, 16), deadline=date(2021, 1, 31),
    )
    domain.record_fix_result(fix, by=world["users"]["unit"], result="已追回补贴", on=date(2021, 1, 20))
    elsewhere = domain.receive_petition(
        other, by=office, channel="visit", received_on=date(2021, 2, 1), content="湖里区反映", identity=REPORTER
    )
    open_fix = domain.hand_over_fix(
        world["inspection"], by=office, organisation=tree.community, description="台账不全",
        handed_over_on=date(2021, 1, 16), deadline=date(2021, 1, 31),
    )
    other_fix = domain.hand_over_fix(
        other, by=office, organisation=tree.other_street, description="湖里整改",
        handed_over_on=date(2021, 2, 2), deadline=date(2099, 1, 31),
    )
    return {"received": received, "refused": refused, "elsewhere": elsewhere, "fix": fix, "open_fix": open_fix,
            "other_fix": other_fix, "other": other}


def _channels(client, user, path, query, link):
    """The ids of the rows shown by the page, the Excel export and the API for one filter."""
    client.force_login(user)
    page = client.get(f"/petitions/{path}?{query}")
    from_page = {int(pk) for pk in re.findall(rf'href="/petitions/{link}(\d+)/"', page.content.decode())}
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/petitions/{path}export.xlsx?{query}").content))
    from_excel = {row[0] for row in list(book.active.iter_rows(values_only=True))[1:] if row[0] is not None}
    client.logout()
    _token, secret = create_token(user, name="脚本")
    name = "fixes" if path else "petitions"
    items = client.get(f"/api/v1/{name}?{query}", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["items"]
    return from_page, from_excel, {item["id"] for item in items}


@pytest.mark.parametrize(
    "query", ["", "status=received", "status=triaged&outcome=not_accepted", "q=补贴", "channel=visit",
              "inspection={inspection}", "received_from=2021-01-20"],
)
@pytest.mark.parametrize("role", ["office", "team"])
def test_petitions_page_excel_and_api_agree(world, rows, client, query, role):
    query = query.format(inspection=world["inspection"].pk)
    from_page, from_excel, from_api = _channels(client, world["users"][role], "", query, "")
    assert from_page == from_excel == from_api
    if role == "team":
        assert rows["elsewhere"].pk not in from_api  # the team sees its own inspection only
    if not query:
        assert len(from_page) == (3 if role == "team" else 4)  # positive control


@pytest.mark.parametrize(
    "query", ["", "status=open", "status=done", "overdue=1", "q=台账", "organisation={street}",
              "inspection={inspection}"],
)
@pytest.mark.parametrize("role", ["office", "unit", "liaison"])
def test_fixes_page_excel_and_api_agree(world, rows, client, query, role):
    query = query.format(inspection=world["inspection"].pk, street=world["tree"].street.pk)
    from_page, from_excel, from_api = _channels(client, world["users"][role], "fixes/", query, "fixes/")
    assert from_page == from_excel == from_api
    if not query:
        expected = {"office": 3, "unit": 2, "liaison": 2}[role]  # unit and liaison: their subtree
        assert len(from_page) == expected
    if query == "overdue=1" and role == "office":
        assert from_page == {rows["open_fix"].pk}


def _texts(client, user):
    """Everything the lists show a user, channel by channel."""
    client.force_login(user)
    seen = {}
    for name, url in (("petition page", "/petitions/"), ("fix page", "/petitions/fixes/")):
        seen[name] = client.get(url).content.decode()
    for name, url in (("petition excel", "/petitions/export.xlsx"), ("fix excel", "/petitions/fixes/export.xlsx")):
        response = client.get(url)
        if response.status_code != 200:  # the petitions are not the unit's nor the liaison's
            seen[name] = ""
            continue
        cells = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        seen[name] = " ".join(str(v) for row in cells for v in row if v)
    client.logout()
    _token, secret = create_token(user, name="脚本")
    for name in ("petitions", "fixes"):
        response = client.get(f"/api/v1/{name}", HTTP_AUTHORIZATION=f"Bearer {secret}")
        seen[f"{name} api"] = json.dumps(response.json(), ensure_ascii=False)
    return seen


@pytest.mark.parametrize("role", ["office", "team", "unit", "liaison"])
def test_no_list_channel_carries_a_reporters_identity(world, rows, client, role):
    seen = _texts(client, world["users"][role])
    if role in {"office", "team"}:
        for channel in ("petition page", "petition excel", "petitions api"):
            assert "反映社区违规发放补贴子丑寅" in seen[channel], channel  # positive control: the content is there
    for channel in ("fix page", "fix excel", "fixes api"):
        assert "请立即整改补贴" in seen[channel], channel  # positive control: the fix is there
    for secret in (REPORTER.name, REPORTER.phone, REPORTER.workplace, REPORTER.address):
        assert [channel for channel, text in seen.items() if secret in text] == []


def _queries(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **headers).status_code == 200
    return len([q for q in ctx.captured_queries if not q["sql"].lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))])


@pytest.mark.parametrize(
    "urls",
    [("/petitions/", "/petitions/export.xlsx", "/api/v1/petitions"),
     ("/petitions/fixes/", "/petitions/fixes/export.xlsx", "/api/v1/fixes")],
)
def test_lists_read_a_fixed_number_of_queries(world, client, urls):
    office, tree = world["users"]["office"], world["tree"]
    _token, secret = create_token(office, name="脚本")

    def add():
        petition = new_petition(world, content=CONTENT)
        domain.triage_to_fix(petition, by=office, organisation=tree.street, description="请整改",
                             handed_over_on=date(2021, 1, 16), deadline=date(2021, 1, 31))

    def counts():
        client.force_login(office)
        found = [_queries(client, urls[0]), _queries(client, urls[1])]
        client.logout()
        return [*found, _queries(client, urls[2], HTTP_AUTHORIZATION=f"Bearer {secret}")]

    add()
    counts()  # the token's first use is recorded once, not per row
    one = counts()
    add()
    add()
    assert counts() == one


def test_the_api_list_logs_every_petition_it_shows_as_the_page_does(world, rows, client):
    from xuncha.audit.models import AuditEvent

    _token, secret = create_token(world["users"]["team"], name="脚本")
    items = client.get("/api/v1/petitions", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["items"]
    logged = AuditEvent.objects.filter(action="petitions.petition.listed", actor=world["users"]["team"])
    assert len(items) == 3 and all(logged.naming(i["id"]).count() == 1 for i in items)
    assert sorted(pk for e in logged for pk in e.data.get("ids", [])) == sorted(i["id"] for i in items)
