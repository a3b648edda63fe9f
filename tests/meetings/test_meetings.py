"""Meetings: the order the rules set, who sees what (the inspected side never the committee's
own meetings, clue links only to clue readers), follow-up items on the owner's workbench and
escalated by the daily warning run, the leaders' figure, the minutes."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.downloads import download_name
from tests.meetings.conftest import ALLEGATION, decided, feedback_meeting
from xuncha.accounts.tokens import create_token
from xuncha.meetings import domain
from xuncha.meetings.enums import FollowUpStatus, MeetingKind
from xuncha.meetings.models import FollowUpItem
from xuncha.restapi.v1 import build
from xuncha.supervision.models import Notification

pytestmark = pytest.mark.django_db


def test_a_feedback_meeting_waits_for_the_secretary_meetings_decision(world):
    with pytest.raises(ValidationError) as refused:
        feedback_meeting(world)
    assert "inspection" in refused.value.error_dict
    decided(world)
    meeting = feedback_meeting(world)
    assert meeting.attendances.filter(as_leader=True).count() == 3


def test_the_secretary_meeting_decides_only_after_the_leading_group_heard_the_report(world):
    term = world.inspection.term
    special = domain.record_meeting(
        term, by=world.office, kind=MeetingKind.SECRETARY, title="书记专题会议", held_on=date(2021, 3, 5)
    )
    with pytest.raises(ValidationError) as refused:
        domain.add_agenda_item(
            special, by=world.office, title="审议", inspection=world.inspection, decides_feedback=True
        )
    assert "decides_feedback" in refused.value.error_dict
    group = domain.record_meeting(
        term, by=world.office, kind=MeetingKind.LEADING_GROUP, title="领导小组会议", held_on=date(2021, 3, 1)
    )
    with pytest.raises(ValidationError):  # only the 书记专题会 decides
        domain.add_agenda_item(
            group, by=world.office, title="听取汇报", inspection=world.inspection, decides_feedback=True
        )
    domain.add_agenda_item(group, by=world.office, title="听取汇报", inspection=world.inspection)
    domain.add_agenda_item(special, by=world.office, title="审议", inspection=world.inspection, decides_feedback=True)
    with pytest.raises(ValidationError):  # decided once
        domain.add_agenda_item(
            special, by=world.office, title="再审议", inspection=world.inspection, decides_feedback=True
        )


def test_the_inspection_page_names_the_meeting_that_decided_its_feedback(world, client):
    _group, special = decided(world)
    feedback = feedback_meeting(world)
    client.force_login(world.office)
    page = client.get(f"/inspections/{world.inspection.pk}/").content.decode()
    assert f"/meetings/{special.pk}/" in page and f"/meetings/{feedback.pk}/" in page
    client.force_login(world.liaison)  # the inspected side: its feedback meeting, not the committee's
    page = client.get(f"/inspections/{world.inspection.pk}/").content.decode()
    assert f"/meetings/{feedback.pk}/" in page
    assert f"/meetings/{special.pk}/" not in page and "书记专题会议" not in page
    detail = client.get(f"/meetings/{feedback.pk}/").content.decode()
    assert f"/inspections/{world.inspection.pk}/" in detail  # the feedback meeting links to its inspection


def test_who_sees_which_meeting(world, client):
    group, special = decided(world)
    feedback = feedback_meeting(world)
    for user, seen in [
        (world.office, {group, special, feedback}),
        (world.leader, {group, special, feedback}),
        (world.liaison, {feedback}),
        (world.other_office, set()),
    ]:
        client.force_login(user)
        for meeting in (group, special, feedback):
            expected = 200 if meeting in seen else 404
            assert client.get(f"/meetings/{meeting.pk}/").status_code == expected, (user, meeting.kind)
            assert client.get(f"/meetings/{meeting.pk}/minutes.docx").status_code == expected
    client.force_login(world.liaison)
    assert client.get("/meetings/").status_code == 200
    assert client.get(f"/meetings/{group.pk}/edit/").status_code == 404
    client.force_login(world.leader)  # reads, never writes
    assert client.get(f"/meetings/{group.pk}/edit/").status_code == 404
    assert client.get("/meetings/new/").status_code == 404


def test_a_clue_link_reaches_only_those_who_may_read_the_clue(world, client):
    from xuncha.clues.queries import clues_for_user

    decided(world)
    feedback = feedback_meeting(world)
    item = domain.add_agenda_item(
        feedback, by=world.office, title="通报移交线索情况", inspection=world.inspection, clue=world.clue
    )
    assert clues_for_user(world.office).filter(pk=world.clue.pk).exists()
    assert not clues_for_user(world.liaison).filter(pk=world.clue.pk).exists()
    build()
    for user, sees in [(world.office, True), (world.liaison, False)]:
        client.force_login(user)
        page = client.get(f"/meetings/{feedback.pk}/").content.decode()
        assert (f"/clues/{world.clue.pk}/" in page) is sees
        assert ALLEGATION not in page and "丁某某" not in page
        minutes = client.get(f"/meetings/{feedback.pk}/minutes.docx").content
        assert ALLEGATION.encode() not in minutes
        _token, secret = create_token(user, name="t", scope="read")
        data = client.get(f"/api/v1/meetings/{feedback.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
        (shown,) = [a for a in data["agenda"] if a["id"] == item.pk]
        assert (shown["clue_id"] == world.clue.pk) is sees
        assert ALLEGATION not in str(data)
    # the audit trail and the history keep ids, never the clue's text
    from xuncha.audit.models import AuditEvent

    assert not any(ALLEGATION in str(e.data) for e in AuditEvent.objects.filter(action__startswith="meetings."))


def test_a_follow_up_item_reaches_its_owner_and_escalates_when_overdue(world, client):
    from xuncha.supervision.tasks import run_warnings

    decided(world)
    feedback = feedback_meeting(world)
    item = domain.add_follow_up(
        feedback,
        by=world.office,
        description="约谈相关社区负责人并报送情况",
        owner=world.owner,
        deadline=date(2021, 4, 20),
    )
    assert Notification.objects.filter(user=world.owner, url=f"/meetings/follow-ups/{item.pk}/").exists()
    client.force_login(world.owner)
    home = client.get("/").content.decode()
    assert f"/meetings/follow-ups/{item.pk}/" in home and 'data-testid="follow-up-warning"' not in home
    assert client.get(f"/meetings/follow-ups/{item.pk}/").status_code == 200
    client.force_login(world.liaison)  # another account of the same organisation: not the owner
    assert client.post(f"/meetings/follow-ups/{item.pk}/done/", {"note": "x"}).status_code == 404

    summary = run_warnings.call("2021-04-20")  # on the deadline: not overdue yet
    assert summary["follow_ups_escalated"] == 0
    summary = run_warnings.call("2021-04-21")
    assert summary["follow_ups_escalated"] == 1
    assert run_warnings.call("2021-04-22")["follow_ups_escalated"] == 0  # once
    item.refresh_from_db()
    assert item.escalated_on == date(2021, 4, 21)
    told = set(
        Notification.objects.filter(url=f"/meetings/follow-ups/{item.pk}/", level="red").values_list(
            "user_id", flat=True
        )
    )
    assert told == {world.owner.pk, world.office.pk}
    assert not Notification.objects.filter(user=world.other_office).exists()
    client.force_login(world.owner)
    home = client.get("/").content.decode()
    assert 'data-testid="follow-up-warning"' in home
    response = client.post(f"/meetings/follow-ups/{item.pk}/done/", {"note": "已约谈3名社区书记", "on": "2021-04-25"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == FollowUpStatus.DONE and item.done_note == "已约谈3名社区书记"
    assert 'data-testid="follow-up-warning"' not in client.get("/").content.decode()


def test_a_follow_up_owner_outside_the_committee_is_refused(world):
    from tests.factories import OrganisationFactory, user_with_role
    from xuncha.accounts.enums import Role

    decided(world)
    feedback = feedback_meeting(world)
    outsider = user_with_role(Role.OFFICE, OrganisationFactory(name="外市"))
    with pytest.raises(ValidationError) as refused:
        domain.add_follow_up(feedback, by=world.office, description="x", owner=outsider, deadline=date(2021, 4, 1))
    assert "owner" in refused.value.error_dict


def test_leader_attendances_are_counted_from_rows_with_a_drill_down(world, client):
    from xuncha.meetings.figures import leader_counts
    from xuncha.meetings.queries import meetings_for_user

    decided(world)
    feedback_meeting(world)  # 3 leaders
    feedback_meeting(world, leaders=world.leaders[:2], held_on=date(2022, 1, 5))  # 2 more, next year
    counts = leader_counts(meetings_for_user(world.office))
    assert [(c.year, c.count) for c in counts] == [(None, 5), (2021, 3), (2022, 2)]
    client.force_login(world.leader)
    page = client.get(f"/meetings/figures/?term={world.inspection.term_id}&year=2022").content.decode()
    assert page.count("分管领导0") == 1 and page.count("分管领导1") == 1 and "分管领导2" not in page
    client.force_login(world.other_office)
    assert leader_counts(meetings_for_user(world.other_office)) == []


def test_the_list_filters_by_kind_and_year_in_a_constant_number_of_queries(
    world, client, django_assert_max_num_queries
):
    decided(world)
    client.force_login(world.office)
    with CaptureQueriesContext(connection) as few:
        page = client.get("/meetings/?kind=leading_group").content.decode()
    assert page.count('href="/meetings/') - page.count('href="/meetings/new') >= 1
    made = [feedback_meeting(world, held_on=date(2021, 3, 20) + timedelta(days=n)) for n in range(3)]
    with django_assert_max_num_queries(len(few)):
        page = client.get("/meetings/?kind=feedback&year=2021").content.decode()
    assert all(f'href="/meetings/{m.pk}/"' in page for m in made) and "领导小组第1次会议" not in page
    later = client.get("/meetings/?kind=feedback&year=2020").content.decode()
    assert not any(f'href="/meetings/{m.pk}/"' in later for m in made)


def test_the_minutes_are_an_official_document_named_for_the_meeting(world, client):
    _group, special = decided(world)
    domain.add_follow_up(
        special, by=world.office, description="督促按期报送整改方案", owner=world.office, deadline=date(2021, 4, 30)
    )
    client.force_login(world.office)
    response = client.get(f"/meetings/{special.pk}/minutes.docx")
    assert response.status_code == 200
    name, plain = download_name(response)
    assert name == f"{'会议纪要'}-书记专题会-20210306.docx" and plain == f"minutes-{special.pk}-20210306.docx"
    from io import BytesIO

    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "书记专题会议纪要" in text and "审议巡察报告" in text and "督促按期报送整改方案" in text


def test_archived_or_done_items_leave_the_queue(world):
    from xuncha.workbench.queues import QUEUES, items

    decided(world)
    feedback = feedback_meeting(world)
    item = domain.add_follow_up(
        feedback, by=world.office, description="报送情况", owner=world.owner, deadline=date(2021, 4, 20)
    )
    assert [t.obj.pk for t in items(QUEUES["followup.complete"], world.owner).todos] == [item.pk]
    assert items(QUEUES["followup.complete"], world.liaison).todos == []
    domain.complete_follow_up(item, by=world.owner, note="已完成", on=date(2021, 4, 2))
    assert items(QUEUES["followup.complete"], world.owner).todos == []
    assert FollowUpItem.objects.get(pk=item.pk).done_on == date(2021, 4, 2)


def test_the_office_records_and_corrects_a_meeting_on_its_pages(world, client):
    from xuncha.meetings.models import Meeting

    decided(world)
    client.force_login(world.office)
    form = client.get(f"/meetings/new/?inspection={world.inspection.pk}&kind=feedback").content.decode()
    assert 'type="date"' in form
    response = client.post(
        "/meetings/new/",
        {
            "term": world.inspection.term_id,
            "kind": "feedback",
            "title": "巡察反馈会议",
            "held_on": "2021-03-20",
            "inspection": world.inspection.pk,
            "attendees": [world.chair.pk],
            "leaders": [p.pk for p in world.leaders[:2]],
            "leader_role": "市级分管领导",
        },
    )
    meeting = Meeting.objects.get(kind=MeetingKind.FEEDBACK)
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.attendances.count() == 3 and meeting.attendances.filter(as_leader=True).count() == 2
    edit = {
        "version": meeting.version,
        "kind": "feedback",
        "title": "巡察反馈会议（更正）",
        "held_on": "2021-03-20",
        "place": "区委会议室",
        "inspection": world.inspection.pk,
        "attendees": [world.chair.pk],
        "leaders": [world.leaders[0].pk],
        "leader_role": "市级分管领导",
    }
    assert client.post(f"/meetings/{meeting.pk}/edit/", edit).status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "区委会议室" and meeting.attendances.filter(as_leader=True).count() == 1
    stale = client.post(f"/meetings/{meeting.pk}/edit/", edit)  # the old version again
    assert stale.status_code == 200 and "该记录已被他人保存" in stale.content.decode()
    # a feedback meeting before the decision is refused on the page, with the reason
    refused = client.post(
        "/meetings/new/",
        {
            "term": world.inspection.term_id,
            "kind": "feedback",
            "title": "过早的反馈会",
            "held_on": "2021-02-01",
            "inspection": world.inspection.pk,
        },
    )
    assert refused.status_code == 200 and "书记专题会尚未决定" in refused.content.decode()
