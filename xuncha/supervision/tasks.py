"""Background jobs of supervision, run by `xuncha db_worker` (immediately in tests).

Tasks are thin: they take plain values (a date as ISO text, ids), call a domain function and
return a JSON-able summary. Both are safe to run twice (see escalation.py, notifications.py).
"""

from datetime import date

from django.utils import timezone
from django_tasks import task


@task()
def run_warnings(on: str | None = None) -> dict:
    """Raise the warnings reached on `on` (YYYY-MM-DD; today in the platform's time zone)."""
    from xuncha.supervision.escalation import compute_warnings

    today = date.fromisoformat(on) if on else timezone.localdate()
    return compute_warnings(today).as_dict()


@task()
def deliver_notifications(notification_ids: list[int]) -> int:
    from xuncha.supervision.notifications import send_emails

    return send_emails(notification_ids)
