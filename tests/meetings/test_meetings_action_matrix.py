"""Every declared meeting step × every state × every role: what the page offers and what the
domain accepts agree; a step not offered is refused by the domain, not only hidden. Recording
a meeting (no declared step: the meeting does not exist yet) is refused to all but the
committee's office, whatever the door."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tests.action_matrix import disagreements
from tests.meetings.conftest import decided, feedback_meeting
from xuncha.audit.lifecycle import archive
from xuncha.meetings import domain
from xuncha.meetings.enums import MeetingKind
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


def _users(world):
    return [world.office, world.leader, world.liaison, world.other_office, world.owner]


def _input(world):
    def data(name, obj):
        if name == "meeting.update":
            return {"expected_version": obj.version, "attendees": [world.chair], "leaders": [], "title": "更正后的名称"}
        if name == "meeting.add_item":
            return {"title": "议题", "decision": "同意", "inspection": world.inspection}
        if name == "meeting.add_follow_up":
            return {"description": "交办", "owner": world.owner, "deadline": date(2021, 6, 30)}
        return {"note": "已办结", "on": date(2021, 4, 1)}

    return data


def test_offering_and_taking_agree_for_meetings(world):
    users = _users(world)
    group, special = decided(world)
    feedback = feedback_meeting(world)
    archived = archive(
        domain.record_meeting(
            world.inspection.term, by=world.office, kind=MeetingKind.TEAM, title="工作会", held_on=date(2021, 2, 1)
        ),
        by=world.office,
        reason="重复录入",
    )
    steps = ["meeting.update", "meeting.add_item", "meeting.add_follow_up"]
    found, offered = disagreements(steps, [group, special, feedback, archived], users, _input(world))
    assert found == [] and offered == 3 * 3  # the office, on the three kept meetings

    open_item = domain.add_follow_up(
        feedback, by=world.office, description="交办", owner=world.owner, deadline=date(2021, 4, 20)
    )
    done = domain.add_follow_up(
        feedback, by=world.office, description="交办", owner=world.owner, deadline=date(2021, 4, 20)
    )
    domain.complete_follow_up(done, by=world.owner, note="已办结", on=date(2021, 4, 1))
    found, offered = disagreements(["followup.complete"], [open_item, done], users, _input(world))
    assert found == [] and offered == 1  # the owner, on the open item only


def test_every_meeting_step_is_in_the_matrix():
    names = {n for n, a in actions.REGISTRY.items() if a.model.startswith("meetings.")}
    assert names == {"meeting.update", "meeting.add_item", "meeting.add_follow_up", "followup.complete"}


def test_recording_a_meeting_is_the_committees_office_only(world):
    for user in (world.leader, world.liaison, world.other_office):
        with pytest.raises(PermissionDenied):
            domain.record_meeting(
                world.inspection.term, by=user, kind=MeetingKind.TEAM, title="工作会", held_on=date(2021, 2, 1)
            )
