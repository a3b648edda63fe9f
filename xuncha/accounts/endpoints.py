"""Accounts and role grants through the API (see `xuncha.restapi.exposure`): the detail of an
account and of a grant for the administrators who see them, every declared step as a POST,
and creating an account. The declarations decide, as on the pages: 三员分立 holds whatever
door the step comes through (the system administrator cannot reset or deactivate a security
administrator's or an auditor's account; a reset password forces a change at the next login
and suspends the roles until the security administrator confirms)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema, Status

from xuncha.accounts.queries import (
    account_organisations,
    grantable_inspections,
    grantable_organisations,
    grants_for_user,
    linkable_people,
    users_for_user,
)
from xuncha.restapi.exposure import Exposed, expose, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions


class AccountOut(Schema):
    id: int
    username: str
    display_name: str
    organisation_id: int | None
    person_id: int | None
    is_active: bool
    must_change_password: bool
    roles_suspended: bool
    actions: list[str]


class GrantOut(Schema):
    id: int
    user_id: int
    username: str
    role: str
    organisation_id: int
    inspection_id: int | None
    granted_by_id: int | None
    granted_at: datetime
    note: str
    revoked: bool
    actions: list[str]


class AccountStepIn(Schema):
    """A reason (deactivate, activate, revoke), a new password (reset), a person to link (none
    unlinks), or a grant's role, scope (organisation id), inspection and note."""

    reason: str = ""
    password: str | None = None
    person: int | None = None
    role: str | None = None
    organisation: int | None = None
    inspection: int | None = None
    note: str | None = None


class AccountIn(Schema):
    username: str
    password: str
    organisation: int
    display_name: str = ""


def _accounts(user):
    return users_for_user(user).select_related("organisation")


def _grants(user):
    return grants_for_user(user, include_archived=True).select_related("user")


def _account_out(request, account):
    return {
        "id": account.pk,
        "username": account.username,
        "display_name": account.display_name,
        "organisation_id": account.organisation_id,
        "person_id": account.person_id,
        "is_active": account.is_active,
        "must_change_password": account.must_change_password,
        "roles_suspended": account.roles_suspended_at is not None,
        "actions": offered_names(request, account, "accounts.User"),
    }


def _grant_out(request, grant):
    return {
        "id": grant.pk,
        "user_id": grant.user_id,
        "username": grant.user.username,
        "role": grant.role,
        "organisation_id": grant.organisation_id,
        "inspection_id": grant.inspection_id,
        "granted_by_id": grant.granted_by_id,
        "granted_at": grant.granted_at,
        "note": grant.note,
        "revoked": grant.is_archived,
        "actions": offered_names(request, grant, "accounts.RoleGrant"),
    }


def _in_scope(queryset, pk, message):
    """The row `pk` of the caller's choices (the same querysets as the pages' forms)."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError(message)
    return found


def _step_data(action, request, data: dict) -> dict:
    """Ids resolved among what the caller may choose, as the page's form does."""
    user = request.user
    if action.name == "user.link_person":
        return {"person": _in_scope(linkable_people(user), data.get("person"), _("Choose a person in your scope."))}
    if action.name == "user.grant_role":
        return {
            "role": data.get("role", ""),
            "organisation": _in_scope(
                grantable_organisations(user), data.get("organisation"), _("Choose a scope within your own.")
            ),
            "inspection": _in_scope(
                grantable_inspections(user), data.get("inspection"), _("Choose an inspection in your scope.")
            ),
            "note": data.get("note", ""),
        }
    return {k: v for k, v in data.items() if k in {"reason", "password"}}


@api.post("/accounts", response={201: AccountOut}, operation_id="organisation_create_user")
def create_account(request, payload: AccountIn):
    """A new account (system administrators, in their scope): its holder must choose a password
    at the first login, and its roles wait for the security administrator's confirmation."""
    organisation = account_organisations(request.user).filter(pk=payload.organisation).first()
    if organisation is None:
        raise Http404
    data = payload.model_dump(exclude={"organisation"})
    account = actions.take("organisation.create_user", organisation, by=request.user, data=data)
    return Status(201, _account_out(request, _accounts(request.user).get(pk=account.pk)))


expose(Exposed("accounts.User", "accounts", _accounts, AccountOut, _account_out, step_in=AccountStepIn,
               step_data=_step_data))
expose(Exposed("accounts.RoleGrant", "grants", _grants, GrantOut, _grant_out, step_in=AccountStepIn,
               step_data=_step_data))
