"""Account and grant writes, each one transaction with its audit event.

Each write is a declared step (`xuncha.accounts.actions`): it locks the row it acts on and asks
`actions.check` who may take it and whether the row's state allows it, whatever door (page,
API, command line with `by=None`) it came through."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import forget_cached_roles
from xuncha.accounts.rules import may_grant_at
from xuncha.audit.domain import record_event
from xuncha.workflow import actions


def create_user(*, by, username: str, password: str, organisation, display_name: str = "", person=None) -> User:
    """Create an account. `by` is a system administrator with `organisation` in scope, or None (CLI).

    The system administrator chose the password, so an account it creates must change it at
    the first login and its roles stay suspended until a security administrator confirms the
    account after that change (三员分立: the administrator's password never reaches case content)."""
    from xuncha.orgs.models import Organisation

    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        actions.check("organisation.create_user", by, organisation)
        user = User(username=username, display_name=display_name, organisation=organisation, person=person)
        validate_password(password, user)
        user.set_password(password)
        if by is not None:
            user.must_change_password = True
            user.roles_suspended_at = timezone.now()
        user.full_clean()
        user.save()
        record_event(
            "accounts.user.created",
            actor=by,
            obj=user,
            org_path=organisation.path,
            data={"must_change_password": user.must_change_password},
        )
        return user


def set_user_active(user: User, *, by, active: bool, reason: str) -> User:
    """Deactivate or reactivate an account. `by` is a system administrator (never for a security
    administrator's or an auditor's account, see rules.user_policy) or None (command line)."""
    with transaction.atomic():
        actions.check("user.activate" if active else "user.deactivate", by, _locked(user))
        if not reason.strip():
            raise ValidationError({"reason": _("Give a reason.")})
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
    """Someone other than the holder sets a new password; the holder must replace it at the
    next login before any page works. `by` None is the command line.

    A system administrator now knows the password, so the account's roles are also suspended,
    whether or not it holds any grant yet, until the holder has chosen their own password and a
    security administrator has confirmed the account with them (三员分立). The command line is
    the way back for the security administrators' and auditors' accounts, which the system
    administrator cannot touch; it forces the change but suspends nothing, since nobody above
    those roles could confirm them."""
    with transaction.atomic():
        actions.check("user.reset_password", by, _locked(user))  # one reset at a time
        validate_password(new_password, user)
        user.set_password(new_password)
        user.must_change_password = True
        suspend = by is not None
        if suspend:
            user.roles_suspended_at = timezone.now()
        user.save(update_fields=["password", "must_change_password", "roles_suspended_at"])
        record_event(
            "accounts.user.password_reset",
            actor=by,
            obj=user,
            org_path=_org_path(user),
            data={"roles_suspended": suspend},
        )
    forget_cached_roles(user)
    return user


def change_own_password(user: User, *, new_password: str) -> User:
    """The holder sets their own password (the old one already checked by the form). This ends
    a forced change; roles suspended by a reset stay suspended until a security administrator
    confirms the account."""
    if user.check_password(new_password):
        raise ValidationError(_("Choose a password different from the current one."))
    validate_password(new_password, user)
    with transaction.atomic():
        forced = User.objects.select_for_update().values_list("must_change_password", flat=True).get(pk=user.pk)
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        record_event(
            "accounts.user.password_changed", actor=user, obj=user, org_path=_org_path(user), data={"forced": forced}
        )
    forget_cached_roles(user)
    return user


def confirm_account(user: User, *, by) -> User:
    """The security administrator lifts the suspension after checking with the account holder
    that they, not the administrator, chose the password now in use. Refused while the
    administrator's password is still the account's: confirming then would hand the roles to
    whoever logs in with it first."""
    with transaction.atomic():
        actions.check("user.confirm", by, _locked(user))  # the stored state, not the caller's copy
        user.roles_suspended_at = None
        user.save(update_fields=["roles_suspended_at"])
        record_event("accounts.user.roles_restored", actor=by, obj=user, org_path=_org_path(user))
    forget_cached_roles(user)
    return user


def link_person(user: User, *, by, person) -> User:
    """Link an account to a person. It confers what that person's team places give, so it is
    the security administrator's act, like a grant."""
    with transaction.atomic():
        actions.check("user.link_person", by, _locked(user))
        if person is not None and person.is_archived:
            raise ValidationError(_("This person is archived."))
        if person is not None and User.objects.filter(person=person).exclude(pk=user.pk).exists():
            raise ValidationError(_("Another account is already linked to this person."))
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
    with transaction.atomic():
        actions.check("user.grant_role", by, _locked(grantee))  # grants to one account one at a time
        if role not in Role.values or organisation is None:
            raise ValidationError(_("Choose a role and a scope."))
        role = Role(role)
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
            raise ValidationError(
                _("Administration roles are kept apart: this user already holds other roles (三员分立).")
            )
        if role not in admin and existing & admin:
            raise ValidationError(
                _("Administration roles are kept apart: this user is an administrator and cannot do casework.")
            )
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
    with transaction.atomic():
        actions.check("grant.revoke", by, RoleGrant.objects.select_for_update().get(pk=grant.pk))
        if not reason.strip():
            raise ValidationError({"archived_reason": _("Give a reason for archiving.")})
        grant.archived_at = timezone.now()
        grant.archived_by = by
        grant.archived_reason = reason.strip()
        grant._change_reason = reason.strip()
        grant.save()
        record_event("accounts.grant.revoked", actor=by, obj=grant, data={"reason": reason})
    forget_cached_roles(grant.user)
    return grant


def _locked(user: User) -> User:
    """The account's row, locked for the rest of the transaction, as stored."""
    return User.objects.select_for_update().get(pk=user.pk)


def _org_path(user: User) -> str:
    return user.organisation.path if user.organisation_id else ""
