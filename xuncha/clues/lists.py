"""The clues list: filters and columns declared once for the page, its Excel export and the
API's /clues, under the clue pages' own confidentiality rules.

Rows come from `clues_for_user` (the office, the inspection's team, the reviewers of the
receiving body's kind: issue 13's binding). Every channel that shows rows goes through
`ListSpec.shown`, which logs the read (one event per clue: "listed" or "exported") and puts the
allegation and the names of the people concerned through the one disclosure rule (reporters'
identities scrubbed; the whole text withheld when an identity cannot be opened). The columns
read only those prepared values, so a channel that skipped the preparation fails instead of
showing raw text. No column carries a reporter's identity.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xuncha.clues.enums import ClueStatus, ReceivingKind
from xuncha.clues.queries import clues_for_user, log_clue_reads
from xuncha.confidential.disclosure import row_scrubbers
from xuncha.lists.declarations import Column, Filter, ListSpec, declare


def _text(clues, text):
    """Clues whose allegation or people concerned contain `text`, as they are shown: a clue built
    on petitions is not found by its reporters' identities (the search would tell the reporter's
    name that the list hides). Those candidates are checked against their scrubbed allegation, all
    identities opened in one query."""
    from xuncha.clues.models import Clue

    found = clues.filter(Q(allegation__icontains=text) | Q(persons__name__icontains=text))
    by_name = Clue.objects.filter(persons__name__icontains=text).values("pk")
    suspects = list(
        Clue.objects.filter(pk__in=found.values("pk"), petitions__isnull=False)
        .exclude(pk__in=by_name)
        .prefetch_related("petitions")
        .distinct()
    )
    scrub = row_scrubbers(suspects)
    hidden = [c.pk for c in suspects if text.lower() not in scrub[c.pk](c.allegation).lower()]
    return found.exclude(pk__in=hidden).distinct()


def _details(clues):
    """Every field of the clue, of its inspection, term and committee only what the columns and
    the access log read (the title; the committee's path), and its petitions for the disclosure
    rule. Its people's names are read by `_prepare`."""
    from xuncha.clues.models import Clue

    related = ("inspection__title", "inspection__term__owner__path", "receiving_body__name")
    return clues.only(*(f.name for f in Clue._meta.concrete_fields), *related).prefetch_related("petitions")


def _prepare(user, clues: list, how: str) -> list:
    from xuncha.clues.models import CluePerson
    from xuncha.lists.declarations import READ_CHUNK

    log_clue_reads(user, clues, "exported" if how == "exported" else "listed")  # literal codes (audit scan)
    names: dict[int, list[str]] = {}
    for start in range(0, len(clues), READ_CHUNK):  # an export reads thousands
        keys = [clue.pk for clue in clues[start : start + READ_CHUNK]]
        # in the order `clue.persons.all()` gives (CluePerson.Meta.ordering), without a model per person
        for clue_id, name in CluePerson.objects.filter(clue_id__in=keys).order_by("clue_id", "id").values_list(
            "clue_id", "name"
        ):
            names.setdefault(clue_id, []).append(name)
    scrub = row_scrubbers(clues)
    for clue in clues:
        clue.shown_allegation = scrub[clue.pk](clue.allegation)
        clue.shown_persons = scrub[clue.pk]("、".join(names.get(clue.pk, ())))
    return clues


CLUES = declare(
    ListSpec(
        name="clues",
        label=_("Clues"),
        base=clues_for_user,
        filters=(
            Filter("q", _("Text"), "text", _text),
            Filter(
                "status", _("Status"), "choice", lambda c, v: c.filter(status=v), choices=lambda: ClueStatus.choices
            ),
            Filter("inspection", _("Inspection"), "id", lambda c, v: c.filter(inspection_id=v)),
            Filter(
                "receiving_kind", _("Receiving body kind"), "choice", lambda c, v: c.filter(receiving_kind=v),
                choices=lambda: ReceivingKind.choices,
            ),
            Filter("received_from", _("Received from"), "date", lambda c, v: c.filter(received_on__gte=v)),
            Filter("received_to", _("Received to"), "date", lambda c, v: c.filter(received_on__lte=v)),
        ),
        columns=(
            Column("id", _("No."), lambda c: c.pk, kind="number", width=8),
            Column("reference", _("Number"), lambda c: c.reference, width=10),
            Column("inspection", _("Inspection"), lambda c: c.inspection.title, width=30),
            Column("allegation", _("Allegation"), lambda c: c.shown_allegation, width=50),
            Column("persons", _("People concerned"), lambda c: c.shown_persons, width=20),
            Column("status", _("Status"), lambda c: str(c.get_status_display()), width=12),
            Column("received_on", _("Received on"), lambda c: c.received_on, kind="date", width=12),
            Column(
                "receiving_body", _("Receiving body"),
                lambda c: c.receiving_body.name if c.receiving_body_id else "", width=18,
            ),
            Column("transferred_on", _("Transferred on"), lambda c: c.transferred_on, kind="date", width=12),
            Column("concluded_on", _("Concluded on"), lambda c: c.concluded_on, kind="date", width=12),
        ),
        ordering=("-received_on", "-pk"),
        sorts={
            "received_on": ("received_on",),
            "status": ("status",),
            "transferred_on": ("transferred_on",),
            "concluded_on": ("concluded_on",),
        },
        details=_details,
        prepare=_prepare,
    )
)
