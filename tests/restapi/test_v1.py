"""The REST API v1 driven with personal tokens: the whole rectification loop, scope, tokens'
limits, stale versions, and the schema listing every list, detail and declared action."""

import json
import re
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api_client import (
    bearer,
    fast_passwords,  # noqa: F401  (the fixture)
    post,
)
from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token, revoke_token
from xuncha.plans.domain import set_joint_review
from xuncha.rectification import domain
from xuncha.rectification.models import Measure, Plan
from xuncha.workflow.actions import REGISTRY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64





@pytest.fixture
def people(tree):
    return {
        "office": user_with_role(Role.OFFICE, tree.city),
        "liaison": user_with_role(Role.LIAISON, tree.district),
        "unit": user_with_role(Role.RESPONSIBLE_UNIT, tree.street),
        "outsider": user_with_role(Role.LIAISON, tree.other_district),
    }


def test_the_whole_rectification_loop_through_the_api(tree, people, client):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problem = feedback_with_problems(inspection, 1, organisation=tree.district)[0]
    office, liaison, unit = (bearer(people[k]) for k in ("office", "liaison", "unit"))
    set_joint_review(inspection.term, by=None, plans=[], sign_offs=[])  # the office decides alone

    response = client.post(
        f"/api/v1/inspections/{inspection.pk}/plans?organisation={tree.district.pk}", **liaison
    )
    assert response.status_code == 201, response.content
    plan = response.json()
    assert plan["status"] == "draft" and "submit" in plan["actions"]
    measure_in = {
        "problems": [problem.pk], "target": "目标", "content": "建立台账", "leader": "区委副书记",
        "lead_unit": tree.street.pk, "deadline": "2022-12-31", "standard": "标准",
    }
    response = post(client, f"/api/v1/plans/{plan['id']}/measures", liaison, measure_in)
    assert response.status_code == 201, response.content
    measure = response.json()
    assert post(client, f"/api/v1/plans/{plan['id']}/approve", liaison).status_code == 403
    assert post(client, f"/api/v1/plans/{plan['id']}/submit", liaison).json()["status"] == "submitted"
    approved = post(client, f"/api/v1/plans/{plan['id']}/approve", office)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"

    url = f"/api/v1/measures/{measure['id']}"
    evidence = SimpleUploadedFile("台账.png", PNG, content_type="image/png")
    response = client.post(f"{url}/progress", {"text": "已完成", "status": "done", "evidence": evidence}, **unit)
    assert response.status_code == 200, response.content
    assert Measure.objects.get(pk=measure["id"]).updates.get().evidence.count() == 1
    assert post(client, f"{url}/request_sign_off", unit).json()["sign_off"] == "requested"
    assert post(client, f"{url}/return_sign_off", office, {"reason": ""}).status_code == 400
    returned = post(client, f"{url}/return_sign_off", office, {"reason": "佐证不足"}).json()
    assert returned["sign_off"] == "returned" and returned["status"] == "in_progress"
    client.post(f"{url}/progress", {"text": "补充佐证", "status": "done"}, **unit)
    post(client, f"{url}/request_sign_off", unit)
    assert post(client, f"{url}/approve_sign_off", unit).status_code == 403
    done = post(client, f"{url}/approve_sign_off", office).json()
    assert done["sign_off"] == "approved"
    assert set(done["actions"]) == {"flag", "regulation"}  # a red card or a regulation may still come


@pytest.fixture
def approved(tree, people):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 3, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street, leader=f"领导{n}"))
        for n, p in enumerate(problems)
    ]
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    return inspection, plan, measures


def test_scope_tokens_and_versions(tree, people, approved, client, settings):
    _inspection, _plan, measures = approved
    url = f"/api/v1/measures/{measures[0].pk}"
    assert client.get(url).status_code == 401  # no token, no session
    assert client.get(url, **bearer(people["outsider"])).status_code == 404  # out of scope
    reader = bearer(people["liaison"], scope="read")
    assert client.get(url, **reader).status_code == 200
    asked = {"reason": "延期", "deadline": "2030-01-01"}
    assert post(client, f"{url}/request_change", reader, asked).status_code == 403
    writer = bearer(people["liaison"])
    change = post(client, f"{url}/request_change", writer, {"reason": "延期", "deadline": "2030-01-01"})
    assert change.status_code == 200 and Measure.objects.get(pk=measures[0].pk).deadline == date(2022, 12, 31)
    # an edit based on a stale version: 409 with what changed
    office = bearer(people["office"])
    version = client.get(url, **office).json()["version"]
    domain.update_measure(Measure.objects.get(pk=measures[0].pk), by=None, expected_version=version, leader="区长")
    stale = client.patch(url, json.dumps({"version": version, "leader": "书记"}), content_type="application/json",
                         **office)
    assert stale.status_code == 409 and any(c["field"] == "leader" for c in stale.json()["changes"])
    # revoked and expired tokens are refused
    token, secret = create_token(people["office"], name="一次性", scope="write")
    revoke_token(token, by=people["office"])
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer xc_forged.secret").status_code == 401


def test_a_token_is_rate_limited(people, approved, client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.XUNCHA_API_RATE = "3/min"
    auth = bearer(people["office"])
    codes = [client.get(f"/api/v1/plans/{approved[1].pk}", **auth).status_code for _ in range(5)]
    cache.clear()
    assert codes == [200, 200, 200, 429, 429]


def test_the_session_needs_its_csrf_token(people, approved, client):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["liaison"])
    url = f"/api/v1/measures/{approved[2][0].pk}/request_change"
    response = browser.post(url, json.dumps({"reason": "延期", "deadline": "2030-01-01"}),
                            content_type="application/json")
    assert response.status_code == 403
    assert browser.get(f"/api/v1/measures/{approved[2][0].pk}").status_code == 200


def test_the_schema_lists_every_list_detail_and_action(tree, client):
    from xuncha.lists.declarations import REGISTRY as LISTS

    client.force_login(user_with_role(Role.OFFICE, tree.city))
    schema = client.get("/api/v1/openapi.json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    for name in LISTS:
        assert f"list_{name}" in operations
    details = {"get_plan", "get_measure", "get_change", "measure_edit", "measure_progress", "plan_add_measure"}
    assert details <= operations
    exposed = {"rectification.Plan", "rectification.Measure", "rectification.MeasureChange"}
    for action in REGISTRY.values():
        if action.model in exposed:
            assert action.name.replace(".", "_") in operations or action.name in {
                "plan.add_measure", "measure.edit", "measure.progress"
            }


@pytest.mark.parametrize(
    "query",
    ["", "status=not_started", "leader=领导1", "q=措施&sign_off=none", "deadline_to=2022-12-31", "overdue=1"],
)
def test_page_excel_and_api_give_the_same_rows(tree, people, approved, client, query):
    _inspection, _plan, measures = approved
    domain.post_progress(measures[1], by=None, text="推进", status="in_progress")
    user = people["liaison"]
    client.force_login(user)
    page = client.get(f"/ledger/?{query}").content.decode()
    from_page = {int(pk) for pk in re.findall(r'href="/rectification/measures/(\d+)/"', page)}
    book = openpyxl.load_workbook(BytesIO(client.get(f"/ledger/export.xlsx?{query}").content))
    from_excel = {row[0] for row in book.active.iter_rows(min_row=2, values_only=True) if row[0] is not None}
    client.logout()
    items = client.get(f"/api/v1/measures?{query}", **bearer(user)).json()["items"]
    from_api = {item["id"] for item in items}
    assert from_page == from_excel == from_api
    expected = set(Measure.objects.filter(plan__in=Plan.objects.all()).values_list("pk", flat=True))
    assert from_api <= expected and (query == "overdue=1" or from_api)


def test_the_inspected_side_cannot_move_an_approved_deadline_through_the_api(tree, people, approved, client):
    """Issue 13, finding 6, from the attacker's side: the liaison's token may read the measure but
    neither edit an approved commitment nor approve its own request; nothing moves."""
    _inspection, _plan, measures = approved
    url = f"/api/v1/measures/{measures[0].pk}"
    liaison = bearer(people["liaison"])
    version = client.get(url, **liaison).json()["version"]
    moved = client.patch(url, json.dumps({"version": version, "deadline": "2030-12-31"}),
                         content_type="application/json", **liaison)
    assert moved.status_code == 403
    asked = post(client, f"{url}/request_change", liaison, {"reason": "延期", "deadline": "2030-12-31"}).json()
    change = Measure.objects.get(pk=measures[0].pk).changes.get()
    assert asked["deadline"] == "2022-12-31" and change.status == "pending"
    assert post(client, f"/api/v1/changes/{change.pk}/approve", liaison).status_code == 403
    assert Measure.objects.get(pk=measures[0].pk).deadline == date(2022, 12, 31)


def test_an_archived_organisation_listed_by_the_api_opens_in_its_detail(tree, client):
    from xuncha.orgs.domain import archive_organisation

    archive_organisation(tree.community, by=None, reason="撤并")
    auth = bearer(user_with_role(Role.OFFICE, tree.city))
    listed = [row["id"] for row in client.get("/api/v1/organisations?archived=1&limit=500", **auth).json()["items"]]
    assert tree.community.pk in listed
    assert client.get(f"/api/v1/organisations/{tree.community.pk}", **auth).status_code == 200
