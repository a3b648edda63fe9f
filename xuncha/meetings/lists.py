"""The meetings list and the follow-up items list, each declared once for its page, its Excel
export of exactly the filtered rows and the API's /meetings and /follow_up_items."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.meetings.enums import FollowUpStatus, MeetingKind
from xuncha.meetings.queries import follow_ups_for_user, meetings_for_user, with_counts

MEETINGS = declare(
    ListSpec(
        name="meetings",
        label=_("Meetings"),
        base=meetings_for_user,
        filters=(
            Filter("kind", _("Kind"), "choice", lambda m, v: m.filter(kind=v), choices=lambda: MeetingKind.choices),
            Filter("year", _("Year"), "id", lambda m, v: m.filter(held_on__year=v)),
            Filter("term", _("Term"), "id", lambda m, v: m.filter(term_id=v)),
            Filter(
                "inspection",
                _("Inspection"),
                "id",
                lambda m, v: m.filter(Q(inspection_id=v) | Q(agenda__inspection_id=v)).distinct(),
            ),
            Filter("q", _("Text"), "text", lambda m, v: m.filter(Q(title__icontains=v) | Q(place__icontains=v))),
        ),
        columns=(
            Column("id", _("No."), lambda m: m.pk, kind="number", width=8),
            Column("held_on", pgettext_lazy("meeting", "Held on"), lambda m: m.held_on, kind="date", width=12),
            Column("kind", _("Kind"), lambda m: str(m.get_kind_display()), width=18),
            Column("title", _("Title"), lambda m: m.title, width=36),
            Column("term", _("Term"), lambda m: m.term.name, width=14),
            Column(
                "inspection",
                _("Inspection fed back"),
                lambda m: m.inspection.title if m.inspection_id else "",
                width=30,
            ),
            Column("chair", _("Chair"), lambda m: m.chair.name if m.chair_id else "", width=10),
            Column("attendees", _("Attendees"), lambda m: m.attendee_count, kind="number", width=10),
            Column("leaders", _("Leaders attending"), lambda m: m.leader_count, kind="number", width=10),
        ),
        ordering=("-held_on", "-pk"),
        sorts={"held_on": ("held_on",), "kind": ("kind",)},
        details=with_counts,
    )
)

FOLLOW_UPS = declare(
    ListSpec(
        name="follow_up_items",
        label=_("Follow-up items"),
        base=follow_ups_for_user,
        filters=(
            Filter("meeting", _("Meeting"), "id", lambda f, v: f.filter(meeting_id=v)),
            Filter(
                "status", _("Status"), "choice", lambda f, v: f.filter(status=v), choices=lambda: FollowUpStatus.choices
            ),
            Filter("escalated", _("Escalated"), "flag", lambda f, v: f.filter(escalated_on__isnull=False)),
        ),
        columns=(
            Column("id", _("No."), lambda f: f.pk, kind="number", width=8),
            Column("meeting", _("Meeting"), lambda f: str(f.meeting), width=24),
            Column("owner", _("Owner"), lambda f: str(f.owner), width=12),
            Column(
                "deadline", pgettext_lazy("follow-up item", "Deadline"), lambda f: f.deadline, kind="date", width=12
            ),
            Column("status", _("Status"), lambda f: str(f.get_status_display()), width=10),
            Column("done_on", _("Done on"), lambda f: f.done_on, kind="date", width=12),
            Column("escalated_on", _("Escalated on"), lambda f: f.escalated_on, kind="date", width=12),
        ),
        ordering=("deadline", "pk"),
        sorts={"deadline": ("deadline",)},
    )
)
