"""The audit log page for the auditor: filters by date range, actor, event type and object type,
the export of exactly the filtered events, no case text of clues or petitions on any channel,
and a query count that does not grow with the rows."""

import io
import json
import re
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.downloads import download_name
from tests.factories import UserFactory, dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token
from xuncha.audit import chain
from xuncha.audit.domain import record_event
from xuncha.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
ALLEGATION = "反映某科长违规收受购物卡"
ACCUSED = "丁某某"
REPORTER = "王小明"
PHONE = "13800007777"
PETITION_TEXT = "反映某社区违规发放补贴"


def _at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _page_ids(client, query: str = "", among=None) -> set[int]:
    """The events a page shows; `among`: only those of these (setting the scene logs events too)."""
    response = client.get(f"/audit/?{query}")
    assert response.status_code == 200
    shown = {int(pk) for pk in re.findall(r'data-row="(\d+)"', response.content.decode())}
    return shown if among is None else shown & among


def _export(client, query: str = ""):
    response = client.get(f"/audit/export.xlsx?{query}")
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return response, rows


@pytest.fixture
def log(tree):
    """Events by two actors on three days, about an organisation and an account, in the
    district; one in 湖里区 that a district auditor may not read."""
    alice = UserFactory(username="alice", organisation=tree.street)
    bob = UserFactory(username="bob", organisation=tree.street)

    def event(code, *, actor, obj, day, path=None):
        return chain.append(
            [
                AuditEvent(
                    at=_at(day),
                    action=code,
                    actor=actor,
                    actor_name=actor.username,
                    object_type=obj._meta.label_lower,
                    object_id=str(obj.pk),
                    object_repr=str(obj),
                    org_path=path or tree.street.path,
                )
            ]
        )[0]

    return {
        "moved": event("orgs.organisation.moved", actor=alice, obj=tree.street, day=date(2026, 1, 5)),
        "updated": event("orgs.organisation.updated", actor=bob, obj=tree.community, day=date(2026, 3, 1)),
        "reset": event("accounts.user.password_reset", actor=bob, obj=alice, day=date(2026, 3, 31)),
        "elsewhere": event(
            "orgs.organisation.updated", actor=alice, obj=tree.other_street, day=date(2026, 3, 1),
            path=tree.other_street.path,
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"moved", "updated", "reset"}),
        ("from=2026-03-01", {"updated", "reset"}),
        ("to=2026-03-01", {"moved", "updated"}),  # the whole last day
        ("from=2026-03-01&to=2026-03-01", {"updated"}),
        ("from=2026年3月1日&to=2026年3月30日", {"updated"}),  # dates as people write them
        ("from=2026/3/31", {"reset"}),
        ("actor=bob", {"updated", "reset"}),
        ("actor=BOB", {"updated", "reset"}),
        ("actor=bo", set()),  # an actor is one account, not a part of its name
        ("action=orgs.organisation.updated", {"updated"}),
        ("action=orgs", {"moved", "updated"}),  # every event of an app
        ("action=org", set()),  # not a prefix of a word
        ("object_type=orgs.organisation", {"moved", "updated"}),
        ("object_type=accounts.user", {"reset"}),
        ("object_type=accounts.user&actor=alice", set()),
        ("object_type=nonsense.model", {"moved", "updated", "reset"}),  # not a type: ignored
        ("from=2026-02-30", {"moved", "updated", "reset"}),  # not a day: ignored
    ],
)
def test_filters_narrow_the_page_and_the_export_alike(tree, client, log, query, expected):
    client.force_login(user_with_role(Role.AUDITOR, tree.district))
    wanted = {log[name].pk for name in expected}
    mine = {event.pk for event in log.values()}
    assert _page_ids(client, query, mine) == wanted
    _response, rows = _export(client, query)
    assert {row[0] for row in rows[1:]} & mine == wanted
    assert log["elsewhere"].pk not in _page_ids(client, "action=orgs")  # outside the district


def test_page_shows_the_filters_chosen_and_the_range_in_chinese(tree, client, log):
    client.force_login(user_with_role(Role.AUDITOR, tree.district))
    page = client.get(
        "/audit/?from=2026-03-01&to=2026年3月31日&actor=bob&object_type=accounts.user&action=accounts",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()
    assert "时间范围：2026年3月1日至2026年3月31日。" in page
    assert 'name="from" value="2026-03-01"' in page and 'name="to" value="2026-03-31"' in page
    assert 'name="actor" value="bob"' in page
    assert '<option value="accounts.user" selected>' in page
    assert '<option value="accounts" selected>账号与角色（全部）</option>' in page
    assert '<optgroup label="问题线索">' in page
    # the export next to the filters carries them
    assert 'href="/audit/export.xlsx?from=2026-03-01&amp;to=2026%E5%B9%B43%E6%9C%8831%E6%97%A5&amp;actor=bob' in page
    # each row links to the events of its actor and of its record
    assert f'href="?object_type=accounts.user&amp;object={log["reset"].object_id}"' in page
    assert 'href="?actor=bob"' in page


def test_object_link_narrows_to_one_record(tree, client, log):
    client.force_login(user_with_role(Role.AUDITOR, tree.district))
    query = f"object_type=orgs.organisation&object={tree.community.pk}"
    shown = _page_ids(client, query)
    assert log["updated"].pk in shown and log["moved"].pk not in shown
    about = set(AuditEvent.objects.filter(pk__in=shown).values_list("object_type", "object_id"))
    assert about == {("orgs.organisation", str(tree.community.pk))}
    assert "仅显示一条记录的事件。" in client.get(f"/audit/?{query}", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()


def test_export_is_named_for_the_log_and_its_period(tree, client, log):
    client.force_login(user_with_role(Role.AUDITOR, tree.district))
    response, _rows = _export(client, "from=2026-01-01&to=2026-03-31")
    today = f"{timezone.localdate():%Y%m%d}"
    assert download_name(response) == (f"审计日志-20260101至20260331-{today}.xlsx", f"audit_events-{today}.xlsx")


def _case_events(tree):
    """A clue and a petition worked on through the domain and the pages, as the office does."""
    from xuncha.accounts.domain import grant_role
    from xuncha.clues.domain import create_clue
    from xuncha.findings.domain import ensure_default_categories
    from xuncha.petitions.domain import receive_petition
    from xuncha.petitions.identity import Identity, reveal

    ensure_default_categories()
    inspection = dated_inspection(tree)
    office = user_with_role(Role.OFFICE, tree.city, username="office")
    grant_role(by=None, grantee=office, role=Role.IDENTITY_READER, organisation=tree.city)
    clue = create_clue(
        inspection, by=office, allegation=ALLEGATION, source="talk", received_on=date(2021, 1, 20),
        persons=[{"name": ACCUSED, "rank": "section"}],
    )
    petition = receive_petition(
        inspection, by=office, channel="letter", received_on=date(2021, 1, 15),
        content=f"{PETITION_TEXT}，举报人{REPORTER}，电话{PHONE}。",
        identity=Identity(name=REPORTER, phone=PHONE, workplace="湖里区某公司", address="厦门市某路1号"),
    )
    reveal(petition, by=office, category="verify", reason=f"核实{REPORTER}身份")
    return inspection, office, clue, petition


def test_clue_and_petition_events_carry_no_identity_or_allegation_on_any_channel(tree, client):
    inspection, office, clue, petition = _case_events(tree)
    client.force_login(office)
    # positive control: the office reads the case itself, and its reads are logged
    assert ALLEGATION in client.get(f"/clues/{clue.pk}/").content.decode()
    assert PETITION_TEXT in client.get(f"/petitions/{petition.pk}/").content.decode()
    client.get("/clues/")
    client.get(f"/clues/export.xlsx?inspection={inspection.pk}")
    client.get("/petitions/")

    auditor = user_with_role(Role.AUDITOR, tree.city)
    client.force_login(auditor)
    page = client.get("/audit/?action=clues", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    page += client.get("/audit/?object_type=petitions.petition", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    _response, rows = _export(client)
    exported = " ".join(str(cell) for row in rows for cell in row if cell is not None)
    _token, secret = create_token(auditor, name="审计")
    api = client.get("/api/v1/audit_events?limit=500", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    api = json.dumps(api, ensure_ascii=False)
    codes = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"clues.clue.received", "clues.clue.viewed", "clues.clue.listed", "clues.clue.exported"} <= codes
    assert {"petitions.petition.received", "petitions.identity.revealed", "petitions.petition.viewed"} <= codes
    for channel in (page, exported, api):
        assert f"问题线索 #{clue.pk}" in channel  # the events are there, naming the record by number
        for secret_text in (ALLEGATION, "购物卡", ACCUSED, REPORTER, PHONE, PETITION_TEXT, "湖里区某公司"):
            assert secret_text not in channel
    assert "查看问题线索" in page and "查阅举报人身份信息" in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("query", ["", "from=2020-01-01&to=2099-12-31&object_type=orgs.organisation&action=orgs"])
def test_query_count_does_not_grow_with_rows(tree, client, query):
    client.force_login(user_with_role(Role.AUDITOR, tree.city))
    actors = [UserFactory(username=f"clerk{n}", organisation=tree.street) for n in range(3)]

    def grow(n, start):
        for actor in actors[start : start + n]:
            record_event("orgs.organisation.updated", actor=actor, obj=tree.street)

    before = len(client.get(f"/audit/?{query}").context["page"])  # setting the scene logged some
    grow(1, 0)
    one, response = _queries(client, f"/audit/?{query}")
    assert len(response.context["page"]) == before + 1
    grow(2, 1)
    three, response = _queries(client, f"/audit/?{query}")
    assert len(response.context["page"]) == before + 3
    assert one == three


def test_the_day_filter_uses_the_time_index_not_a_conversion(tree):
    """`from`/`to` compare the stored time with local midnights, so the database can use the index
    on `at` (at__date would convert each row's time first)."""
    from xuncha.audit.lists import AUDIT_EVENTS

    auditor = user_with_role(Role.AUDITOR, tree.city)
    sql = str(AUDIT_EVENTS.rows(auditor, {"from": "2026-03-01", "to": "2026-03-31"}).query)
    assert "django_datetime_cast_date" not in sql and "::date" not in sql
    assert AUDIT_EVENTS.parse({"to": "2026-03-31"})["to"] + timedelta(days=1) == date(2026, 4, 1)


def test_a_list_read_is_one_event_per_scope_naming_each_record(tree, client):
    """A read of several records (issue 19) writes one event per organisation path among them,
    its ids in the data the HMAC covers, and the search by record finds every one of them; the
    chain still verifies, and neither the event nor its index of records can be changed."""
    from django.db import DatabaseError, connection, transaction

    from xuncha.audit import chain
    from xuncha.audit.domain import record_events
    from xuncha.audit.models import AuditEvent, AuditEventObject

    auditor = user_with_role(Role.AUDITOR, tree.city)
    before = AuditEvent.objects.count()
    record_events("orgs.organisation.updated", actor=auditor, objs=[tree.city, tree.street, tree.district, tree.street])
    events = list(AuditEvent.objects.order_by("seq")[before:])
    assert len(events) == 3  # one per path: the city, the street (named twice), the district
    by_path = {e.org_path: e for e in events}
    street, city = by_path[tree.street.path], by_path[tree.city.path]
    assert street.data == {"ids": [tree.street.pk, tree.street.pk]} and street.object_id == ""
    assert street.object_repr.endswith("×2")
    assert city.object_id == str(tree.city.pk) and city.data == {}  # one record: named as record_event names it
    updated = AuditEvent.objects.filter(action="orgs.organisation.updated")
    assert list(updated.naming(tree.street.pk)) == [street]
    assert list(updated.naming(tree.city.pk)) == [city]
    assert chain.verify().broken is None
    client.force_login(auditor)
    mine = {e.pk for e in events}
    assert _page_ids(client, f"object={tree.street.pk}", mine) == {street.pk}  # the auditor's search by record
    page = client.get("/audit/", {"action": "orgs.organisation.updated"}).content.decode()
    named = page.split(f'data-row="{street.pk}"', 1)[1].split("</tr>", 1)[0]
    assert f'href="?object_type=orgs.organisation&amp;object={tree.street.pk}">#{tree.street.pk}</a>' in named
    client.force_login(user_with_role(Role.AUDITOR, tree.district))  # each event keeps its records' scope
    assert _page_ids(client, "action=orgs.organisation.updated", mine) == {street.pk, by_path[tree.district.path].pk}
    link = AuditEventObject.objects.filter(event=street).first()
    with pytest.raises(PermissionError):
        link.save()
    with pytest.raises(PermissionError):
        AuditEventObject.objects.filter(event=street).update(object_id="1")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditeventobject SET object_id = '1'")
