"""Shared fixtures: a three-level tree with a sibling branch that must never leak."""

from dataclasses import dataclass

import pytest

from tests.factories import OrganisationFactory, PersonFactory
from xuncha.orgs.enums import OrgKind, OrgLevel
from xuncha.orgs.models import Organisation
from xuncha.people.models import Person


@pytest.fixture(autouse=True)
def default_language():
    """Requests made in English by a test leave English active in the thread; every test
    starts in the default language (zh-hans) instead."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# the areas whose tests write what the summary tallies count (directories under tests/)
TALLY_CHECKED = {"rectification", "findings", "inspections", "ledger", "reports", "demo", "tallies", "restapi"}


@pytest.fixture(autouse=True)
def tallies_equal_a_recount(request):
    """After each test of those areas that used the database, the summary tallies equal a
    recount: no signal keeps them, so a write site that forgot its `tallies` call fails the
    very test that exercised it. A test that leaves them stale on purpose (raw rows written to
    set a scene) is marked `stale_tallies`."""
    area = request.node.path.relative_to(request.config.rootpath).parts[1:2]
    marked = request.node.get_closest_marker("django_db") is not None
    uses_db = marked or {"db", "transactional_db"} & set(request.fixturenames)
    if not (set(area) & TALLY_CHECKED and uses_db) or request.node.get_closest_marker("stale_tallies"):
        yield
        return
    request.getfixturevalue("_django_db_helper")  # torn down after this fixture: the rows are still there
    yield
    from xuncha import tallies

    found = tallies.differences()
    assert found == [], f"the tallies drifted from the rows (a write without its tallies call?): {found}"


@pytest.fixture(autouse=True)
def force_login_gives_the_second_factor(request, monkeypatch):
    """force_login'd sessions count as verified (tests/two_factor.py); not for tests marked
    password_only, which see the session as the password step leaves it."""
    if request.node.get_closest_marker("password_only"):
        return
    from django.test import Client

    from tests.two_factor import verify_session

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@dataclass
class Tree:
    city: Organisation
    district: Organisation
    street: Organisation
    community: Organisation
    other_district: Organisation
    other_street: Organisation
    people: dict[str, Person]

    def orgs(self):
        return [self.city, self.district, self.street, self.community, self.other_district, self.other_street]


@pytest.fixture
def tree(db) -> Tree:
    """厦门市 → 思明区 → 梧村街道 → 文灶社区, and 湖里区 → 湖里街道 beside it; one person in each."""
    city = OrganisationFactory(name="中共厦门市委员会", level=OrgLevel.CITY)
    district = OrganisationFactory(name="中共厦门市思明区委员会", level=OrgLevel.DISTRICT, parent=city)
    street = OrganisationFactory(name="梧村街道党工委", level=OrgLevel.TOWN, kind=OrgKind.STREET, parent=district)
    community = OrganisationFactory(name="文灶社区党委", level=OrgLevel.VILLAGE, kind=OrgKind.COMMUNITY, parent=street)
    other_district = OrganisationFactory(name="中共厦门市湖里区委员会", level=OrgLevel.DISTRICT, parent=city)
    other_street = OrganisationFactory(
        name="湖里街道党工委", level=OrgLevel.TOWN, kind=OrgKind.STREET, parent=other_district
    )
    orgs = {
        "city": city,
        "district": district,
        "street": street,
        "community": community,
        "other_district": other_district,
        "other_street": other_street,
    }
    people = {key: PersonFactory(name=f"{key}-人员", organisation=org) for key, org in orgs.items()}
    return Tree(**orgs, people=people)


# the fixtures through which a test reaches the database (pytest-django blocks it otherwise)
_DATABASE_FIXTURES = {"db", "transactional_db", "_django_db_helper", "live_server"}


def _uses_database(item, sources: dict) -> bool:
    if item.get_closest_marker("django_db") or _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    # a module fixture may unblock the database itself (`django_db_blocker.unblock()`), or a
    # test start a process on the database the run was given (DATABASE_URL)
    path = item.path
    if path not in sources:
        sources[path] = path.read_text(encoding="utf-8")
    return any(word in sources[path] for word in ("django_db_blocker", "DATABASE_URL"))


def pytest_collection_modifyitems(config, items):
    """On the PostgreSQL pass (scripts/test-suite sets XUNCHA_DATABASE_TESTS_ONLY=1) only the
    tests that reach the database run: the others (parsers, document layout, pure functions)
    cannot touch it, so their result does not depend on it, and they ran on SQLite already."""
    import os

    if os.environ.get("XUNCHA_DATABASE_TESTS_ONLY") != "1":
        return
    sources: dict = {}
    kept, deselected = [], []
    for item in items:
        (kept if _uses_database(item, sources) else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
