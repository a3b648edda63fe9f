"""Each permission scope is built once per request and reused (issue 19), kept on the user
object beside its roles: never passed to another user, and rebuilt when the roles change."""

import pytest

from tests.factories import UserFactory, approved_plan, user_with_role
from xuncha.accounts import permissions
from xuncha.accounts.domain import grant_role, revoke_grant
from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import Action, restrict
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def measures(tree):
    return approved_plan(tree, 2)[2]


@pytest.fixture
def built(monkeypatch):
    """How many times each (model, action) scope was built."""
    calls = []
    rule = permissions._POLICIES[Measure]

    def counted(user, action):
        calls.append((user.pk, action))
        return rule(user, action)

    monkeypatch.setitem(permissions._POLICIES, Measure, counted)
    return calls


def _seen(user, action=Action.VIEW) -> set[int]:
    return set(restrict(Measure.objects.all(), user, action).values_list("pk", flat=True))


def test_a_scope_is_built_once_per_user_object_and_action(tree, measures, built):
    liaison = user_with_role(Role.LIAISON, tree.district)
    for _ in range(3):
        assert _seen(liaison) == {m.pk for m in measures}
    assert built == [(liaison.pk, Action.VIEW)]
    _seen(liaison, Action.CHANGE)
    assert built == [(liaison.pk, Action.VIEW), (liaison.pk, Action.CHANGE)]
    again = User.objects.get(pk=liaison.pk)  # the next request loads the user anew: built anew
    assert _seen(again) == {m.pk for m in measures}
    assert len(built) == 3


def test_a_scope_never_passes_to_another_user(tree, measures, built):
    liaison = user_with_role(Role.LIAISON, tree.district)
    other = user_with_role(Role.LIAISON, tree.other_district)
    unit = user_with_role(Role.RESPONSIBLE_UNIT, tree.community)  # shares every measure
    for _ in range(2):
        assert _seen(liaison) == {m.pk for m in measures}
        assert _seen(other) == set()
        assert _seen(unit) == {m.pk for m in measures}
    assert sorted(built) == sorted([(u.pk, Action.VIEW) for u in (liaison, other, unit)])


def test_a_grant_and_a_revocation_are_seen_at_once_and_by_the_next_request(tree, measures, client, built):
    admin = user_with_role(Role.SECURITY_ADMIN, tree.city)
    user = UserFactory(organisation=tree.district)
    client.force_login(user)
    assert _seen(user) == set()
    assert client.get("/ledger/").status_code == 404

    grant_role(by=admin, grantee=user, role=Role.LIAISON, organisation=tree.district)
    assert _seen(user) == {m.pk for m in measures}  # the same object, in the same request
    response = client.get("/ledger/")
    assert response.status_code == 200
    assert {m.pk for m in response.context["page"]} == {m.pk for m in measures}

    grant = RoleGrant.objects.get(user=user, role=Role.LIAISON)
    revoke_grant(grant, by=admin, reason="调离")
    assert client.get("/ledger/").status_code == 404  # the next request
    permissions.forget_cached_roles(user)  # as revoke_grant does for the grant's own user object
    assert _seen(user) == set()


def test_the_day_turning_rebuilds_the_scope(tree, measures, built, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    liaison = user_with_role(Role.LIAISON, tree.district)
    _seen(liaison)
    today = timezone.localdate()
    monkeypatch.setattr(permissions.timezone, "localdate", lambda: today + timedelta(days=1))
    _seen(liaison)
    assert len(built) == 2


def test_a_copy_or_a_pickle_of_the_user_starts_without_the_scopes(tree, measures, built):
    import copy
    import pickle

    liaison = user_with_role(Role.LIAISON, tree.district)
    _seen(liaison)
    for other in (copy.deepcopy(liaison), pickle.loads(pickle.dumps(liaison))):
        assert not other._xuncha_scopes
        assert _seen(other) == {m.pk for m in measures}
    assert len(built) == 3
