"""Talks and visits (谈话、走访): the talk plan and its progress from rows, recording a talk with
what came of it, and confidentiality on every channel (page, list, export, API, history, audit,
the findings and clues linked from it)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.downloads import download_name
from tests.factories import PersonFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.findings.domain import ensure_default_categories, record_finding
from xuncha.findings.models import Category
from xuncha.staffing.domain import assign_member
from xuncha.talks.domain import add_plan_item, edit_talk, record_talk
from xuncha.talks.models import Talk

pytestmark = pytest.mark.django_db
NOTES = "谈话对象反映街道工程项目招投标存在围标串标嫌疑，涉及某副主任。"


@pytest.fixture
def world(tree):
    ensure_default_categories()
    term = make_term(tree.city)
    inspection = make_inspection(term, [tree.street], entry_on=date(2021, 3, 1), exit_on=date(2021, 4, 30))
    other = make_inspection(term, [tree.other_street], entry_on=date(2021, 3, 1), exit_on=date(2021, 4, 30),
                            title="另一次巡察", team_name="市委第二巡察组")
    team_user = user_with_role(Role.TEAM_MEMBER, tree.city)
    team_user.person = PersonFactory(name="组员甲", organisation=tree.city)
    team_user.save()
    assign_member(inspection, by=None, person=team_user.person, role="member")
    other_team = user_with_role(Role.TEAM_MEMBER, tree.city)
    other_team.person = PersonFactory(name="组员乙", organisation=tree.city)
    other_team.save()
    assign_member(other, by=None, person=other_team.person, role="member")
    office = user_with_role(Role.OFFICE, tree.city)
    secretary = add_plan_item(inspection, by=office, kind="talk", category="党组织书记", required=1)
    cadres = add_plan_item(inspection, by=office, kind="talk", category="班子成员", required=3)
    visits = add_plan_item(inspection, by=office, kind="visit", category="困难群众", required=2)
    finding = record_finding(
        inspection, by=office, text="工程项目招投标管理不规范", source="talk",
        category=Category.objects.first(), organisation=tree.street,
    )
    talk = record_talk(
        inspection, by=team_user, kind="talk", held_on=date(2021, 3, 5), subject_name="张某某",
        subject_position="街道党工委书记", subject_organisation=tree.street, notes=NOTES, plan_item=secretary,
        interviewers=[team_user.person], findings=[finding],
    )
    record_talk(inspection, by=office, kind="talk", held_on=date(2021, 3, 6), subject_name="李某",
                notes="谈话记录二", plan_item=cadres)
    return {"inspection": inspection, "other": other, "team": team_user, "other_team": other_team,
            "office": office, "talk": talk, "finding": finding, "items": (secretary, cadres, visits)}


def test_the_plan_progress_is_counted_from_the_records(tree, world, client):
    client.force_login(world["office"])
    page = client.get(f"/talks/inspection/{world['inspection'].pk}/").content.decode()
    assert [b.strip() for b in _badges(page)] == ["1 / 1", "1 / 3", "0 / 2"]
    # an archived record no longer counts
    client.post(f"/talks/{world['talk'].pk}/archive/", {"reason": "重复录入"})
    page = client.get(f"/talks/inspection/{world['inspection'].pk}/").content.decode()
    assert _badges(page)[0].strip() == "0 / 1"


def _badges(page: str) -> list[str]:
    import re

    return re.findall(r'data-testid="plan-progress">([^<]+)<', page)


def test_team_records_a_talk_through_the_page(tree, world, client):
    client.force_login(world["team"])
    inspection = world["inspection"]
    response = client.post(
        f"/talks/inspection/{inspection.pk}/new/",
        {"kind": "visit", "held_on": "2021-03-08", "subject_name": "王大妈", "notes": "走访困难群众，反映低保审核慢。",
         "plan_item": world["items"][2].pk, "interviewers": [world["team"].person.pk]},
    )
    assert response.status_code == 302
    talk = Talk.objects.get(subject_name="王大妈")
    assert talk.recorded_by == world["team"] and list(talk.interviewers.all()) == [world["team"].person]
    # nothing without notes, and a finding of another inspection cannot be linked
    client.post(f"/talks/inspection/{inspection.pk}/new/", {"kind": "talk", "held_on": "2021-03-08",
                                                             "subject_name": "空白", "notes": ""})
    assert not Talk.objects.filter(subject_name="空白").exists()
    other_finding = record_finding(
        world["other"], by=world["office"], text="别处的问题", source="talk",
        category=Category.objects.first(), organisation=tree.other_street,
    )
    with pytest.raises(ValidationError):
        record_talk(inspection, by=world["office"], kind="talk", held_on=date(2021, 3, 9), subject_name="某",
                    notes="x", findings=[other_finding])


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.LIAISON, "street"),
        (Role.RESPONSIBLE_UNIT, "street"),
        (Role.DISCIPLINE_REVIEWER, "city"),
        (Role.ORGANISATION_REVIEWER, "city"),
        (Role.LEADERSHIP, "city"),
        (Role.OFFICE, "other_district"),
    ],
)
def test_nobody_else_reads_a_talk_on_any_channel(tree, world, client, role, scope):
    user = user_with_role(role, getattr(tree, scope))
    client.force_login(user)
    inspection, talk = world["inspection"], world["talk"]
    for url in (f"/talks/{talk.pk}/", f"/talks/{talk.pk}/edit/", f"/talks/inspection/{inspection.pk}/",
                f"/talks/inspection/{inspection.pk}/export.xlsx"):
        assert client.get(url).status_code == 404, url
    assert NOTES not in client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert client.post(f"/talks/{talk.pk}/archive/", {"reason": "x"}).status_code == 404
    assert not Talk.objects.get(pk=talk.pk).is_archived


def test_another_team_does_not_read_it(world, client):
    client.force_login(world["other_team"])
    assert client.get(f"/talks/{world['talk'].pk}/").status_code == 404
    assert client.get(f"/talks/inspection/{world['inspection'].pk}/").status_code == 404


def test_reads_are_logged_and_the_audit_log_holds_no_text(world, client):
    client.force_login(world["team"])
    page = client.get(f"/talks/{world['talk'].pk}/").content.decode()
    assert NOTES in page and "工程项目招投标管理不规范" in page  # the linked finding, readable by the team
    export = client.get(f"/talks/inspection/{world['inspection'].pk}/export.xlsx")
    name, plain = download_name(export)
    assert name.startswith("谈话走访-对测试单位的巡察-") and name.endswith(".xlsx") and "张某某" not in name
    assert plain.startswith("talks-")
    codes = set(AuditEvent.objects.filter(actor=world["team"]).values_list("action", flat=True))
    assert {"talks.talk.viewed", "talks.talk.exported", "talks.talk.recorded"} <= codes
    for event in AuditEvent.objects.filter(action__startswith="talks."):
        text = str(event.data) + str(getattr(event, "summary", ""))
        assert "张某某" not in text and "围标" not in text


def test_the_history_keeps_the_earlier_notes_for_those_who_read_the_record(world, client):
    talk = world["talk"]
    edit_talk(talk, by=world["office"], version=talk.version, notes="更正后的谈话记录")
    client.force_login(world["team"])
    page = client.get(f"/talks/{talk.pk}/").content.decode()
    assert "更正后的谈话记录" in page and 'data-testid="history"' in page
    client.force_login(user_with_role(Role.LIAISON, talk.inspection.targets.first().organisation))
    assert client.get(f"/talks/{talk.pk}/").status_code == 404


def test_a_stale_edit_is_refused(world, client):
    talk = world["talk"]
    client.force_login(world["office"])
    edit_talk(talk, by=world["office"], version=talk.version, place="街道会议室")
    response = client.post(
        f"/talks/{talk.pk}/edit/",
        {"version": talk.version, "kind": "talk", "held_on": "2021-03-05", "subject_name": "张某某", "notes": "覆盖"},
    )
    assert response.status_code == 200
    assert Talk.objects.get(pk=talk.pk).notes == NOTES


def test_the_list_costs_the_same_for_more_records(world, client):
    client.force_login(world["office"])
    url = f"/talks/inspection/{world['inspection'].pk}/"
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for index in range(5):
        record_talk(world["inspection"], by=world["office"], kind="talk", held_on=date(2021, 3, 10 + index),
                    subject_name=f"对象{index}", notes="记录", plan_item=world["items"][1])
    assert count() == before


def test_the_api_reads_and_records_within_scope(world, client):
    from tests.api_client import bearer

    inspection = world["inspection"]
    headers = bearer(world["team"])
    body = {"kind": "talk", "held_on": "2021-03-12", "subject_name": "赵某", "notes": "API 记录",
            "findings": [world["finding"].pk]}
    response = client.post(f"/api/v1/inspections/{inspection.pk}/record_talk", body,
                           content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["findings"] == [world["finding"].pk]
    talk_id = response.json()["id"]
    assert client.get(f"/api/v1/talks/{talk_id}", **headers).json()["notes"] == "API 记录"
    outsider = bearer(user_with_role(Role.LIAISON, inspection.targets.first().organisation))
    assert client.get(f"/api/v1/talks/{talk_id}", **outsider).status_code == 404
    assert client.post(f"/api/v1/inspections/{inspection.pk}/record_talk", body,
                       content_type="application/json", **outsider).status_code in (403, 404)
