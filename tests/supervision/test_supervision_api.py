"""Supervision documents and interviews through the API with tokens: the document's whole
round (edit the draft, issue, answer, return, answer again, close), the interview recorded and
corrected, with the pages' scope (404 out of scope, 403 for a reader), 409 on a stale version,
and the lists agreeing with the pages and their Excel exports."""

import re
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from tests.api_client import bearer, post
from tests.factories import user_with_role
from tests.supervision.conftest import days_before
from xuncha.accounts.enums import Role
from xuncha.supervision import documents as domain
from xuncha.supervision.models import Interview

pytestmark = pytest.mark.django_db




def test_a_supervision_document_through_the_api(world, client):
    document = domain.draft_document(
        world.inspection, by=world.office, kind="notice", addressee=world.tree.district,
        measures=world.measures[:1], today=days_before(10),
    )
    office, liaison, outsider = bearer(world.office), bearer(world.liaison), bearer(world.other_liaison)
    url = f"/api/v1/documents/{document.pk}"
    draft = client.get(url, **office).json()
    assert draft["status"] == "draft" and {"edit", "issue", "discard"} <= set(draft["actions"])
    assert client.get(url, **liaison).status_code == 404  # drafts stay with the office
    edited = post(client, f"{url}/edit", office, {"version": draft["version"], "title": "关于加快整改的通知"})
    assert edited.status_code == 200 and edited.json()["title"] == "关于加快整改的通知"
    stale = post(client, f"{url}/edit", office, {"version": draft["version"], "title": "旧版本"})
    assert stale.status_code == 409
    issued = post(client, f"{url}/issue", office, {"on": str(days_before(9))}).json()
    assert issued["status"] == "issued" and issued["number"]
    assert post(client, f"{url}/answer", office, {"answer": "代答"}).status_code == 403  # the addressee answers
    assert client.get(url, **outsider).status_code == 404
    assert post(client, f"{url}/answer", outsider, {"answer": "越权"}).status_code == 404
    assert post(client, f"{url}/answer", liaison, {"answer": " "}).status_code == 400
    answered = post(client, f"{url}/answer", liaison, {"answer": "已整改", "answered_on": str(days_before(8))})
    assert answered.json()["status"] == "answered"
    returned = post(client, f"{url}/return", office, {"reason": "答复不具体"}).json()
    assert returned["status"] == "issued" and returned["return_reason"] == "答复不具体"
    post(client, f"{url}/answer", liaison, {"answer": "已逐项整改并附佐证", "answered_on": str(days_before(7))})
    closed = post(client, f"{url}/close", office, {"on": str(days_before(6))}).json()
    assert closed["status"] == "closed" and closed["actions"] == []


def test_an_interview_through_the_api(world, client, tree):
    office, principal, outsider = bearer(world.office), bearer(world.principal), bearer(world.other_liaison)
    payload = {
        "organisation": tree.district.pk, "held_on": str(days_before(3)), "place": "市委巡察办会议室",
        "interviewers": [tree.people["city"].pk], "interviewees": [tree.people["district"].pk],
        "reason": "整改逾期", "summary": "要求限期整改", "measures": [world.measures[0].pk],
    }
    url = f"/api/v1/inspections/{world.inspection.pk}/interviews"
    assert post(client, url, principal, payload).status_code == 403  # leadership reads, records nothing
    assert post(client, url, office, {**payload, "organisation": tree.other_district.pk}).status_code == 400
    response = post(client, url, office, payload)
    assert response.status_code == 201, response.content
    interview = response.json()
    assert interview["measures"] == [world.measures[0].pk] and interview["actions"] == ["update"]
    detail = f"/api/v1/interviews/{interview['id']}"
    assert client.get(detail, **principal).json()["actions"] == []
    assert client.get(detail, **outsider).status_code == 404
    corrected = post(client, f"{detail}/update", office, {"version": 1, "summary": "已要求一个月内整改到位"})
    assert corrected.status_code == 200 and corrected.json()["summary"] == "已要求一个月内整改到位"
    assert corrected.json()["measures"] == [world.measures[0].pk]  # links left out stay
    assert post(client, f"{detail}/update", office, {"version": 1, "summary": "旧"}).status_code == 409
    assert post(client, f"{detail}/update", principal, {"version": 2, "summary": "越权"}).status_code == 403
    assert Interview.objects.get(pk=interview["id"]).version == 2


@pytest.mark.parametrize(("name", "url", "pattern"), [
    ("documents", "supervision:documents", r'href="/supervision/documents/(\d+)/"'),
    ("interviews", "supervision:interviews", r'href="/supervision/interviews/(\d+)/"'),
    ("warnings", "supervision:warnings", r'data-warning="(\d+)"'),
])
@pytest.mark.parametrize("who", ["office", "liaison", "other_liaison"])
def test_page_excel_and_api_list_agree(world, client, tree, name, url, pattern, who):
    from tests.supervision.conftest import DEADLINE
    from xuncha.supervision import interviews
    from xuncha.supervision.models import MeasureWarning

    for n in range(2):
        draft = domain.draft_document(world.inspection, by=world.office, kind="notice", addressee=tree.district,
                                      measures=world.measures[:1], today=days_before(10))
        if n:
            domain.issue_document(draft, by=world.office, on=days_before(9))
        interviews.record_interview(
            world.inspection, by=world.office, organisation=tree.district, held_on=days_before(3 + n),
            interviewers=[tree.people["city"]], interviewees=[tree.people["district"]], reason="逾期", summary="要求",
        )
    for measure in world.measures[:2]:
        MeasureWarning.objects.create(measure=measure, step="red", deadline=DEADLINE, reached_on=DEADLINE)
    user = getattr(world, who)
    client.force_login(user)
    page = client.get(reverse(url)).content.decode()
    from_page = {int(pk) for pk in re.findall(pattern, page)}
    export = client.get(reverse(url) + "export.xlsx")
    book = openpyxl.load_workbook(BytesIO(export.content))
    from_excel = {row[0] for row in book.active.iter_rows(min_row=2, values_only=True) if row[0] is not None}
    client.logout()
    from_api = {item["id"] for item in client.get(f"/api/v1/{name}", **bearer(user)).json()["items"]}
    assert from_page == from_excel == from_api
    if who == "office":
        assert from_api  # positive control
    if who == "other_liaison":
        assert from_api == set()


def test_the_schema_lists_the_supervision_details_and_steps(tree, client):
    from xuncha.workflow.actions import for_model

    client.force_login(user_with_role(Role.OFFICE, tree.city))  # the schema is for signed-in callers
    schema = client.get("/api/v1/openapi.json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"get_document", "get_interview", "inspection_record_interview", "interview_update"} <= operations
    assert {"list_documents", "list_interviews", "list_warnings", "list_plans"} <= operations
    steps = for_model("supervision.SupervisionDocument") + for_model("supervision.Interview")
    assert {a.name.replace(".", "_") for a in steps if a.name != "interview.update"} <= operations
