"""The petitions and immediate-fixes lists: filters and columns declared once, read by the list
pages, their Excel exports of exactly the filtered rows and the API's /petitions and /fixes.

No column carries a reporter's identity: the identity is sealed apart (`ReporterIdentity`) and
never a column, and every text shown is scrubbed by the disclosure rule
(`xuncha.confidential.disclosure.row_scrubbers`), all rows of a page in one look-up. A fix's
list leaves out what only the casework reads (the answer to the reporter, its petition)."""

from django.db.models import Q
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.confidential.disclosure import row_scrubbers
from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.orgs.models import Organisation
from xuncha.petitions.enums import Channel, FixStatus, Outcome, PetitionStatus
from xuncha.petitions.queries import fixes_for_user, petitions_for_user

SHOWN_FIELDS = {"petitions.petition": ("content",), "petitions.immediatefix": ("description", "result")}


class _ShownTexts:
    """A queryset whose rows, once fetched, carry `shown`: their texts as the disclosure rule
    shows them, the identities of all the rows' reporters opened in one query (so a page, an
    export and an API page cost the same few queries whatever their length)."""

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._iterable_class is ModelIterable and self._result_cache:
            fields = SHOWN_FIELDS[self.model._meta.label_lower]
            scrub = row_scrubbers(self._result_cache)
            for row in self._result_cache:
                row.shown = {name: scrub[row.pk](getattr(row, name) or "") for name in fields}


_CLASSES: dict[type, type] = {}


def _with_shown_texts(rows):
    rows = rows.all()
    base = type(rows)
    if not issubclass(base, _ShownTexts):
        rows.__class__ = _CLASSES.setdefault(base, type(f"Shown{base.__name__}", (_ShownTexts, base), {}))
    return rows


def shown(row, name: str) -> str:
    """The row's text `name` as the disclosure rule shows it."""
    if not hasattr(row, "shown"):
        from xuncha.confidential.disclosure import identity_scrubber

        row.shown = {n: identity_scrubber(row)(getattr(row, n) or "") for n in SHOWN_FIELDS[row._meta.label_lower]}
    return row.shown[name]


def _log_read(user, petitions, how):
    """The API's list logs each petition it shows, as the page does (the page logs its own)."""
    from xuncha.audit.domain import record_events

    if how == "listed":
        record_events("petitions.petition.listed", actor=user, objs=petitions)
    return petitions


def _petition_details(petitions):
    return _with_shown_texts(petitions.select_related("inspection__term__owner"))


PETITIONS = declare(
    ListSpec(
        name="petitions",
        label=_("Petitions"),
        base=petitions_for_user,
        filters=(
            Filter("q", _("Content"), "text", lambda p, v: p.filter(content__icontains=v)),
            Filter(
                "status", _("Status"), "choice", lambda p, v: p.filter(status=v), choices=lambda: PetitionStatus.choices
            ),
            Filter("inspection", _("Inspection"), "id", lambda p, v: p.filter(inspection_id=v)),
            Filter(
                "channel", _("Channel"), "choice", lambda p, v: p.filter(channel=v), choices=lambda: Channel.choices
            ),
            Filter("outcome", _("Triage"), "choice", lambda p, v: p.filter(outcome=v), choices=lambda: Outcome.choices),
            Filter("received_from", _("Received from"), "date", lambda p, v: p.filter(received_on__gte=v)),
            Filter("received_to", _("Received to"), "date", lambda p, v: p.filter(received_on__lte=v)),
        ),
        columns=(
            Column("id", _("No."), lambda p: p.pk, kind="number", width=8),
            Column("number", _("Number"), lambda p: str(p), width=14),
            Column("inspection", _("Inspection"), lambda p: p.inspection.title, width=30),
            Column("channel", _("Channel"), lambda p: str(p.get_channel_display()), width=10),
            Column("received_on", _("Received on"), lambda p: p.received_on, kind="date", width=12),
            Column("content", _("Content"), lambda p: shown(p, "content"), width=60),
            Column("status", _("Status"), lambda p: str(p.get_status_display()), width=10),
            Column("outcome", _("Triage"), lambda p: str(p.get_outcome_display()), width=12),
            Column("replied_on", _("Replied on"), lambda p: p.replied_on, kind="date", width=12),
        ),
        ordering=("-received_on", "-pk"),
        details=_petition_details,
        prepare=_log_read,
    )
)


def _subtree(fixes, pk):
    path = Organisation.objects.filter(pk=pk).values_list("path", flat=True).first()
    return fixes.filter(organisation__path__startswith=path) if path else fixes.none()


def _overdue(fixes, _value):
    return fixes.filter(status=FixStatus.OPEN, deadline__lt=timezone.localdate())


def _fix_details(fixes):
    return _with_shown_texts(fixes.select_related("inspection", "organisation", "petition"))


FIXES = declare(
    ListSpec(
        name="fixes",
        label=_("Immediate fixes"),
        base=fixes_for_user,
        filters=(
            Filter("q", _("Text"), "text", lambda f, v: f.filter(Q(description__icontains=v) | Q(result__icontains=v))),
            Filter("status", _("Status"), "choice", lambda f, v: f.filter(status=v), choices=lambda: FixStatus.choices),
            Filter("inspection", _("Inspection"), "id", lambda f, v: f.filter(inspection_id=v)),
            Filter("organisation", _("Handed to"), "id", _subtree),
            Filter("overdue", _("Overdue"), "flag", _overdue),
        ),
        columns=(
            Column("id", _("No."), lambda f: f.pk, kind="number", width=8),
            Column("inspection", _("Inspection"), lambda f: f.inspection.title, width=30),
            Column("organisation", _("Handed to"), lambda f: f.organisation.name, width=20),
            Column("description", _("What to fix"), lambda f: shown(f, "description"), width=60),
            Column("handed_over_on", _("Handed over on"), lambda f: f.handed_over_on, kind="date", width=12),
            Column("deadline", _("Deadline"), lambda f: f.deadline, kind="date", width=12),
            Column("status", _("Status"), lambda f: str(f.get_status_display()), width=10),
            Column("result", _("What was done"), lambda f: shown(f, "result"), width=40),
            Column("fixed_on", _("Fixed on"), lambda f: f.fixed_on, kind="date", width=12),
        ),
        ordering=("status", "deadline", "pk"),
        details=_fix_details,
    )
)
