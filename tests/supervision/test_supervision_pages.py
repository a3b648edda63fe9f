from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import dated_inspection
from tests.supervision.conftest import DEADLINE, approved_plan, days_before
from xuncha.supervision import documents as domain
from xuncha.supervision.interviews import record_interview
from xuncha.supervision.models import Interview, MeasureWarning, SupervisionDocument, WarningRule
from xuncha.supervision.notifications import notify

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _warnings(world, n):
    for measure in world.measures[MeasureWarning.objects.count() : n]:
        MeasureWarning.objects.create(measure=measure, step="red", deadline=DEADLINE, reached_on=DEADLINE)


def _document(world, n):
    return domain.draft_document(
        world.inspection,
        by=world.office,
        kind="notice",
        addressee=world.tree.district,
        measures=world.measures[:n],
        today=days_before(5),
    )


def _interview(world):
    return record_interview(
        world.inspection,
        by=world.office,
        organisation=world.tree.district,
        held_on=timezone.localdate(),
        interviewers=[world.tree.people["city"]],
        interviewees=[world.tree.people["district"], world.tree.people["street"]],
        reason="整改逾期",
        summary="约谈要求限期整改",
    )


def _documents(world, n):
    for _ in range(n - SupervisionDocument.objects.count()):
        _document(world, 1)


def _interviews(world, n):
    for _ in range(n - Interview.objects.count()):
        _interview(world)


def _notifications(world, n):
    for i in range(n - world.office.notifications.count()):
        notify([world.office], title=f"通知{i}")


@pytest.mark.parametrize(
    ("url", "grow"),
    [
        ("warnings", _warnings),
        ("inspection_warnings", _warnings),
        ("documents", _documents),
        ("interviews", _interviews),
        ("notifications", _notifications),
    ],
)
def test_list_query_count_does_not_grow_with_rows(world, client, url, grow):
    client.force_login(world.office)
    path = reverse(f"supervision:{url}", args=[world.inspection.pk] if url == "inspection_warnings" else [])
    grow(world, 1)
    one = _queries(client, path)
    grow(world, 3)
    three = _queries(client, path)
    assert one == three, f"{url}: {one} queries with 1 row, {three} with 3"


def test_warning_page_filters_by_step_and_counts_each(world, client):
    from xuncha.supervision.escalation import compute_warnings

    compute_warnings(days_before(20))
    compute_warnings(days_before(-1))
    client.force_login(world.office)
    url = reverse("supervision:inspection_warnings", args=[world.inspection.pk])
    page = client.get(url).content.decode()
    assert page.count('data-step="green"') == 3 and page.count('data-step="red"') == 3
    red = client.get(url + "?step=red").content.decode()
    assert red.count('data-step="red"') == 3 and 'data-step="green"' not in red
    one = client.get(url + f"?measure={world.measures[0].pk}").content.decode()
    assert one.count("data-step=") == 2


def test_office_drafts_edits_issues_and_downloads_through_the_pages(world, client, tree):
    inspection = dated_inspection(tree, title="第二轮巡察", feedback_on=date(2021, 6, 25))
    _plan, measures = approved_plan(tree, inspection, deadline=timezone.localdate() + timedelta(days=15))
    client.force_login(world.office)
    form_page = client.get(reverse("supervision:document_create") + f"?inspection={inspection.pk}")
    assert form_page.status_code == 200
    response = client.post(
        reverse("supervision:document_create") + f"?inspection={inspection.pk}",
        {"kind": "reminder", "addressee": tree.district.pk, "measures": [measures[0].pk]},
    )
    document = SupervisionDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("supervision:document", args=[document.pk])
    refused = client.post(
        reverse("supervision:document_create") + f"?inspection={inspection.pk}",
        {"kind": "warning_letter", "addressee": tree.district.pk, "measures": [measures[0].pk]},
    )
    assert refused.status_code == 200 and SupervisionDocument.objects.count() == 1
    assert "alert-danger" in refused.content.decode()
    edit = reverse("supervision:document_edit", args=[document.pk])
    client.post(
        edit, {"version": document.version, "title": document.title, "body": "新的正文", "due_on": document.due_on}
    )
    document.refresh_from_db()
    assert document.body == "新的正文"
    client.post(reverse("supervision:document_issue", args=[document.pk]), {"on": timezone.localdate().isoformat()})
    document.refresh_from_db()
    assert document.status == "issued" and document.number.startswith("巡督〔")
    detail = client.get(reverse("supervision:document", args=[document.pk])).content.decode()
    assert document.number in detail and "新的正文" in detail


def test_office_records_and_corrects_an_interview(world, client, tree):
    client.force_login(world.office)
    url = reverse("supervision:interview_create") + f"?inspection={world.inspection.pk}"
    assert client.get(url).status_code == 200
    data = {
        "organisation": tree.district.pk,
        "held_on": timezone.localdate().isoformat(),
        "place": "市委巡察办会议室",
        "interviewers": [tree.people["city"].pk],
        "interviewees": [tree.people["district"].pk],
        "reason": "整改逾期",
        "summary": "要求限期整改",
        "measures": [world.measures[0].pk],
    }
    assert client.post(url, data).status_code == 302
    interview = Interview.objects.get()
    assert list(interview.measures.all()) == [world.measures[0]]
    edit = reverse("supervision:interview_edit", args=[interview.pk])
    assert (
        client.post(edit, {**data, "version": interview.version, "summary": "已要求一个月内整改到位"}).status_code
        == 302
    )
    interview.refresh_from_db()
    assert interview.summary == "已要求一个月内整改到位" and interview.version == 2
    future = {**data, "held_on": (timezone.localdate() + timedelta(days=3)).isoformat()}
    assert client.post(url, future).status_code == 200 and Interview.objects.count() == 1


def test_term_settings_page_saves_the_ladder_for_the_office_only(world, client):
    term = world.inspection.term
    url = reverse("supervision:term_settings", args=[term.pk])
    data = {
        "ladder": "1",
        "green_enabled": "on",
        "green_offset": "-25",
        "green_recipients": ["handler"],
        "yellow_enabled": "on",
        "yellow_offset": "-7",
        "yellow_recipients": ["handler", "responsible_leader"],
        "red_enabled": "on",
        "red_offset": "1",
        "red_recipients": ["lead_unit", "principal_leader", "office"],
    }
    client.force_login(world.principal)  # leadership over the district: not a reader of the city's term
    assert client.get(url).status_code == 404
    client.force_login(world.office)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    assert dict(WarningRule.objects.values_list("step", "offset_days")) == {"green": -25, "yellow": -7, "red": 1}
    bad = client.post(url, {**data, "yellow_offset": "-30"})
    assert bad.status_code == 200 and "alert-danger" in bad.content.decode()
    assert WarningRule.objects.get(step="yellow").offset_days == -7
    settings_post = client.post(
        url, {"number_prefix": "厦巡督", "issuer_name": "中共厦门市委巡察工作领导小组办公室", "answer_days": "10"}
    )
    assert settings_post.status_code == 302


def test_document_and_interview_dates_are_shown_and_kept_when_saved_unchanged(world, client, tree):
    from tests.html_forms import shown_value, unchanged_post

    document = _document(world, 1)
    interview = _interview(world)
    client.force_login(world.office)
    edit = reverse("supervision:document_edit", args=[document.pk])
    page = client.get(edit)
    assert shown_value(page, "due_on") == document.due_on.isoformat()
    assert client.post(edit, unchanged_post(page, "due_on")).status_code == 302
    assert SupervisionDocument.objects.get(pk=document.pk).due_on == document.due_on
    edit = reverse("supervision:interview_edit", args=[interview.pk])
    page = client.get(edit)
    assert shown_value(page, "held_on") == interview.held_on.isoformat()
    assert client.post(edit, unchanged_post(page, "held_on")).status_code == 302
    saved = Interview.objects.get(pk=interview.pk)
    assert saved.held_on == interview.held_on and saved.version == interview.version + 1
