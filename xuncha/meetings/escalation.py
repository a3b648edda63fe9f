"""Overdue follow-up items, found by the daily warning run (`xuncha warnings`, through
`xuncha.supervision.tasks.run_warnings`): no second scheduler.

An open item whose deadline has passed is escalated once: the day is stored on the item (its
owner's workbench warns of it from then on) and its owner and the committee's office are
notified, in one transaction per item. The notification names the item's number, its meeting's
kind and date and the deadline, never the item's text (it may leave by e-mail). Safe to run
again and on several workers: an item is escalated under its row lock only while
`escalated_on` is empty.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.meetings.enums import FollowUpStatus
from xuncha.meetings.models import FollowUpItem


def office_recipients(item) -> list:
    """The active office accounts that may read the item (the committee's office and above)."""
    from xuncha.accounts.enums import Role
    from xuncha.accounts.models import RoleGrant, User
    from xuncha.accounts.permissions import Action, can

    holders = RoleGrant.objects.active().filter(role=Role.OFFICE).values("user_id")
    users = User.objects.filter(is_active=True, pk__in=holders).exclude(pk=item.owner_id).order_by("pk")
    return [u for u in users if can(u, Action.VIEW, item)]


def escalate_overdue(today: date) -> list[int]:
    """Escalate every open item overdue on `today` that was not escalated yet; returns their ids."""
    due = FollowUpItem.objects.active().filter(
        status=FollowUpStatus.OPEN, deadline__lt=today, escalated_on__isnull=True
    )
    raised = []
    for pk in due.order_by("deadline", "pk").values_list("pk", flat=True):
        if escalate(pk, today=today):
            raised.append(pk)
    return raised


def escalate(pk: int, *, today: date) -> bool:
    from xuncha.meetings.domain import follow_up_url
    from xuncha.supervision.enums import NotificationLevel
    from xuncha.supervision.notifications import notify

    with transaction.atomic():
        item = (
            FollowUpItem.objects.select_for_update(of=("self",))
            .select_related("meeting__term__owner", "owner")
            .filter(
                pk=pk,
                status=FollowUpStatus.OPEN,
                deadline__lt=today,
                escalated_on__isnull=True,
                archived_at__isnull=True,
            )
            .first()
        )
        if item is None:
            return False  # done, archived or escalated meanwhile
        item.escalated_on = today
        item.save(update_fields=["escalated_on"])
        users = [item.owner, *office_recipients(item)] if item.owner.is_active else office_recipients(item)
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Overdue: follow-up item %(number)s of the %(kind)s of %(held_on)s was due on %(deadline)s.") % {
                "number": item.pk,
                "kind": item.meeting.get_kind_display(),
                "held_on": item.meeting.held_on.isoformat(),
                "deadline": item.deadline.isoformat(),
            }
        notify(users, title=title, url=follow_up_url(item), level=NotificationLevel.RED)
        record_event(
            "meetings.followup.escalated",
            obj=item,
            data={"deadline": item.deadline.isoformat(), "on": today.isoformat(), "recipients": [u.pk for u in users]},
        )
        return True
