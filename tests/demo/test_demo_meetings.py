"""The demo's meetings (xuncha/meetings/demo.py): seed 003's "市级分管领导出席巡察反馈会议10人次"
counted from attendance rows of 十三届市委's feedback meetings, the order the rules set for the
inspection of 梧村街道, and the follow-up items on their owners' workbenches, one escalated."""

import pytest
from django.utils import timezone

from tests.demo_world import demo_world  # noqa: F401  (the fixture)
from xuncha.meetings.enums import FollowUpStatus, MeetingKind
from xuncha.meetings.figures import leader_attendances, leader_counts
from xuncha.meetings.models import AgendaItem, FollowUpItem, Meeting
from xuncha.meetings.queries import escalated_follow_ups, feedback_decision, meetings_for_user
from xuncha.plans.models import Term
from xuncha.workbench.queues import QUEUES, items

pytestmark = pytest.mark.django_db


def test_ten_leader_attendances_at_the_terms_feedback_meetings_from_rows(demo_world):  # noqa: F811
    term = Term.objects.get(name="十三届市委")
    rows = leader_attendances(Meeting.objects.filter(term=term))
    assert rows.count() == 10
    assert set(rows.values_list("role", flat=True)) == {"市级分管领导"}
    assert all(a.meeting.kind == MeetingKind.FEEDBACK for a in rows.select_related("meeting"))
    office, leader = demo_world["office"], demo_world["leader"]
    for user in (office, leader):  # the figure the pages show is the same count
        (total,) = [c for c in leader_counts(meetings_for_user(user)) if c.term_id == term.pk and c.year is None]
        assert total.count == 10


def test_the_feedback_of_wucun_was_decided_in_the_order_the_rules_set(demo_world):  # noqa: F811
    decision = AgendaItem.objects.get(inspection__title="对梧村街道党工委的提级巡察", decides_feedback=True)
    assert decision.meeting.kind == MeetingKind.SECRETARY
    heard = AgendaItem.objects.get(inspection=decision.inspection, meeting__kind=MeetingKind.LEADING_GROUP)
    feedback = Meeting.objects.get(kind=MeetingKind.FEEDBACK, inspection=decision.inspection)
    assert heard.meeting.held_on < decision.meeting.held_on <= feedback.held_on == decision.inspection.feedback_on
    assert feedback_decision(demo_world["office"], decision.inspection) == decision
    assert feedback_decision(demo_world["liaison"], decision.inspection) is None  # not the committee's meeting


def test_follow_up_items_on_their_owners_workbench_one_overdue_and_escalated(demo_world):  # noqa: F811
    today = timezone.localdate()
    liaison, office = demo_world["liaison"], demo_world["office"]
    (overdue,) = FollowUpItem.objects.filter(owner=liaison)
    assert overdue.status == FollowUpStatus.OPEN and overdue.deadline < today and overdue.escalated_on == today
    assert list(escalated_follow_ups(liaison)) == [overdue]
    assert [t.obj for t in items(QUEUES["followup.complete"], liaison).todos] == [overdue]
    assert [t.obj.owner for t in items(QUEUES["followup.complete"], office).todos] == [office]
    assert not meetings_for_user(liaison).exclude(kind=MeetingKind.FEEDBACK).exists()
