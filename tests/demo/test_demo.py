import pytest

from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.demo.loader import load_demo
from xuncha.orgs.models import Organisation
from xuncha.people.models import Person

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates():
    first = load_demo()
    counts = (
        Organisation.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        RoleGrant.objects.count(),
    )
    second = load_demo()
    assert counts == (
        Organisation.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        RoleGrant.objects.count(),
    )
    assert all(a.password for a in first) and not any(a.password for a in second)


def test_demo_has_every_role_and_a_deep_tree():
    load_demo()
    assert {Role(r) for r in RoleGrant.objects.values_list("role", flat=True)} == set(Role)
    assert Organisation.objects.filter(name="文灶社区党委", depth=4).exists()
    districts = Organisation.objects.filter(level="district", kind="party_committee").values_list("name", flat=True)
    assert len(districts) == 6 and any("思明区" in d for d in districts)
