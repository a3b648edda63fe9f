"""The registry of audit event types (after pretix's ``LogEntryType`` registry).

Every code written to the audit log is declared once, with a label in the user's language,
the records it may name and whether it is about confidential case material (clues, petitions,
reporters). `record_event` refuses a code that is not declared, or an object the declaration
does not name, in every environment: an undeclared event would reach the auditor as a raw
code, and the refusal rolls the recorded change back with it, so a mistake surfaces in the
first test that runs the code path (a test also scans the source for every code). The log
page, its export and anything else that shows an event show `label_for(code)`, never the code.

The declarations themselves live in `xuncha/audit/catalogue.py`.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class EventType:
    code: str
    label: Promise | str
    objects: tuple[str, ...] = ()  # model labels (``app.model``) the event may name; () names none
    confidential: bool = False


class UnknownEventError(LookupError):
    """An audit event code that nobody declared, or an object its declaration does not name."""


_registry: dict[str, EventType] = {}


def declare(code: str, label, *, objects: tuple[str, ...] | str = (), confidential: bool = False) -> EventType:
    """Declare one event type. `objects`: the model labels (``rectification.measure``) of the
    records the event may name; leave it empty for events about no record (failed logins)."""
    if code in _registry:
        raise ValueError(f"audit event {code!r} is declared twice")
    if code.count(".") < 1:
        raise ValueError(f"audit event {code!r} must be namespaced: <app>.<model>.<verb>")
    if isinstance(objects, str):
        objects = (objects,)
    event_type = EventType(code, label, tuple(objects), confidential)
    _registry[code] = event_type
    return event_type


def registered() -> dict[str, EventType]:
    _load()
    return dict(_registry)


def get(code: str) -> EventType | None:
    _load()
    return _registry.get(code)


def check(code: str, obj=None) -> EventType:
    """The declaration of `code`; raises `UnknownEventError` if there is none, or if `obj` is
    not a record the declaration names."""
    event_type = get(code)
    if event_type is None:
        raise UnknownEventError(f"audit event {code!r} is not declared in xuncha/audit/catalogue.py")
    label = obj._meta.label_lower if obj is not None else None
    if label is not None and label not in event_type.objects:
        raise UnknownEventError(f"audit event {code!r} does not name a {label} (declared: {event_type.objects})")
    return event_type


def label_for(code: str) -> str:
    """The event's label in the active language; an undeclared code (an event written before
    its type was renamed) is shown as such, with its code."""
    event_type = get(code)
    if event_type is None:
        return _("Undeclared event (%(code)s)") % {"code": code}
    return str(event_type.label)


def codes_matching(text: str) -> list[str]:
    """Codes whose label (in the active language) contains `text`: the log's search box finds
    events by the words the user reads."""
    text = text.strip().lower()
    if not text:
        return []
    return [code for code, event_type in registered().items() if text in str(event_type.label).lower()]


_loaded = False


def _load() -> None:
    """The catalogue, imported whole before the registry is read. The app loads it when Django
    starts (`AuditConfig.ready`); this covers code that runs before. The flag is set after the
    import, never before: a second thread would otherwise read a registry still being filled
    (a login in a fresh gunicorn worker was once refused as an undeclared event that way), and
    a second thread that imports meanwhile waits on Python's import lock for the whole module."""
    global _loaded
    if not _loaded:
        from xuncha.audit import catalogue  # noqa: F401  (declares every event type)

        _loaded = True
