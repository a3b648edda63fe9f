"""Meetings through the API: recording one (the committee's office only), correcting it with
its version (409 when stale), the steps, and the follow-up item done by its owner."""

import pytest

from tests.meetings.conftest import decided
from xuncha.accounts.tokens import create_token
from xuncha.restapi.v1 import build

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, secret = create_token(user, name="t", scope="write")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_record_correct_and_follow_up_through_the_api(world, client):
    build()
    group, special = decided(world)
    office = _auth(world.office)
    body = {
        "term": world.inspection.term_id,
        "kind": "feedback",
        "title": "巡察反馈会议",
        "held_on": "2021-03-20",
        "inspection": world.inspection.pk,
        "attendees": [world.chair.pk],
        "leaders": [p.pk for p in world.leaders],
        "leader_role": "市级分管领导",
    }
    for user in (world.leader, world.liaison, world.other_office):
        assert client.post("/api/v1/meetings", body, content_type="application/json", **_auth(user)).status_code in {
            403,
            404,
        }
    response = client.post("/api/v1/meetings", body, content_type="application/json", **office)
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert sum(a["as_leader"] for a in meeting["attendances"]) == 3 and len(meeting["attendances"]) == 4
    assert set(meeting["actions"]) == {"add_follow_up", "add_item", "update"}

    stale = {"version": meeting["version"], "place": "区委会议室"}
    assert (
        client.post(
            f"/api/v1/meetings/{meeting['id']}/update", stale, content_type="application/json", **office
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"/api/v1/meetings/{meeting['id']}/update", stale, content_type="application/json", **office
        ).status_code
        == 409
    )

    item = client.post(
        f"/api/v1/meetings/{meeting['id']}/add_item",
        {"title": "反馈意见", "decision": "限期整改", "inspection": world.inspection.pk},
        content_type="application/json",
        **office,
    )
    assert item.status_code == 200 and item.json()["agenda"][0]["decision"] == "限期整改"
    sent = client.post(
        f"/api/v1/meetings/{meeting['id']}/add_follow_up",
        {"description": "报送整改方案", "owner": world.owner.pk, "deadline": "2021-05-20"},
        content_type="application/json",
        **office,
    )
    assert sent.status_code == 200, sent.content
    listed = client.get(f"/api/v1/follow_up_items?meeting={meeting['id']}", **_auth(world.owner)).json()
    (follow_up,) = listed["items"]
    owner = _auth(world.owner)
    assert client.get(f"/api/v1/follow-up-items/{follow_up['id']}", **owner).json()["actions"] == ["complete"]
    # another account of the owner's organisation reads the item (its feedback meeting) but is not its owner
    assert (
        client.post(
            f"/api/v1/follow-up-items/{follow_up['id']}/complete",
            {"note": "x"},
            content_type="application/json",
            **_auth(world.liaison),
        ).status_code
        == 403
    )
    done = client.post(
        f"/api/v1/follow-up-items/{follow_up['id']}/complete",
        {"note": "已报送", "on": "2021-04-01"},
        content_type="application/json",
        **owner,
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    # the inspected side reads its feedback meeting, never the committee's own
    liaison = _auth(world.liaison)
    assert client.get(f"/api/v1/meetings/{meeting['id']}", **liaison).status_code == 200
    assert client.get(f"/api/v1/meetings/{special.pk}", **liaison).status_code == 404
    assert client.get(f"/api/v1/meetings/{group.pk}", **liaison).status_code == 404
    assert {m["id"] for m in client.get("/api/v1/meetings", **liaison).json()["items"]} == {meeting["id"]}
