"""The talk records list of an inspection: its page, its Excel export and the API's /talks read
the same filters and columns. A confidential list: every read is logged (`prepare`), listed
reads as one event per record shown, as the clue list does."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.talks.enums import TalkKind
from xuncha.talks.queries import log_talk_reads, talks_for_user


def _details(talks):
    return talks.select_related("plan_item", "subject_organisation", "inspection").annotate(
        finding_count=Count("findings", distinct=True), clue_count=Count("clues", distinct=True)
    )


def _prepare(user, talks: list, how: str) -> list:
    log_talk_reads(user, talks, "exported" if how == "exported" else "listed")  # literal codes (audit scan)
    return talks


TALKS = declare(
    ListSpec(
        name="talks",
        label=_("Talks and visits"),
        base=talks_for_user,
        filters=(
            Filter("inspection", _("Inspection"), "id", lambda t, v: t.filter(inspection_id=v)),
            Filter("kind", _("Kind"), "choice", lambda t, v: t.filter(kind=v), choices=lambda: TalkKind.choices),
            Filter("plan_item", _("Talk plan item"), "id", lambda t, v: t.filter(plan_item_id=v)),
            Filter(
                "q", _("Text"), "text",
                lambda t, v: t.filter(Q(subject_name__icontains=v) | Q(notes__icontains=v) | Q(place__icontains=v)),
            ),
        ),
        columns=(
            Column("held_on", _("Date"), lambda t: t.held_on, kind="date", width=12),
            Column("kind", _("Kind"), lambda t: str(t.get_kind_display()), width=10),
            Column("plan_item", _("Counts toward"), lambda t: t.plan_item.category if t.plan_item else "", width=20),
            Column("subject_name", _("Person heard"), lambda t: t.subject_name, width=12),
            Column("subject_position", _("Position"), lambda t: t.subject_position, width=24),
            Column(
                "subject_organisation", _("Organisation"),
                lambda t: t.subject_organisation.name if t.subject_organisation else "", width=24,
            ),
            Column("place", _("Place"), lambda t: t.place, width=16),
            Column("notes", _("Notes"), lambda t: t.notes, width=60),
            Column("findings", _("Findings"), lambda t: t.finding_count, kind="number", width=8),
            Column("clues", _("Clues"), lambda t: t.clue_count, kind="number", width=8),
        ),
        ordering=("-held_on", "-pk"),
        details=_details,
        prepare=_prepare,
    )
)
