"""What the layout needs on every page: the sidebar this user may open (web/navigation.py) and
the older per-area flags some pages still read."""

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import roles_of
from xuncha.accounts.rules import may_grant, may_manage_accounts, may_read_audit


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = frozenset(roles_of(user))
    from xuncha.web.navigation import menu

    return {
        "menu": menu(user, roles, path=request.path),
        "nav": {
            "roles": sorted(roles),
            "plans": bool(roles & {Role.OFFICE, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER, Role.LEADERSHIP}),
            "inspections": bool(roles & Role.casework()),
            "ledger": bool(roles & (Role.casework() - {Role.IDENTITY_READER})),
            "dashboard": bool(
                roles & {Role.OFFICE, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER, Role.LEADERSHIP}
            ),
            "pools": Role.OFFICE in roles,
            "tasks": bool(roles & {Role.LIAISON, Role.RESPONSIBLE_UNIT}),
            "supervision": bool(roles & Role.casework()),
            "clues": bool(
                roles & {Role.OFFICE, Role.TEAM_MEMBER, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER}
            ),
            "petitions": bool(roles & {Role.OFFICE, Role.TEAM_MEMBER}),
            "fixes": bool(roles & {Role.OFFICE, Role.TEAM_MEMBER, Role.LIAISON, Role.RESPONSIBLE_UNIT}),
            "accounts": may_manage_accounts(user),
            "grants": may_grant(user),
            "audit": may_read_audit(user),
        }
    }
