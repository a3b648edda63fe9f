"""The clue list on every channel (page, Excel export, API list) and the clue's detail on the
page and the API follow one rule: the same rows for the same filter; a role out of scope sees
nothing; reporters' identities never appear, and text whose identities cannot be checked is
withheld; every read is logged."""

import io
import json
import re
from datetime import date

import openpyxl
import pytest
from django.test import override_settings

from tests.factories import OrganisationFactory, dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token
from xuncha.audit.models import AuditEvent
from xuncha.clues import domain
from xuncha.orgs.enums import OrgKind
from xuncha.petitions.domain import receive_petition
from xuncha.petitions.identity import Identity

pytestmark = pytest.mark.django_db
SECRET = "违规收受购物卡"
REPORTER, PHONE = "举报人王小明", "13800009999"
OTHER_KEYS = f"other9:{'ab' * 16}"  # a key ring without the key the stored identities use


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def case(tree):
    inspection = dated_inspection(tree)
    office, second = user_with_role(Role.OFFICE, tree.city), user_with_role(Role.OFFICE, tree.city)
    commission = OrganisationFactory(parent=tree.city, name="市纪委监委", kind=OrgKind.DISCIPLINE_COMMISSION)
    petition = receive_petition(
        inspection, by=None, channel="letter", received_on=date(2021, 1, 15),
        content=f"{REPORTER}（电话{PHONE}）反映{SECRET}", identity=Identity(name=REPORTER, phone=PHONE),
    )
    made = []
    for n, name in enumerate(["丁某", "戊某", "己某"]):
        who = f"{REPORTER}（电话{PHONE}）" if n == 0 else "群众"  # the first is built on the petition
        made.append(domain.create_clue(
            inspection, by=None, allegation=f"{who}反映{name}{SECRET}", source="talk",
            received_on=date(2021, 1, 20 + n), persons=[{"name": name, "rank": "section"}],
            petition=petition if n == 0 else None,
        ))
    transferred = domain.sign_clue(domain.sign_clue(made[1], by=office), by=second)
    domain.transfer_clue(
        transferred, by=office, receiving_body=commission, receiving_kind="discipline", on=date(2021, 2, 1)
    )
    return {"inspection": inspection, "office": office, "commission": commission, "clues": made}


def _page_ids(client, query=""):
    page = client.get(f"/clues/?{query}")
    return {int(pk) for pk in re.findall(r'href="/clues/(\d+)/"', page.content.decode())}, page


def _excel(client, query=""):
    response = client.get(f"/clues/export.xlsx?{query}")
    if response.status_code != 200:
        return set(), ""
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return {r[0] for r in rows[1:] if r[0] is not None}, " ".join(str(v) for r in rows for v in r if v)


def _api(client, user, url):
    _token, secret = create_token(user, name="脚本")
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")


def _text(response) -> str:
    """A JSON answer's text as a person reads it (not \\u-escaped)."""
    return json.dumps(response.json(), ensure_ascii=False) if response.status_code == 200 else ""


def _channels(client, user, case):
    """What `user` gets from each channel: ids listed and the text shown."""
    client.force_login(user)
    page_ids, page = _page_ids(client)
    excel_ids, excel_text = _excel(client)
    clue = case["clues"][1]
    detail = client.get(f"/clues/{clue.pk}/")
    client.logout()
    listing = _api(client, user, "/api/v1/clues")
    api_detail = _api(client, user, f"/api/v1/clues/{clue.pk}")
    return {
        "page": (page_ids, page.content.decode() if page.status_code == 200 else ""),
        "excel": (excel_ids, excel_text),
        "api list": ({i["id"] for i in listing.json()["items"]}, _text(listing)),
        "page detail": (set(), detail.content.decode() if detail.status_code == 200 else ""),
        "api detail": (set(), _text(api_detail)),
    }


@pytest.mark.parametrize("query", ["", "status=received", "q=戊某", "q=丁某&status=transferred", "sort=-received_on",
                                   "receiving_kind=discipline", "received_from=2021-01-21", "inspection={inspection}"])
def test_page_excel_and_api_list_agree(case, client, query):
    query = query.format(inspection=case["inspection"].pk)
    office = case["office"]
    client.force_login(office)
    from_page, _page = _page_ids(client, query)
    from_excel, _text = _excel(client, query)
    client.logout()
    from_api = [i["id"] for i in _api(client, office, f"/api/v1/clues?{query}").json()["items"]]
    assert from_page == from_excel == set(from_api)
    if not query:
        assert len(from_api) == 3  # positive control: the office sees all three


def test_sorting_orders_the_page_and_the_api_alike(case, client):
    office = case["office"]
    ids = [c.pk for c in case["clues"]]  # received on the 20th, 21st, 22nd
    assert [i["id"] for i in _api(client, office, "/api/v1/clues?sort=received_on").json()["items"]] == ids
    assert [i["id"] for i in _api(client, office, "/api/v1/clues?sort=-received_on").json()["items"]] == ids[::-1]
    assert _api(client, office, "/api/v1/clues?sort=allegation").status_code == 400
    client.force_login(office)
    page = client.get("/clues/?sort=received_on").content.decode()
    assert [int(pk) for pk in re.findall(r'href="/clues/(\d+)/"', page)] == ids


@pytest.mark.parametrize(
    "role", [Role.LIAISON, Role.RESPONSIBLE_UNIT, Role.LEADERSHIP, Role.ORGANISATION_REVIEWER, Role.SYSTEM_ADMIN,
             Role.AUDITOR, Role.IDENTITY_READER],
)
def test_a_role_out_of_scope_sees_nothing_on_any_channel(tree, case, client, role):
    seen = _channels(client, user_with_role(role, tree.city), case)
    for channel, (ids, text) in seen.items():
        assert ids == set(), channel
        assert SECRET not in text and "丁某" not in text and "戊某" not in text, channel


def test_the_discipline_reviewer_sees_only_the_clue_its_body_received(case, client):
    reviewer = user_with_role(Role.DISCIPLINE_REVIEWER, case["commission"])
    seen = _channels(client, reviewer, case)
    transferred = case["clues"][1].pk
    assert seen["page"][0] == seen["excel"][0] == seen["api list"][0] == {transferred}
    assert "戊某" in seen["api detail"][1] and "戊某" in seen["page detail"][1]  # positive control


def test_no_channel_shows_the_reporters_identity(case, client):
    seen = _channels(client, case["office"], case)
    for channel, (_ids, text) in seen.items():
        assert SECRET in text, channel  # positive control: the office reads the allegations
        assert REPORTER not in text and PHONE not in text, channel


def test_text_is_withheld_on_every_channel_when_an_identity_cannot_be_checked(case, client):
    """The first clue is built on a petition whose identity cannot be opened on this server:
    its allegation cannot be scrubbed, so no channel shows it."""
    with override_settings(XUNCHA_IDENTITY_KEYS=OTHER_KEYS):
        client.force_login(case["office"])
        first = case["clues"][0]
        page = client.get("/clues/?q=丁某").content.decode()
        _ids, excel = _excel(client, "q=丁某")
        detail = client.get(f"/clues/{first.pk}/").content.decode()
        client.logout()
        listing = _text(_api(client, case["office"], "/api/v1/clues?q=丁某"))
        api_detail = _text(_api(client, case["office"], f"/api/v1/clues/{first.pk}"))
    for channel, text in {"page": page, "excel": excel, "page detail": detail, "api list": listing,
                          "api detail": api_detail}.items():
        assert f"丁某{SECRET}" not in text and REPORTER not in text, channel
    item = json.loads(listing)["items"][0]
    assert item["id"] == first.pk and item["allegation"].startswith(("（", "("))  # the withheld note instead
    assert f">{first.reference}<" in page  # positive control: the row is there, its text is not


def test_every_channel_logs_the_read(case, client):
    office = case["office"]
    _channels(client, office, case)
    pk = str(case["clues"][1].pk)
    logged = set(AuditEvent.objects.filter(actor=office).naming(pk).values_list("action", flat=True))
    assert {"clues.clue.listed", "clues.clue.exported", "clues.clue.viewed"} <= logged
    listed = AuditEvent.objects.filter(actor=office, action="clues.clue.listed").naming(pk).count()
    assert listed == 2  # the page and the API list


def test_the_clue_list_reads_a_fixed_number_of_queries(case, client, django_assert_max_num_queries):
    client.force_login(case["office"])
    with django_assert_max_num_queries(30) as one:
        client.get("/clues/?q=丁某")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/clues/")


def test_searching_by_a_reporters_identity_finds_nothing(case, client):
    """The search reads the allegation as it is shown: the reporter's name or phone, scrubbed
    from the text, does not find the clue built on the petition (it would name the reporter)."""
    office = case["office"]
    first = case["clues"][0].pk
    client.force_login(office)
    assert first in _page_ids(client, f"q={SECRET}")[0] and first in _page_ids(client, "q=丁某")[0]  # control
    for text in (REPORTER, PHONE, "王小明"):
        assert first not in _page_ids(client, f"q={text}")[0]
        assert first not in _excel(client, f"q={text}")[0]
        assert first not in {i["id"] for i in _api(client, office, f"/api/v1/clues?q={text}").json()["items"]}
