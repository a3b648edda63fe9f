"""Every declared account and grant step × every account state × every administrator and
casework role: what the page offers and what the domain accepts agree, and 三员分立 holds in
both (the system administrator is refused on the security administrator's and the auditor's
accounts; nobody acts on their own account; the auditor takes no step)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.action_matrix import disagreements
from tests.factories import OrganisationFactory, UserFactory, user_with_role
from xuncha.accounts import domain
from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Matrix-admin-chosen-7q!"
USER_STEPS = [
    "user.deactivate",
    "user.activate",
    "user.reset_password",
    "user.confirm",
    "user.link_person",
    "user.grant_role",
]


@pytest.fixture
def world(tree):
    actors = {
        "sysadmin": user_with_role(Role.SYSTEM_ADMIN, tree.city, username="m_sys"),
        "security": user_with_role(Role.SECURITY_ADMIN, tree.city, username="m_sec"),
        "auditor": user_with_role(Role.AUDITOR, tree.city, username="m_aud"),
        "office": user_with_role(Role.OFFICE, tree.city, username="m_office"),
        "liaison": user_with_role(Role.LIAISON, tree.street, username="m_liaison"),
        "sysadmin_elsewhere": user_with_role(Role.SYSTEM_ADMIN, tree.other_district, username="m_sys2"),
        "security_elsewhere": user_with_role(Role.SECURITY_ADMIN, tree.other_district, username="m_sec2"),
    }

    def account(name, role=None):
        user = UserFactory(username=name, organisation=tree.street)
        if role is not None:
            domain.grant_role(by=None, grantee=user, role=role, organisation=tree.street)
        return user

    states = {
        "active": account("t_active", Role.OFFICE),
        "no roles": account("t_plain"),
        "inactive": account("t_inactive", Role.OFFICE),
        "unconfirmed": account("t_unconfirmed", Role.OFFICE),
        "must change password": account("t_must_change", Role.OFFICE),
        "system administrator": account("t_sys", Role.SYSTEM_ADMIN),
        "security administrator": account("t_sec", Role.SECURITY_ADMIN),
        "auditor": account("t_aud", Role.AUDITOR),
    }
    User.objects.filter(pk=states["inactive"].pk).update(is_active=False)
    User.objects.filter(pk=states["unconfirmed"].pk).update(roles_suspended_at=timezone.now())
    User.objects.filter(pk=states["must change password"].pk).update(
        roles_suspended_at=timezone.now(), must_change_password=True
    )
    return {"actors": actors, "states": states, "tree": tree}


def _input(name, account, tree):
    held = set(RoleGrant.objects.active().filter(user=account).values_list("role", flat=True))
    admin = held & {r.value for r in Role.administration()}
    return {
        "user.deactivate": {"reason": "离岗"},
        "user.activate": {"reason": "返岗"},
        "user.reset_password": {"password": NEW_PASSWORD},
        "user.link_person": {"person": tree.people["community"]},
        "user.grant_role": {
            "role": next(iter(admin)) if admin else Role.LIAISON.value,
            "organisation": _below(account.organisation, tree),  # in the scope of whoever sees the account
        },
    }.get(name, {})


def _below(home, tree):
    """An organisation under the account's home one, where it holds no grant yet."""
    return {
        tree.city.pk: tree.district, tree.district.pk: tree.street, tree.street.pk: tree.community,
        tree.other_district.pk: tree.other_street,
    }[home.pk]


def test_every_account_step_is_declared():
    assert {n for n, a in actions.REGISTRY.items() if a.model == "accounts.User"} == set(USER_STEPS)
    assert {n for n, a in actions.REGISTRY.items() if a.model == "accounts.RoleGrant"} == {"grant.revoke"}


def test_offering_and_taking_agree_for_accounts(world):
    users = list(world["actors"].values())
    objects = [*world["states"].values(), *users]  # the actors' own accounts too
    found, offered_count = disagreements(USER_STEPS, objects, users, lambda n, a: _input(n, a, world["tree"]))
    assert found == []
    assert offered_count >= 20


def _offered(name, user, account):
    return actions.get(name).offered_to(user, User.objects.get(pk=account.pk))


@pytest.mark.parametrize("target", ["security administrator", "auditor"])
@pytest.mark.parametrize("step", ["user.deactivate", "user.reset_password"])
def test_the_system_administrator_is_refused_on_the_watchers_accounts(world, target, step):
    sysadmin, account = world["actors"]["sysadmin"], world["states"][target]
    ordinary = world["states"]["active"]
    assert _offered(step, sysadmin, ordinary)  # positive control: the same step on an ordinary account
    assert not _offered(step, sysadmin, account)
    with pytest.raises(PermissionDenied):
        actions.take(step, User.objects.get(pk=account.pk), by=sysadmin, data=_input(step, account, world["tree"]))
    account.refresh_from_db()
    assert account.is_active and not account.must_change_password


def test_the_system_administrator_cannot_reactivate_a_deactivated_watcher(world):
    sysadmin, auditor = world["actors"]["sysadmin"], world["states"]["auditor"]
    domain.set_user_active(auditor, by=None, active=False, reason="command line")
    assert not _offered("user.activate", sysadmin, auditor)
    with pytest.raises(PermissionDenied):
        domain.set_user_active(User.objects.get(pk=auditor.pk), by=sysadmin, active=True, reason="x")


def test_the_auditor_takes_no_account_step(world):
    auditor = world["actors"]["auditor"]
    for account in [*world["states"].values(), auditor]:
        for name in [*USER_STEPS]:
            assert not _offered(name, auditor, account), (name, account.username)


def test_only_the_security_administrator_confirms_and_never_their_own_account(world):
    security, sysadmin = world["actors"]["security"], world["actors"]["sysadmin"]
    unconfirmed = world["states"]["unconfirmed"]
    assert _offered("user.confirm", security, unconfirmed)
    assert not _offered("user.confirm", sysadmin, unconfirmed)
    User.objects.filter(pk=security.pk).update(roles_suspended_at=timezone.now())
    security = User.objects.get(pk=security.pk)
    with pytest.raises(PermissionDenied):
        domain.confirm_account(security, by=security)


def test_a_reset_or_created_account_goes_to_the_security_administrator_next():
    assert actions.get("user.reset_password").next_actor == Role.SECURITY_ADMIN.value
    assert actions.get("organisation.create_user").next_actor == Role.SECURITY_ADMIN.value


def test_revoking_grants_agrees_with_the_offer(world):
    actors = world["actors"]
    states = world["states"]
    grants = {
        "active": RoleGrant.objects.get(user=states["active"]),
        "auditor's": RoleGrant.objects.get(user=states["auditor"]),
        "security administrator's": RoleGrant.objects.get(user=states["security administrator"]),
        "own": RoleGrant.objects.get(user=actors["security"]),
    }
    street = world["tree"].street
    revoked = domain.grant_role(by=None, grantee=states["no roles"], role=Role.LIAISON, organisation=street)
    domain.revoke_grant(revoked, by=actors["security"], reason="调岗")
    grants["revoked"] = revoked
    found, offered_count = disagreements(
        ["grant.revoke"], list(grants.values()), list(actors.values()), lambda n, g: {"reason": "调岗"}
    )
    assert found == []
    assert offered_count == 3  # the security administrator in scope, on the three others' active grants
    assert not actions.get("grant.revoke").offered_to(actors["sysadmin"], grants["auditor's"])


def test_creating_accounts_agrees_with_the_offer(world):
    tree = world["tree"]
    archived = OrganisationFactory(name="已撤销街道", parent=tree.district)
    from xuncha.audit.lifecycle import archive

    archive(archived, by=None, reason="撤并")
    archived.refresh_from_db()
    orgs = [tree.city, tree.street, tree.other_street, archived]
    found, offered_count = disagreements(
        ["organisation.create_user"],
        orgs,
        list(world["actors"].values()),
        lambda n, o: {"username": "m_newbie", "password": NEW_PASSWORD},
    )
    assert found == []
    assert offered_count >= 4  # the city's system administrator on three, the other one on its own street
