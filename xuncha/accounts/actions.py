"""The account and grant steps, each declared once (see `xuncha.workflow.actions`).

三员分立, as `rules.py` states it and as these declarations keep it:

* the system administrator creates accounts in scope, deactivates, reactivates and resets the
  password of accounts in scope, but never of a security administrator's or an auditor's
  account (`user_policy`'s CHANGE leaves those out: the command line is the way back);
* the security administrator confirms an account after a reset, links it to a person, grants
  and revokes roles in scope, never on their own account;
* the auditor takes no step here.
Nobody acts on their own account through these steps.

A created account or a reset password hands the account to its holder, who must choose a
password, and then to the security administrator, who confirms it (`next_actor`).
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action as Do
from xuncha.accounts.permissions import can, in_scope
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare

USER = "accounts.User"
GRANT = "accounts.RoleGrant"
ORGANISATION = "orgs.Organisation"
SECURITY = Role.SECURITY_ADMIN.value


def _d():
    from xuncha.accounts import domain

    return domain


def _other(user, account) -> bool:
    return getattr(user, "pk", None) is not None and account.pk != user.pk


def may_manage(user, account) -> bool:
    """The system administrator, on an account in scope that is neither their own nor a
    security administrator's or an auditor's (rules.user_policy, CHANGE)."""
    return _other(user, account) and can(user, Do.CHANGE, account)


def may_secure(user, account) -> bool:
    """The security administrator, on an account in scope other than their own."""
    from xuncha.accounts.rules import may_grant

    return _other(user, account) and may_grant(user) and can(user, Do.VIEW, account)


def may_grant_to(user, account) -> bool:
    """The security administrator, to an account in scope other than their own, unless it is a
    security administrator's: that account may hold no other role and the role itself is
    granted only from the command line, so no grant to it could succeed."""
    from xuncha.accounts.models import RoleGrant

    if not may_secure(user, account):
        return False
    return not RoleGrant.objects.active().filter(user=account, role=Role.SECURITY_ADMIN).exists()


def may_create_in(user, organisation) -> bool:
    return getattr(user, "pk", None) is not None and in_scope(user, {Role.SYSTEM_ADMIN}, organisation.path)


def may_revoke(user, grant) -> bool:
    """The security administrator, on a grant in scope that is not their own (rules.grant_policy,
    ARCHIVE), read off the row without a query: the grants list offers it on every row."""
    return (
        getattr(user, "pk", None) is not None
        and grant.user_id != user.pk
        and in_scope(user, {Role.SECURITY_ADMIN}, grant.organisation.path)
    )


def _active(account) -> str | None:
    return None if account.is_active else gettext("This account is deactivated.")


def _inactive(account) -> str | None:
    return gettext("This account is already active.") if account.is_active else None


def _open_organisation(organisation) -> str | None:
    if organisation.is_archived:
        return gettext("This organisation is archived; choose an active one.")
    return None


def _confirmable(account) -> str | None:
    if account.roles_suspended_at is None:
        return gettext("This account's roles are not suspended.")
    if account.must_change_password:
        return gettext("The account holder has not chosen a new password yet; confirm the account after that.")
    return None


def _revocable(grant) -> str | None:
    return gettext("This role has already been revoked.") if grant.archived_at is not None else None


def _always(obj) -> str | None:
    return None


declare(Action(
    "organisation.create_user", _("New account"), ORGANISATION, _open_organisation, may_create_in,
    "accounts.user.created", next_actor=SECURITY,
    perform=lambda o, by, d: _d().create_user(
        by=by, organisation=o, username=d.get("username", ""), password=d.get("password", ""),
        display_name=d.get("display_name", ""),
    ),
))
declare(Action(
    "user.deactivate", _("Deactivate"), USER, _active, may_manage, "accounts.user.deactivated",
    requires=("reason",), style="danger",
    perform=lambda o, by, d: _d().set_user_active(o, by=by, active=False, reason=d.get("reason", "")),
))
declare(Action(
    "user.activate", _("Activate"), USER, _inactive, may_manage, "accounts.user.activated",
    requires=("reason",),
    perform=lambda o, by, d: _d().set_user_active(o, by=by, active=True, reason=d.get("reason", "")),
))
declare(Action(
    "user.reset_password", _("Reset password"), USER, _always, may_manage, "accounts.user.password_reset",
    next_actor=SECURITY, requires=("password",), style="secondary",
    perform=lambda o, by, d: _d().reset_password(o, by=by, new_password=d.get("password", "")),
))
declare(Action(
    "user.confirm", _("Confirm account and restore roles"), USER, _confirmable, may_secure,
    "accounts.user.roles_restored",
    perform=lambda o, by, d: _d().confirm_account(o, by=by),
))
declare(Action(
    "user.link_person", _("Link person"), USER, _always, may_secure, "accounts.user.person_linked",
    style="secondary",
    perform=lambda o, by, d: _d().link_person(o, by=by, person=d.get("person")),
))
declare(Action(
    "user.grant_role", _("Grant a role"), USER, _active, may_grant_to, "accounts.grant.created",
    perform=lambda o, by, d: _d().grant_role(
        by=by, grantee=o, role=Role(d["role"]) if d.get("role") in Role.values else d.get("role"),
        organisation=d.get("organisation"), note=d.get("note", ""), inspection=d.get("inspection"),
    ),
))
declare(Action(
    "grant.revoke", _("Revoke"), GRANT, _revocable, may_revoke, "accounts.grant.revoked",
    requires=("reason",), style="danger",
    perform=lambda o, by, d: _d().revoke_grant(o, by=by, reason=d.get("reason", "")),
))

# where a hand-off leads (xuncha.workflow.handoff): the account, or for a new one the accounts list
handoff.page(USER, lambda u: reverse("accounts:user", args=[u.pk]))
handoff.page(ORGANISATION, lambda o: reverse("accounts:users"))
