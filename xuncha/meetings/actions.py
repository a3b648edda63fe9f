"""The meetings' steps, each declared once (see `xuncha.workflow.actions`). Recording a meeting
is the office's (`rules.may_record`, checked by `domain.record_meeting`); once recorded, its
office corrects it, adds agenda items with their decisions and sends follow-up items; the
owner of a follow-up item marks it done with a note."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.meetings import rules
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare, unless

MEETING, FOLLOW_UP = "meetings.Meeting", "meetings.FollowUpItem"


def _kept(meeting) -> str | None:
    return unless(not meeting.is_archived, gettext("This meeting record has been archived."))


def _open(item) -> str | None:
    if item.is_archived:
        return gettext("This follow-up item has been archived.")
    return unless(rules.is_open(item), gettext("This follow-up item is done."))


def _d():
    from xuncha.meetings import domain

    return domain


declare(
    Action(
        "meeting.update",
        _("Correct the record"),
        MEETING,
        _kept,
        rules.may_manage,
        "meetings.meeting.updated",
        style="secondary",
        perform=lambda o, by, d: _d().update_meeting(o, by=by, **d),
    )
)
declare(
    Action(
        "meeting.add_item",
        _("Add an agenda item and its decision"),
        MEETING,
        _kept,
        rules.may_manage,
        "meetings.agenda_item.added",
        requires=("text",),
        perform=lambda o, by, d: _d().add_agenda_item(o, by=by, **d),
    )
)
declare(
    Action(
        "meeting.add_follow_up",
        _("Send a follow-up item"),
        MEETING,
        _kept,
        rules.may_manage,
        "meetings.followup.sent",
        requires=("text",),
        style="secondary",
        perform=lambda o, by, d: _d().add_follow_up(o, by=by, **d),
    )
)
declare(
    Action(
        "followup.complete",
        _("Mark done"),
        FOLLOW_UP,
        _open,
        rules.may_complete,
        "meetings.followup.completed",
        next_actor=Role.OFFICE.value,
        requires=("text",),
        perform=lambda o, by, d: _d().complete_follow_up(o, by=by, note=d.get("note", ""), on=d.get("on")),
    )
)

handoff.page(MEETING, lambda m: reverse("meetings:detail", args=[m.pk]))
handoff.page(
    FOLLOW_UP,
    lambda i: reverse("meetings:follow_up", args=[i.pk]),
    name=lambda i: gettext("Follow-up item %(number)s") % {"number": i.pk},
)
