"""Follow-up items on their owner's list (xuncha/workbench/queues.py): the owner marks each
done with a note; an overdue one shows red, and once escalated it also stands among the owner's
warnings (`queries.escalated_follow_ups`)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.meetings.queries import open_follow_ups
from xuncha.workbench.queues import Queue, declare


def _label(item) -> str:
    meeting = item.meeting
    return gettext("Follow-up item %(number)s · %(kind)s %(held_on)s") % {
        "number": item.pk,
        "kind": meeting.get_kind_display(),
        "held_on": meeting.held_on.isoformat(),
    }


declare(
    Queue(
        "followup.complete",
        _("Follow-up items from meetings"),
        ("followup.complete",),
        frozenset(Role.casework()),
        lambda user: open_follow_ups(user).filter(owner=user).order_by("deadline", "pk"),
        due=lambda item: item.deadline,
        name=_label,
    )
)
