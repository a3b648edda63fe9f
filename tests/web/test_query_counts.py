"""List pages run a fixed number of queries whatever the number of rows (no N+1)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, PersonFactory, UserFactory, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.audit.domain import record_event

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(kind, root, n, security_admin):
    for _ in range(n):
        org = OrganisationFactory(parent=root)
        if kind == "people":
            PersonFactory(organisation=org)
        elif kind == "grants":
            grant_role(by=security_admin, grantee=UserFactory(organisation=org), role=Role.LIAISON, organisation=org)
        elif kind == "users":
            UserFactory(organisation=org)
        elif kind == "events":
            record_event("orgs.organisation.updated", obj=org)
        elif kind == "inspections":
            from tests.factories import make_inspection, make_term
            from xuncha.plans.models import Term

            term = Term.objects.filter(owner=root).first() or make_term(root)
            make_inspection(term, [org])
        elif kind == "pools":
            from xuncha.staffing.domain import add_pool_member, create_pool
            from xuncha.staffing.models import TalentPool

            pool = TalentPool.objects.first() or create_pool(by=None, owner=root, name="组长库", kind="leaders")
            add_pool_member(pool, by=None, person=PersonFactory(organisation=org), joined_on=date(2020, 1, 1))


@pytest.mark.parametrize(
    ("url", "kind", "role"),
    [
        ("/orgs/list/", "orgs", Role.OFFICE),
        ("/orgs/", "orgs", Role.OFFICE),
        ("/people/", "people", Role.OFFICE),
        ("/accounts/grants/", "grants", Role.AUDITOR),
        ("/accounts/users/", "users", Role.SYSTEM_ADMIN),
        ("/audit/", "events", Role.AUDITOR),
        ("/inspections/", "inspections", Role.OFFICE),
        ("/staffing/pools/{pool}/", "pools", Role.OFFICE),
    ],
)
def test_list_query_count_does_not_grow_with_rows(client, url, kind, role):
    root = OrganisationFactory()
    viewer = user_with_role(role, root)
    security_admin = user_with_role(Role.SECURITY_ADMIN, root)
    client.force_login(viewer)
    _grow(kind, root, 1, security_admin)
    if "{pool}" in url:
        from xuncha.staffing.models import TalentPool

        url = url.format(pool=TalentPool.objects.get().pk)
    one = _queries(client, url)
    _grow(kind, root, 2, security_admin)
    three = _queries(client, url)
    assert one == three, f"{url}: {one} queries with 1 row, {three} with 3"


def test_coverage_page_query_count_does_not_grow_with_organisations_or_inspections(client):
    """The coverage page (figures by level and the not-yet-inspected list) of a growing term."""
    from datetime import date

    from tests.factories import make_inspection, make_term
    from xuncha.orgs.enums import OrgLevel

    root = OrganisationFactory(level=OrgLevel.CITY)
    client.force_login(user_with_role(Role.OFFICE, root))
    term = make_term(root)
    url = f"/plans/{term.pk}/coverage/"

    def grow(n):
        for _ in range(n):
            inspected = OrganisationFactory(parent=root, level=OrgLevel.DISTRICT)
            OrganisationFactory(parent=inspected, level=OrgLevel.TOWN)  # not yet inspected
            make_inspection(term, [inspected], entry_on=date(2021, 3, 1), exit_on=date(2021, 4, 1))

    grow(1)
    one = _queries(client, url)
    grow(3)
    response = client.get(url)
    assert response.context["coverage"].inspected == 4 and response.context["page"].paginator.count == 4
    assert _queries(client, url) == one
