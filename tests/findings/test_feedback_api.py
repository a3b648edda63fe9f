"""The inspection side through the API with personal tokens, end to end: the office staffs the
team (a conflict of interest refused without a written reason), records findings, builds the
feedback tree and promotes a finding; the inspected side sees the problems only once the
feedback is given, as on the page; out of scope is 404, a step not allowed 403."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.api_client import (
    bearer,
    fast_passwords,  # noqa: F401  (the fixture)
    post,
)
from tests.factories import PersonFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings.domain import ensure_default_categories
from xuncha.findings.models import Category
from xuncha.people.domain import add_employment
from xuncha.staffing.models import TeamMember

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]





def get(client, url, auth):
    return client.get(f"/api/v1{url}", **auth)


def test_team_findings_and_feedback_through_the_api(tree, client):
    ensure_default_categories()
    today = timezone.localdate()
    inspection = make_inspection(make_term(tree.city), [tree.district], title="对思明区委的巡察")
    office_user = user_with_role(Role.OFFICE, tree.city)
    office, liaison = bearer(office_user), bearer(user_with_role(Role.LIAISON, tree.district))
    outsider = bearer(user_with_role(Role.OFFICE, tree.other_district))
    url = f"/inspections/{inspection.pk}"

    # dates first: staffing is refused before them, with the reason
    leader = PersonFactory(organisation=tree.city, name="王建平")
    refused = post(client, f"{url}/assign_member", office, {"person": leader.pk, "role": "leader"})
    assert refused.status_code == 400 and "进驻" in json.dumps(refused.json(), ensure_ascii=False)
    dates = {"version": inspection.version, "entry_on": str(today - timedelta(days=40)),
             "exit_on": str(today - timedelta(days=10))}
    response = post(client, f"{url}/set_dates", office, dates)
    assert response.status_code == 200, response.content
    assert "assign_member" in response.json()["actions"] and response.json()["feedback_on"] is None

    # the team: a former employee of the inspected district is refused without a written reason
    assert post(client, f"{url}/assign_member", office, {"person": leader.pk, "role": "leader"}).status_code == 200
    former = PersonFactory(organisation=tree.city, name="刘德明")
    add_employment(former, by=None, organisation=tree.street, start=date(2019, 3, 1), end=today)
    conflict = post(client, f"{url}/assign_member", office, {"person": former.pk, "role": "member"})
    assert conflict.status_code == 400 and "梧村街道党工委" in json.dumps(conflict.json(), ensure_ascii=False)
    assert not TeamMember.objects.filter(person=former).exists()
    overridden = post(
        client, f"{url}/assign_member", office,
        {"person": former.pk, "role": "member", "override_reason": "经巡察工作领导小组研究同意"},
    )
    assert overridden.status_code == 200 and len(overridden.json()["team"]) == 2
    member = TeamMember.objects.get(person=former)
    assert get(client, f"/team-members/{member.pk}", office).json()["recusal_override"] == "经巡察工作领导小组研究同意"
    assert get(client, f"/team-members/{member.pk}", outsider).status_code == 404
    assert post(client, f"/team-members/{member.pk}/remove", liaison, {"reason": "x"}).status_code == 403

    # findings and the tree
    category = Category.objects.first()
    finding_in = {"text": "部分党员干部学习不够深入。存在以干代学现象。", "source": "talk",
                  "category": category.pk, "organisation": tree.district.pk}
    assert post(client, f"{url}/record_finding", office, finding_in).status_code == 200
    finding = get(client, f"/findings?inspection={inspection.pk}", office).json()["items"][0]
    assert post(client, f"/findings/{finding['id']}/promote", office, {}).status_code == 400  # no aspect yet
    assert post(client, f"{url}/add_aspect", office, {"title": "落实党的理论和路线方针政策方面"}).status_code == 200
    aspect = inspection.aspects.get()
    added = post(client, f"{url}/add_item", office, {"aspect": aspect.pk, "title": "学习贯彻还有落差"})
    assert added.status_code == 200
    item = aspect.items.get()
    promoted = post(client, f"/findings/{finding['id']}/promote", office, {"aspect": aspect.pk, "item": item.pk})
    assert promoted.status_code == 200 and len(promoted.json()["problems"]) == 1
    assert "promote" not in promoted.json()["actions"]
    assert post(client, f"/findings/{finding['id']}/promote", office, {"aspect": aspect.pk}).status_code == 400
    problem_id = promoted.json()["problems"][0]
    problem = get(client, f"/problems/{problem_id}", office).json()
    assert problem["title"] == "部分党员干部学习不够深入" and "update" in problem["actions"]

    # before the feedback: the inspected side sees no problem, on the page or through the API
    assert get(client, f"/problems/{problem_id}", liaison).status_code == 404
    assert get(client, url, liaison).json()["problems"] == []
    assert get(client, f"/findings/{finding['id']}", liaison).status_code == 404  # findings: never theirs
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    assert client.get(f"/findings/inspection/{inspection.pk}/feedback/").status_code == 404

    # the feedback is given today: the tree is theirs to read, frozen for the office
    given = post(client, f"{url}/set_dates", office, {"version": inspection.version + 1, "feedback_on": str(today)})
    assert given.status_code == 200 and given.json()["feedback_frozen"] is True
    assert client.get(f"/findings/inspection/{inspection.pk}/feedback/").status_code == 200
    seen = get(client, f"/problems/{problem_id}", liaison)
    assert seen.status_code == 200 and seen.json()["actions"] == []
    assert get(client, url, liaison).json()["problems"] == [problem_id]
    assert post(client, f"/problems/{problem_id}/update", liaison, {"title": "改"}).status_code == 403
    unexplained = post(client, f"/problems/{problem_id}/update", office, {"title": "学习还不够到位"})
    assert unexplained.status_code == 400 and "冻结" in json.dumps(unexplained.json(), ensure_ascii=False)
    corrected = post(
        client, f"/problems/{problem_id}/update", office, {"title": "学习还不够到位", "correction_reason": "文字更正"}
    )
    assert corrected.status_code == 200 and corrected.json()["title"] == "学习还不够到位"
    assert get(client, url, office).json()["feedback_version"] == 2

    # out of scope: 404 for every door
    assert get(client, url, outsider).status_code == 404
    assert post(client, f"{url}/add_aspect", outsider, {"title": "x", "correction_reason": "x"}).status_code == 404
    assert get(client, f"/problems/{problem_id}", outsider).status_code == 404


def test_the_schema_lists_the_inspection_side(client):
    from tests.factories import UserFactory
    from xuncha.workflow.actions import REGISTRY

    client.force_login(UserFactory())  # the schema is for signed-in callers
    schema = client.get("/api/v1/openapi.json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"get_inspection", "get_finding", "get_problem", "get_team_member", "list_findings"} <= operations
    exposed = {"inspections.Inspection", "inspections.Indicator", "inspections.InformationRequest",
               "staffing.TeamMember", "findings.Finding", "findings.Problem"}
    missing = [a.name for a in REGISTRY.values() if a.model in exposed and a.name.replace(".", "_") not in operations]
    assert missing == []
