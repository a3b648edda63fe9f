"""The audit events list, declared once for its page, its Excel export and the API's
/audit_events: auditors only, in their scope (rules.audit_policy); everyone else gets no row.

The details column never carries free text of an event about case records (clues, petitions,
reporters, measures...): `record_event` refuses such text when it is written, and an older
event written before that rule (a typed reveal reason, an indicator's name) is shown with that
text left out, by the same rule (`check_case_data`)."""

import json
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.permissions import restrict
from xuncha.audit.domain import CaseTextInAuditLog, check_case_data
from xuncha.audit.events import codes_matching, registered
from xuncha.audit.models import AuditEvent
from xuncha.lists.declarations import Column, Filter, ListSpec, declare


def _events(user, action):
    return restrict(AuditEvent.objects.all(), user, action)


def _text(events, text):
    labelled = Q(action__in=codes_matching(text))  # the words the user reads, not only the codes
    return events.filter(
        Q(actor_name__icontains=text) | Q(object_repr__icontains=text) | Q(action__icontains=text) | labelled
    )


def _of_type(events, value):
    """One event type (``clues.clue.viewed``), or every type of an app or record (``clues``,
    ``accounts.grant``): the event type select offers both, grouped by app."""
    return events.filter(Q(action=value) | Q(action__startswith=f"{value}."))


def object_type_choices() -> list[tuple[str, str]]:
    """The kinds of record events are about, as people call them, from the event declarations
    (no query): ``rectification.measure`` → 整改措施."""
    from django.apps import apps

    labels = {label for kind in registered().values() for label in kind.objects}
    named = [(label, str(apps.get_model(label)._meta.verbose_name)) for label in labels]
    return sorted(named, key=lambda choice: (choice[0].split(".")[0], choice[1]))


def _about_kind(events, value):
    return events.filter(object_type=value)


def _start_of(day: date) -> datetime:
    """Midnight of `day` in the site's time zone: the range filters on the indexed time itself
    (``at__date`` would convert every row's time before comparing)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def details(event) -> str:
    """The event's data as shown and exported: for case records only ids, dates and codes."""
    shown = {}
    for key, value in (event.data or {}).items():
        try:
            check_case_data(event.action, {key: value})
        except CaseTextInAuditLog:
            continue
        shown[key] = value
    return json.dumps(shown, ensure_ascii=False, sort_keys=True, default=str) if shown else ""


AUDIT_EVENTS = declare(
    ListSpec(
        name="audit_events",
        label=_("Audit log"),
        base=_events,
        filters=(
            Filter("q", _("Actor, object or action"), "text", _text),
            Filter("action", _("Event type"), "text", _of_type),
            Filter("actor", _("Actor"), "text", lambda e, v: e.filter(actor_name__iexact=v)),
            Filter("object_type", _("Object type"), "choice", _about_kind, choices=object_type_choices),
            Filter("object", _("Object"), "text", lambda e, v: e.naming(v)),
            Filter("from", _("From"), "date", lambda e, v: e.filter(at__gte=_start_of(v))),
            Filter("to", _("To"), "date", lambda e, v: e.filter(at__lt=_start_of(v + timedelta(days=1)))),
        ),
        columns=(
            Column("id", _("No."), lambda e: e.pk, kind="number", width=10),
            Column("at", _("Time"), lambda e: timezone.localtime(e.at), kind="datetime", width=24),
            Column("actor", _("Actor"), lambda e: e.actor_name, width=16),
            Column("action", _("Action"), lambda e: e.label, width=24),
            Column("object_type", _("Object type"), lambda e: e.object_type_label, width=16),
            Column("object", _("Object"), lambda e: e.object_repr, width=30),
            Column("ip_address", _("IP address"), lambda e: e.ip_address or "", width=16),
            Column("details", _("Details"), details, width=40),
        ),
        ordering=("-at", "-id"),
    )
)
