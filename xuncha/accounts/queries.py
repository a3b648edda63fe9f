"""Permission-scoped reads of accounts and grants."""

from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import Action, restrict, scope_q
from xuncha.orgs.models import Organisation


def users_for_user(user, action: Action = Action.VIEW):
    return restrict(User.objects.all(), user, action)


def grants_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    qs = RoleGrant.objects.all() if include_archived else RoleGrant.objects.active()
    return restrict(qs, user, action)


def grantable_organisations(user):
    condition = scope_q(user, {Role.SECURITY_ADMIN}, "path")
    if condition is None:
        return Organisation.objects.none()
    return Organisation.objects.active().filter(condition).order_by("path")


def account_organisations(user):
    condition = scope_q(user, {Role.SYSTEM_ADMIN}, "path")
    if condition is None:
        return Organisation.objects.none()
    return Organisation.objects.active().filter(condition).order_by("path")


def own_grants(user):
    return RoleGrant.objects.active().filter(user=user).select_related("organisation").order_by("role")


def grantable_inspections(user):
    """Inspections a security administrator may limit a team grant to. Only their titles are
    shown, which the inspection announcement (巡察公告) makes public anyway."""
    from xuncha.inspections.models import Inspection

    condition = scope_q(user, {Role.SECURITY_ADMIN}, "term__owner__path")
    if condition is None:
        return Inspection.objects.none()
    return Inspection.objects.active().filter(condition).order_by("-entry_on")


def linkable_people(user):
    """People a security administrator may link accounts to: active people in their scope."""
    from xuncha.people.models import Person

    condition = scope_q(user, {Role.SECURITY_ADMIN}, "organisation__path")
    if condition is None:
        return Person.objects.none()
    return (
        Person.objects.active().filter(condition).select_related("organisation").order_by("organisation__path", "name")
    )
