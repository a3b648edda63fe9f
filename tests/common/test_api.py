"""Common-problem lists through the API, through the same declared steps as the pages: the
office creates a list on its term, adds a category, marks a problem and publishes; the reached
street answers its self-check with evidence; a street never sees the list itself nor the problems
its items came from."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api_client import bearer, post
from tests.common.conftest import make_list
from xuncha.common.models import CommonList, SelfCheck
from xuncha.findings.domain import add_aspect, add_problem

pytestmark = pytest.mark.django_db


def test_the_office_builds_and_publishes_a_list_through_the_api(client, world):
    auth = bearer(world.users.office)
    made = post(client, f"/terms/{world.term.pk}/create_common_list", auth,
                {"title": "共性问题清单", "due_on": "2024-06-30"})
    assert made.status_code == 200, made.content
    assert "create_common_list" in made.json()["actions"]
    common_list = CommonList.objects.get()
    assert (common_list.title, common_list.due_on) == ("共性问题清单", date(2024, 6, 30))
    added = post(client, f"/common-lists/{common_list.pk}/add_category", auth, {"name": "村级财务管理"})
    assert added.status_code == 200 and added.json()["categories"] == 1
    refused = post(client, f"/common-lists/{common_list.pk}/publish", auth)
    assert refused.status_code == 400  # no items yet
    assert post(client, f"/terms/{world.term.pk}/create_common_list", bearer(world.users.other_office),
                {"title": "越权"}).status_code == 404
    assert CommonList.objects.count() == 1


def test_marking_a_problem_through_the_api_takes_one_of_the_terms_problems(client, world, tree):
    common_list = make_list(world)
    item = common_list.categories.get().items.order_by("order").first()
    aspect = add_aspect(world.inspection, by=None, title="方面", today=date(2000, 1, 1))
    problem = add_problem(world.inspection, by=None, aspect=aspect, title="白条入账", organisation=world.inspected,
                          today=date(2000, 1, 1))
    auth = bearer(world.users.office)
    marked = post(client, f"/common-items/{item.pk}/mark_problem", auth, {"problem": problem.pk})
    assert marked.status_code == 200, marked.content
    assert marked.json()["source_problems"] == [problem.pk]
    unknown = post(client, f"/common-items/{item.pk}/mark_problem", auth, {"problem": problem.pk + 1000})
    assert unknown.status_code == 400
    unmarked = post(client, f"/common-items/{item.pk}/unmark_problem", auth, {"problem": problem.pk})
    assert unmarked.status_code == 200 and unmarked.json()["source_problems"] == []


def test_a_reached_street_answers_its_self_check_with_evidence(client, world, tree):
    common_list = make_list(world, publish=True)
    check = SelfCheck.objects.filter(reach__organisation=tree.street).order_by("pk").first()
    liaison = bearer(world.users.liaison)
    assert client.get(f"/api/v1/common-lists/{common_list.pk}", **liaison).status_code == 404
    item = check.item
    assert client.get(f"/api/v1/common-items/{item.pk}", **liaison).status_code == 404
    assert client.get(f"/api/v1/self-checks/{check.pk}", **liaison).status_code == 200
    other = SelfCheck.objects.filter(reach__organisation=world.third).first()
    assert client.get(f"/api/v1/self-checks/{other.pk}", **liaison).status_code == 404

    url = f"/api/v1/self-checks/{check.pk}/record"
    bad = client.post(url, {"status": "not_started"}, **liaison)
    assert bad.status_code == 400
    upload = SimpleUploadedFile("整改台账.pdf", b"%PDF-1.4\n% self-check\n", content_type="application/pdf")
    answer = client.post(url, {"status": "fixed", "note": "已全部规范入账", "evidence": [upload]}, **liaison)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["status"] == "fixed" and len(body["evidence"]) == 1
    check.refresh_from_db()
    assert check.status == "fixed" and check.evidence.get().name == "整改台账.pdf"
    office_try = client.post(url, {"status": "fixing"}, **bearer(world.users.office))
    assert office_try.status_code == 403  # the office reads, the street answers
    other_try = client.post(f"/api/v1/self-checks/{other.pk}/record", {"status": "fixing"}, **liaison)
    assert other_try.status_code == 404
