"""Account and grant writes, each one transaction with its audit event."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import Action, can, forget_cached_roles, in_scope, restrict
from xuncha.accounts.rules import may_grant_at
from xuncha.audit.domain import record_event


def create_user(*, by, username: str, password: str, organisation, display_name: str = "", person=None) -> User:
    """Create an account. `by` is a system administrator with `organisation` in scope, or None (CLI)."""
    if by is not None and not in_scope(by, {Role.SYSTEM_ADMIN}, organisation.path):
        raise PermissionDenied(_("Only a system administrator can create accounts within their scope."))
    if organisation.is_archived:
        raise ValidationError({"organisation": _("This organisation is archived; choose an active one.")})
    with transaction.atomic():
        user = User(username=username, display_name=display_name, organisation=organisation, person=person)
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        record_event("accounts.user.created", actor=by, obj=user, org_path=organisation.path)
        return user


def set_user_active(user: User, *, by, active: bool, reason: str) -> User:
    if not can(by, Action.CHANGE, user):
        raise PermissionDenied
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    with transaction.atomic():
        user.is_active = active
        user._change_reason = reason
        user.save(update_fields=["is_active"])
        record_event(
            "accounts.user.activated" if active else "accounts.user.deactivated",
            actor=by,
            obj=user,
            org_path=_org_path(user),
            data={"reason": reason},
        )
        return user


def reset_password(user: User, *, by, new_password: str) -> User:
    """A system administrator sets a new password. Because the administrator now knows it, the
    account's roles are suspended until a security administrator confirms the account
    (三员分立: the system administrator cannot thereby read case content)."""
    if not can(by, Action.CHANGE, user):
        raise PermissionDenied
    if user.pk == by.pk:
        raise ValidationError(_("Change your own password on the password page."))
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        suspend = RoleGrant.objects.active().filter(user=user).exists()
        if suspend:
            user.roles_suspended_at = timezone.now()
        user.save(update_fields=["password", "roles_suspended_at"])
        record_event(
            "accounts.user.password_reset",
            actor=by,
            obj=user,
            org_path=_org_path(user),
            data={"roles_suspended": suspend},
        )
    forget_cached_roles(user)
    return user


def confirm_account(user: User, *, by) -> User:
    """The security administrator lifts the suspension after checking with the account holder."""
    from xuncha.accounts.rules import may_grant

    if not may_grant(by) or not can(by, Action.VIEW, user) or user.pk == by.pk:
        raise PermissionDenied
    with transaction.atomic():
        user.roles_suspended_at = None
        user.save(update_fields=["roles_suspended_at"])
        record_event("accounts.user.roles_restored", actor=by, obj=user, org_path=_org_path(user))
    forget_cached_roles(user)
    return user


def link_person(user: User, *, by, person) -> User:
    """Link an account to a person. It confers what that person's team places give, so it is
    the security administrator's act, like a grant."""
    from xuncha.accounts.rules import may_grant

    if not may_grant(by) or not can(by, Action.VIEW, user) or user.pk == by.pk:
        raise PermissionDenied
    if person is not None and person.is_archived:
        raise ValidationError(_("This person is archived."))
    if person is not None and User.objects.filter(person=person).exclude(pk=user.pk).exists():
        raise ValidationError(_("Another account is already linked to this person."))
    with transaction.atomic():
        user.person = person
        user.save(update_fields=["person"])
        record_event(
            "accounts.user.person_linked",
            actor=by,
            obj=user,
            org_path=_org_path(user),
            data={"person": person.pk if person else None},
        )
    forget_cached_roles(user)
    return user


def grant_role(*, by, grantee: User, role: Role, organisation, note: str = "", inspection=None) -> RoleGrant:
    """Grant `role` on `organisation`'s subtree, optionally limited to one inspection.
    `by` None means the command line (bootstrap)."""
    if by is not None:
        refusal = may_grant_at(by, organisation=organisation, role=role, grantee=grantee)
        if refusal:
            raise ValidationError(refusal)
    if organisation.is_archived:
        raise ValidationError({"organisation": _("This organisation is archived; choose an active one.")})
    if inspection is not None and role != Role.TEAM_MEMBER:
        raise ValidationError(_("Only the team member role can be limited to one inspection."))
    existing = {Role(r) for r in RoleGrant.objects.active().filter(user=grantee).values_list("role", flat=True)}
    admin = Role.administration()
    if role in admin and (existing - {role}):
        raise ValidationError(_("Administration roles are kept apart: this user already holds other roles (三员分立)."))
    if role not in admin and existing & admin:
        raise ValidationError(
            _("Administration roles are kept apart: this user is an administrator and cannot do casework.")
        )
    with transaction.atomic():
        grant = RoleGrant(
            user=grantee, role=role, organisation=organisation, granted_by=by, note=note, inspection=inspection
        )
        grant.full_clean()
        grant.save()
        record_event(
            "accounts.grant.created",
            actor=by,
            obj=grant,
            data={"user": grantee.username, "role": role.value, "organisation": organisation.pk},
        )
    forget_cached_roles(grantee)
    return grant


def revoke_grant(grant: RoleGrant, *, by, reason: str) -> RoleGrant:
    if not restrict(RoleGrant.objects.filter(pk=grant.pk), by, Action.ARCHIVE).exists():
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"archived_reason": _("Give a reason for archiving.")})
    with transaction.atomic():
        grant.archived_at = timezone.now()
        grant.archived_by = by
        grant.archived_reason = reason.strip()
        grant._change_reason = reason.strip()
        grant.save()
        record_event("accounts.grant.revoked", actor=by, obj=grant, data={"reason": reason})
    forget_cached_roles(grant.user)
    return grant


def _org_path(user: User) -> str:
    return user.organisation.path if user.organisation_id else ""
