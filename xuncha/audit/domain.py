"""Writing audit events. Call inside the transaction of the change being recorded."""

from typing import Any

from xuncha.audit.models import AuditEvent
from xuncha.audit.request import current_ip


def record_event(action: str, *, actor=None, obj=None, org_path: str = "", data: dict[str, Any] | None = None):
    """Append one event. `action` is namespaced: ``<app>.<model>.<verb>``."""
    if obj is not None and not org_path:
        org_path = audit_org_path(obj)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.get_username() if getattr(actor, "pk", None) else ""),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        org_path=org_path,
        ip_address=current_ip(),
        data=data or {},
    )


def audit_org_path(obj) -> str:
    """The organisation path that scopes who may read events about `obj`."""
    for attr in ("audit_org_path", "path"):
        value = getattr(obj, attr, None)
        if isinstance(value, str):
            return value
    return ""
