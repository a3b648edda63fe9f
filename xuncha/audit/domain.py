"""Writing audit events. Call inside the transaction of the change being recorded, after its
other row locks: appending locks the chain's head until the transaction commits (chain.py)."""

import re
from typing import Any

from django.db import transaction

from xuncha.audit import chain, events
from xuncha.audit.models import AuditEvent, AuditEventObject
from xuncha.audit.request import current_ip

# Apps whose records are case content: the log names them by type and number only, so that
# the auditor, who reads every event, never reads the case itself (三员分立).
CASE_APPS = {
    "plans",
    "meetings",
    "inspections",
    "staffing",
    "findings",
    "clues",
    "petitions",
    "rectification",
    "supervision",
    "ledger",
    "reports",
}


# What the data of an event about case records may hold: numbers, booleans and codes (ids,
# dates, enum values, field names). Free text (a reason typed by a user, an indicator's name)
# would reach the auditor, who may not read case content; it stays on the record, where the
# record's own policy guards it. The one exception is a document number given at issue
# (厦巡督〔2025〕3号): a reference the auditor needs, naming no more than the office and a year.
_CODE = re.compile(r"[A-Za-z0-9_.:+\-/ ]{0,64}")
REFERENCE_KEYS = {"number"}


class CaseTextInAuditLog(ValueError):
    """A programming error: an event about case records was given free text to store."""


def check_case_data(action: str, data: dict[str, Any]) -> None:
    """Refuse free text in the data of an event of a case app (see `_CODE`)."""
    if action.split(".", 1)[0] not in CASE_APPS:
        return

    def check(key: str, value) -> None:
        if value is None or isinstance(value, bool | int | float):
            return
        if isinstance(value, str):
            if key in REFERENCE_KEYS and len(value) <= 64 and not any(c.isspace() for c in value):
                return
            if _CODE.fullmatch(value):
                return
            raise CaseTextInAuditLog(f"{action}: {key!r} holds text; store an id or a code")
        if isinstance(value, list | tuple | set):
            for item in value:
                check(key, item)
            return
        if isinstance(value, dict):
            for inner_key, item in value.items():
                check(str(key), str(inner_key))
                check(str(inner_key), item)
            return
        raise CaseTextInAuditLog(f"{action}: {key!r} holds a {type(value).__name__}")

    for key, value in data.items():
        check(key, value)


def record_event(action: str, *, actor=None, obj=None, org_path: str = "", data: dict[str, Any] | None = None):
    """Append one event. `action` is namespaced: ``<app>.<model>.<verb>`` and declared in
    catalogue.py (else `events.UnknownEventError`, and the caller's transaction rolls back).
    For case records `data` holds ids, dates and codes, never case text (`check_case_data`
    refuses it)."""
    return chain.append([_event(action, actor=actor, obj=obj, org_path=org_path, data=data, ip=current_ip())])[0]


def record_each(action: str, *, actor, items) -> list:
    """One event per `(obj, data)` of `items`, in that order, appended in one INSERT: each
    exactly as `record_event(action, actor=actor, obj=obj, data=data)` would write it (a batch
    of edits logs every edit, at the cost of one statement)."""
    ip = current_ip()
    built = [_event(action, actor=actor, obj=obj, org_path="", data=data, ip=ip) for obj, data in items]
    return chain.append(built)


def _event(action: str, *, actor, obj, org_path: str, data: dict[str, Any] | None, ip) -> AuditEvent:
    events.check(action, obj)
    check_case_data(action, data or {})
    if obj is not None and not org_path:
        org_path = audit_org_path(obj)
    return AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.get_username() if getattr(actor, "pk", None) else ""),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=_label(obj),
        org_path=org_path,
        ip_address=ip,
        data=data or {},
    )


def record_events(action: str, *, actor, objs) -> None:
    """A read of several records (a list's page, an export): one event per organisation path
    (and kind of record) among them, naming its records' ids in its data (covered by its HMAC)
    and, for the search by record, in `AuditEventObject` (issue 19: at a page of 50 rows, 50
    chained events cost more than the page; one per path keeps each auditor's scope,
    `audit_policy`, exactly as before). A group of one names its record as `record_event` does
    (`object_id`)."""
    objs = list(objs)
    if not objs:
        return
    for obj in objs:
        events.check(action, obj)
    groups: dict[tuple[str, str], list] = {}  # by organisation path and kind of record
    for obj in objs:
        groups.setdefault((audit_org_path(obj), obj._meta.label_lower), []).append(obj)
    known = getattr(actor, "pk", None)
    ip = current_ip()
    built = []
    for (org_path, _kind), group in groups.items():
        one = group[0] if len(group) == 1 else None
        first = group[0]
        built.append(
            AuditEvent(
                actor=actor if known else None,
                actor_name=actor.get_username() if known else "",
                action=action,
                object_type=first._meta.label_lower,
                object_id=str(one.pk) if one else "",
                object_repr=_label(one) if one else _many(first, len(group)),
                org_path=org_path,
                ip_address=ip,
                data={} if one else {"ids": [obj.pk for obj in group]},
            )
        )
    with transaction.atomic():  # the events and their index of records, or neither
        written = chain.append(built)
        AuditEventObject.objects.bulk_create(
            [
                AuditEventObject(event=event, object_id=str(obj.pk))
                for event, group in zip(written, groups.values(), strict=True)
                for obj in group  # a group of one too: a list's page costs the same queries whatever it shows
            ]
        )


def _many(obj, count: int) -> str:
    """How an event naming several records shows them: their kind and number (线索 ×12)."""
    return f"{obj._meta.verbose_name} ×{count}"


def audit_org_path(obj) -> str:
    """The organisation path that scopes who may read events about `obj`."""
    for attr in ("audit_org_path", "path"):
        value = getattr(obj, attr, None)
        if isinstance(value, str):
            return value
    return ""


def _label(obj) -> str:
    if obj is None:
        return ""
    if obj._meta.app_label in CASE_APPS:
        return f"{obj._meta.verbose_name} #{obj.pk}"
    return str(obj)[:300]
