"""The audit log is read by auditors only, within their scope; events not tied to an
organisation (system settings, logins) are read by auditors scoped at a root."""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, policy, scope_q, scoped_roles
from xuncha.audit.models import AuditEvent


@policy(AuditEvent)
def audit_policy(user, action: Action) -> Q | None:
    if action not in (Action.VIEW, Action.EXPORT):
        return None
    q = scope_q(user, {Role.AUDITOR}, "org_path")
    if q is None:
        return None
    if any(g.is_root for g in scoped_roles(user) if g.role == Role.AUDITOR):
        q |= Q(org_path="")
    return q
