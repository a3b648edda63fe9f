"""The audit events list, declared once for its page, its Excel export and the API's
/audit_events: auditors only, in their scope (rules.audit_policy); everyone else gets no row.

The details column never carries free text of an event about case records (clues, petitions,
reporters, measures...): `record_event` refuses such text when it is written, and an older
event written before that rule (a typed reveal reason, an indicator's name) is shown with that
text left out, by the same rule (`check_case_data`)."""

import json

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.permissions import restrict
from xuncha.audit.domain import CaseTextInAuditLog, check_case_data
from xuncha.audit.events import codes_matching
from xuncha.audit.models import AuditEvent
from xuncha.lists.declarations import Column, Filter, ListSpec, declare


def _events(user, action):
    return restrict(AuditEvent.objects.all(), user, action)


def _text(events, text):
    labelled = Q(action__in=codes_matching(text))  # the words the user reads, not only the codes
    return events.filter(
        Q(actor_name__icontains=text) | Q(object_repr__icontains=text) | Q(action__icontains=text) | labelled
    )


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
            Filter("action", _("Event type"), "text", lambda e, v: e.filter(action__startswith=v)),
            Filter("from", _("From"), "date", lambda e, v: e.filter(at__date__gte=v)),
            Filter("to", _("To"), "date", lambda e, v: e.filter(at__date__lte=v)),
        ),
        columns=(
            Column("id", _("No."), lambda e: e.pk, kind="number", width=10),
            Column("at", _("Time"), lambda e: f"{timezone.localtime(e.at):%Y-%m-%d %H:%M:%S}", width=20),
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
