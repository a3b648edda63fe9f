import pytest

from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.demo.loader import load_demo
from xuncha.orgs.models import Organisation
from xuncha.people.models import Person

pytestmark = pytest.mark.django_db


def _counts() -> tuple:
    from xuncha.clues.models import Clue
    from xuncha.inspections.models import Inspection
    from xuncha.petitions.models import Petition
    from xuncha.plans.models import Term
    from xuncha.rectification.models import Measure
    from xuncha.supervision.models import MeasureWarning, Notification, SupervisionDocument

    models = (Organisation, Person, User, RoleGrant, Term, Inspection, Measure, Clue, Petition)
    more = (SupervisionDocument, MeasureWarning, Notification)
    return tuple(m.objects.count() for m in models + more)


def test_demo_loads_twice_without_duplicates():
    first = load_demo()
    counts = _counts()
    second = load_demo()
    assert counts == _counts()
    assert all(a.password for a in first) and not any(a.password for a in second)


def test_demo_has_every_role_and_a_deep_tree():
    load_demo()
    assert {Role(r) for r in RoleGrant.objects.values_list("role", flat=True)} == set(Role)
    assert Organisation.objects.filter(name="文灶社区党委", depth=4).exists()
    districts = Organisation.objects.filter(level="district", kind="party_committee").values_list("name", flat=True)
    assert len(districts) == 6 and any("思明区" in d for d in districts)
