"""Who sees and edits people.

People in scope are visible to casework roles and to the system and security administrators
(who link accounts to people); the auditor reads logs, not personnel records. The office
maintains people (their workplaces and relatives decide recusal).
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, in_scope, policy, scope_q
from xuncha.people.models import Employment, Person, Relative

VIEWERS = set(Role.casework()) | {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN}
MAINTAINERS = {Role.OFFICE}


def _roles_for(action: Action) -> set[Role] | None:
    if action in (Action.VIEW, Action.EXPORT):
        return VIEWERS
    if action in (Action.CREATE, Action.CHANGE, Action.ARCHIVE):
        return MAINTAINERS
    return None


@policy(Person)
def person_policy(user, action: Action) -> Q | None:
    roles = _roles_for(action)
    return scope_q(user, roles, "organisation__path") if roles else None


@policy(Employment)
def employment_policy(user, action: Action) -> Q | None:
    roles = _roles_for(action)
    return scope_q(user, roles, "person__organisation__path") if roles else None


@policy(Relative)
def relative_policy(user, action: Action) -> Q | None:
    """Relatives are private: only the office (which runs recusal checks) sees them."""
    return scope_q(user, {Role.OFFICE}, "person__organisation__path")


def may_record_relatives(user, person) -> bool:
    """Relatives are private; like their policy, only the office records them."""
    return in_scope(user, {Role.OFFICE}, person.organisation.path)
