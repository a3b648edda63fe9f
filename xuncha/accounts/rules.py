"""Policies for accounts and grants, and the administration rules (三员分立).

* A system administrator manages accounts (create, deactivate, reset passwords) in scope,
  except the accounts of security administrators and auditors: those are reset or
  deactivated only from the command line (`xuncha account`), so the system
  administrator can neither take over nor silence the two roles that watch it.
* A security administrator grants and revokes roles in scope, never to themself.
* An auditor reads the audit log in scope.
None of the three may hold another of the three roles or any casework role.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.models import ApiToken, RoleGrant, User
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
    if action in (Action.CHANGE, Action.ARCHIVE):
        q &= ~Q(pk__in=protected_accounts().values("user_id"))
    return q


def protected_accounts():
    """Grants that take an account out of the system administrator's hands (三员分立)."""
    return RoleGrant.objects.active().filter(role__in=[Role.SECURITY_ADMIN, Role.AUDITOR])


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


def may_manage_tokens_of(user, owner) -> bool:
    """A user revokes their own API tokens; the security administrator any in scope."""
    if getattr(user, "pk", None) is None:
        return False
    if user.pk == owner.pk:
        return True
    return bool(owner.organisation_id) and in_scope(user, {Role.SECURITY_ADMIN}, owner.organisation.path)


@policy(ApiToken)
def token_policy(user, action: Action) -> Q | None:
    """Own tokens; the security administrator lists (and revokes) every token in scope."""
    own = Q(user=user) if getattr(user, "pk", None) else None
    admin = scope_q(user, {Role.SECURITY_ADMIN}, "user__organisation__path")
    if own is None or admin is None:
        return own if admin is None else admin
    return own | admin
