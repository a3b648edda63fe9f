"""Writing audit events. Call inside the transaction of the change being recorded, after its
other row locks: appending locks the chain's head until the transaction commits (chain.py)."""

from typing import Any

from xuncha.audit import chain, events
from xuncha.audit.models import AuditEvent
from xuncha.audit.request import current_ip

# Apps whose records are case content: the log names them by type and number only, so that
# the auditor, who reads every event, never reads the case itself (三员分立).
CASE_APPS = {
    "plans",
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


def record_event(action: str, *, actor=None, obj=None, org_path: str = "", data: dict[str, Any] | None = None):
    """Append one event. `action` is namespaced: ``<app>.<model>.<verb>`` and declared in
    catalogue.py (else `events.UnknownEventError`, and the caller's transaction rolls back).
    `data` must hold ids, dates and codes, never case text."""
    events.check(action, obj)
    if obj is not None and not org_path:
        org_path = audit_org_path(obj)
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.get_username() if getattr(actor, "pk", None) else ""),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=_label(obj),
        org_path=org_path,
        ip_address=current_ip(),
        data=data or {},
    )
    return chain.append([event])[0]


def record_events(action: str, *, actor, objs) -> None:
    """One event per object, in one INSERT: a confidential list logs every row it shows, and at
    a page of 50 rows one statement per row would cost more than the page."""
    objs = list(objs)
    if not objs:
        return
    for obj in objs:
        events.check(action, obj)
    known = getattr(actor, "pk", None)
    ip = current_ip()
    chain.append(
        [
            AuditEvent(
                actor=actor if known else None,
                actor_name=actor.get_username() if known else "",
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=_label(obj),
                org_path=audit_org_path(obj),
                ip_address=ip,
                data={},
            )
            for obj in objs
        ]
    )


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
