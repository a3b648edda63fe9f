"""The users every inspection-side action matrix runs as: each role of the platform at the
scope a demo account holds it, a team member on the inspection's team, and an office of
another district (in scope of nothing here)."""

from tests.factories import PersonFactory, UserFactory, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role

SCOPED = [
    (Role.OFFICE, "city"),
    (Role.DISCIPLINE_REVIEWER, "city"),
    (Role.ORGANISATION_REVIEWER, "city"),
    (Role.LEADERSHIP, "city"),
    (Role.IDENTITY_READER, "city"),
    (Role.LIAISON, "district"),
    (Role.RESPONSIBLE_UNIT, "street"),
    (Role.LIAISON, "other_district"),
    (Role.OFFICE, "other_district"),
    (Role.SYSTEM_ADMIN, "city"),
    (Role.SECURITY_ADMIN, "city"),
    (Role.AUDITOR, "city"),
]


def team_member_user(tree):
    """A user whose person can be put on a team (the team role sees only its own inspections)."""
    person = PersonFactory(organisation=tree.city, name="组员甲")
    user = UserFactory(organisation=tree.city, person=person)
    grant_role(by=None, grantee=user, role=Role.TEAM_MEMBER, organisation=tree.city)
    return user


def matrix_users(tree, team_user) -> list:
    return [user_with_role(role, getattr(tree, scope)) for role, scope in SCOPED] + [team_user]


def declared(app_module) -> list[str]:
    """The names of the steps `app_module` declares (its own, not other apps' on the same model)."""
    from xuncha.workflow.actions import REGISTRY

    return [name for name, action in REGISTRY.items() if action.perform.__module__ == app_module]
