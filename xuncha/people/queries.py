"""Permission-scoped reads of people."""

from xuncha.accounts.permissions import Action, restrict, scope_q
from xuncha.orgs.models import Organisation
from xuncha.people.models import Person


def people_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    qs = Person.objects.all()
    if not include_archived:
        qs = qs.active()
    return restrict(qs, user, action)


def organisations_for_people_upkeep(user):
    """Active organisations where `user` may add or move people (the form's choices)."""
    from xuncha.people.rules import MAINTAINERS

    condition = scope_q(user, MAINTAINERS, "path")
    if condition is None:
        return Organisation.objects.none()
    return Organisation.objects.active().filter(condition).order_by("path")
