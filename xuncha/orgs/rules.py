"""Who sees and edits the organisation tree.

Every role sees the organisations in its scope (the tree is master data, not case content).
The inspection office maintains it within its scope. The system administrator does not: moving
an organisation changes whose grants cover it, which is a security decision.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, policy, scope_q
from xuncha.orgs.models import Organisation

MAINTAINERS = {Role.OFFICE}


@policy(Organisation)
def organisation_policy(user, action: Action) -> Q | None:
    if action in (Action.VIEW, Action.EXPORT):
        return scope_q(user, set(Role), "path")
    if action in (Action.CREATE, Action.CHANGE, Action.ARCHIVE):
        return scope_q(user, MAINTAINERS, "path")
    return None
