"""Background jobs of supervision, run by `xuncha db_worker` (immediately in tests).

Tasks are thin: they take plain values (a date as ISO text, ids), call a domain function and
return a JSON-able summary. Both are safe to run twice (see escalation.py, notifications.py),
so a run whose worker was lost is queued again.
"""

from datetime import date

from django.utils import timezone
from django_tasks import task

from xuncha.jobs.leases import on_worker_lost


@task()
def run_warnings(on: str | None = None) -> dict:
    """Raise the warnings reached on `on` (YYYY-MM-DD; today in the platform's time zone), and
    escalate the meetings' follow-up items overdue on that day (xuncha/meetings/escalation.py)."""
    from xuncha.meetings.escalation import escalate_overdue
    from xuncha.supervision.escalation import compute_warnings

    today = date.fromisoformat(on) if on else timezone.localdate()
    summary = compute_warnings(today).as_dict()
    summary["follow_ups_escalated"] = len(escalate_overdue(today))
    return summary


@task()
def deliver_notifications(notification_ids: list[int]) -> int:
    from xuncha.supervision.notifications import send_emails

    return send_emails(notification_ids)


@on_worker_lost(run_warnings)
def run_warnings_lost(on: str | None = None) -> None:
    run_warnings.enqueue(on)


@on_worker_lost(deliver_notifications)
def deliver_notifications_lost(notification_ids: list[int]) -> None:
    deliver_notifications.enqueue(notification_ids)
