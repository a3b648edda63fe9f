from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from tests.supervision.conftest import DEADLINE, approved_plan, days_before
from xuncha.audit.models import AuditEvent
from xuncha.rectification import domain as rectification
from xuncha.supervision.configuration import set_warning_rules
from xuncha.supervision.escalation import compute_warnings, raise_warning
from xuncha.supervision.ladder import DEFAULT_LADDER
from xuncha.supervision.models import MeasureWarning, Notification
from xuncha.supervision.tasks import run_warnings

pytestmark = pytest.mark.django_db


def _steps(measure=None):
    qs = MeasureWarning.objects.order_by("reached_on", "pk")
    if measure is not None:
        qs = qs.filter(measure=measure)
    return [w.step for w in qs]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (21, []),
        (20, ["green"]),
        (19, ["green"]),
        (11, ["green"]),
        (10, ["yellow"]),
        (9, ["yellow"]),
        (0, ["yellow"]),
        (-1, ["red"]),
    ],
)
def test_a_single_run_raises_the_step_reached_on_that_day(world, days, expected):
    compute_warnings(days_before(days))
    assert _steps(world.measures[0]) == expected


def test_daily_runs_climb_each_step_once_at_its_boundary(world, django_capture_on_commit_callbacks):
    measure = world.measures[0]
    seen = {}
    for offset in range(25, -3, -1):
        with django_capture_on_commit_callbacks(execute=True):
            compute_warnings(days_before(offset))
        seen[offset] = _steps(measure)
    assert seen[21] == []
    assert seen[20] == seen[11] == ["green"]
    assert seen[10] == seen[0] == ["green", "yellow"]
    assert seen[-1] == seen[-2] == ["green", "yellow", "red"]
    reached = {w.step: w.reached_on for w in MeasureWarning.objects.filter(measure=measure)}
    assert reached == {"green": days_before(20), "yellow": days_before(10), "red": DEADLINE + timedelta(days=1)}


def test_a_rerun_on_the_same_day_sends_nothing_again(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = compute_warnings(days_before(10))
    sent = len(mail.outbox)
    notified = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        second = compute_warnings(days_before(10))
    assert len(first.raised) == 3 and second.raised == []
    assert second.already_sent == 3
    assert MeasureWarning.objects.count() == 3
    assert Notification.objects.count() == notified
    assert len(mail.outbox) == sent > 0


def test_the_task_through_the_immediate_backend_sends_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = run_warnings.enqueue(days_before(9).isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        second = run_warnings.enqueue(days_before(9).isoformat())
    assert first.status == "SUCCESSFUL", first.errors
    assert first.return_value["raised"] == 3
    assert second.return_value == {**first.return_value, "raised": 0, "already_sent": 3}
    assert _steps() == ["yellow"] * 3
    sent = [(m.subject, m.to[0]) for m in mail.outbox]
    assert len(sent) == len(set(sent)) == 3 * 3  # three measures × (handler, liaison, 张明), each once


def test_the_command_runs_now_or_queues(world, capsys):
    call_command("warnings", "--date", days_before(-1).isoformat(), "--now")
    assert "3 warnings raised" in capsys.readouterr().out
    call_command("warnings", "--date", days_before(-1).isoformat())  # the immediate backend runs it at once
    assert "queued" in capsys.readouterr().out
    assert _steps() == ["red"] * 3


def test_the_command_refuses_a_malformed_date(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("warnings", "--date", "2025-13-01", "--now")


def test_a_measure_first_seen_overdue_gets_red_only(world):
    compute_warnings(DEADLINE + timedelta(days=40))
    assert _steps(world.measures[0]) == ["red"]
    compute_warnings(DEADLINE + timedelta(days=41))
    assert _steps(world.measures[0]) == ["red"]


def test_a_lower_step_never_follows_a_higher_one_for_the_same_deadline(world):
    compute_warnings(days_before(5))
    # the office moves green later than yellow was: green is now "reached" but yellow was sent
    assert (
        raise_warning(world.measures[0].pk, step=DEFAULT_LADDER.steps[0], deadline=DEADLINE, today=days_before(5))
        is None
    )
    assert _steps(world.measures[0]) == ["yellow"]


def test_a_concurrent_run_that_lost_the_race_sends_nothing(world, django_capture_on_commit_callbacks):
    measure = world.measures[0]
    MeasureWarning.objects.create(measure=measure, step="green", deadline=DEADLINE, reached_on=days_before(20))
    with django_capture_on_commit_callbacks(execute=True):
        result = raise_warning(measure.pk, step=DEFAULT_LADDER.steps[0], deadline=DEADLINE, today=days_before(20))
    assert result is None
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_a_moved_deadline_starts_a_new_ladder(world):
    measure = world.measures[0]
    compute_warnings(days_before(-1))
    # an extension (延期) agreed by the office; how it is recorded is rectification's business
    type(measure).objects.filter(pk=measure.pk).update(deadline=DEADLINE + timedelta(days=60))
    compute_warnings(DEADLINE + timedelta(days=40))
    assert sorted((w.step, w.deadline) for w in MeasureWarning.objects.filter(measure=measure)) == [
        ("green", DEADLINE + timedelta(days=60)),
        ("red", DEADLINE),
    ]


def test_signed_off_measures_are_not_warned_but_those_waiting_for_sign_off_are(world, tree):
    done, signed, open_measure = world.measures
    rectification.post_progress(done, by=None, text="已完成", status="done")
    rectification.post_progress(signed, by=None, text="已完成", status="done")
    rectification.request_sign_off(signed, by=None)
    rectification.approve_sign_off(signed, by=None)
    compute_warnings(days_before(-1))
    # reported done is not done: until the office signs it off the deadline still binds
    assert sorted(w.measure_id for w in MeasureWarning.objects.all()) == sorted([done.pk, open_measure.pk])


def test_ongoing_measures_without_deadline_and_unapproved_plans_are_skipped(world, tree):
    from tests.factories import dated_inspection

    other = dated_inspection(tree, title="第二轮巡察", feedback_on=date(2021, 6, 25))
    approved_plan(tree, other, deadline=None, ongoing=True, stage_target="每季度检查一次")
    from xuncha.rectification.models import Plan

    Plan.objects.filter(pk=world.plan.pk).update(status="returned")
    run = compute_warnings(days_before(-1))
    assert run.examined == 0 and MeasureWarning.objects.count() == 0


def test_per_term_ladder_is_used(world):
    set_warning_rules(
        world.inspection.term,
        by=None,
        steps={"green": {"enabled": True, "offset_days": -30, "recipients": ["office"]}},
    )
    compute_warnings(days_before(30))
    assert _steps(world.measures[0]) == ["green"]
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"office"}


def test_each_warning_is_audited(world):
    compute_warnings(days_before(20))
    events = AuditEvent.objects.filter(action="supervision.warning.raised")
    assert events.count() == 3
    assert events.first().data["step"] == "green"
