"""Policies for accounts and grants, and the administration rules (三员分立).

* A system administrator manages accounts (create, deactivate, reset passwords) in scope.
* A security administrator grants and revokes roles in scope, never to themself.
* An auditor reads the audit log in scope.
None of the three may hold another of the three roles or any casework role.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import Action, in_scope, policy, scope_paths, scope_q, scoped_roles


@policy(User)
def user_policy(user, action: Action) -> Q | None:
    if action in (Action.VIEW, Action.EXPORT):
        roles = {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN}
    elif action in (Action.CREATE, Action.CHANGE, Action.ARCHIVE):
        roles = {Role.SYSTEM_ADMIN}
    else:
        return None
    q = scope_q(user, roles, "organisation__path")
    if q is None:
        return None
    if any(g.is_root for g in scoped_roles(user) if g.role in roles):
        q |= Q(organisation__isnull=True)
    return q


@policy(RoleGrant)
def grant_policy(user, action: Action) -> Q | None:
    if action in (Action.VIEW, Action.EXPORT):
        return scope_q(user, {Role.SECURITY_ADMIN, Role.AUDITOR}, "organisation__path")
    if action == Action.ARCHIVE:
        q = scope_q(user, {Role.SECURITY_ADMIN}, "organisation__path")
        return q & ~Q(user=user) if q is not None else None
    return None


def may_manage_accounts(user) -> bool:
    return bool(scope_paths(user, {Role.SYSTEM_ADMIN}))


def may_grant(user) -> bool:
    return bool(scope_paths(user, {Role.SECURITY_ADMIN}))


def may_read_grants(user) -> bool:
    """The grants list and its export: security administrators and auditors (grant_policy's VIEW)."""
    return bool(scope_paths(user, {Role.SECURITY_ADMIN, Role.AUDITOR}))


def may_read_audit(user) -> bool:
    return bool(scope_paths(user, {Role.AUDITOR}))


def may_grant_at(user, *, organisation, role: Role, grantee) -> str | None:
    """Why `user` may not grant `role` on `organisation` to `grantee`; None when allowed."""
    from django.utils.translation import gettext as _

    if not may_grant(user):
        return _("Only a security administrator can grant roles.")
    if grantee.pk == user.pk:
        return _("You cannot grant roles to yourself.")
    if role == Role.SECURITY_ADMIN:
        return _("The security administrator role is granted only from the command line.")
    if not in_scope(user, {Role.SECURITY_ADMIN}, organisation.path):
        return _("%(org)s is outside your own scope; you can grant roles only within it.") % {"org": organisation}
    return None
