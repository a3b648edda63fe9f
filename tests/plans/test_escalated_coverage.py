"""提级巡察 counts in the lower level's coverage (issue 18): the city's 提级巡察 of 梧村街道 during
思明区委's term covers the street for the district's term too, unless the term says otherwise; an
ordinary city inspection of the street, or one outside the term's dates, does not."""

from datetime import date

import pytest

from tests.factories import make_inspection, make_term
from xuncha.plans.coverage import coverage, not_yet_inspected

pytestmark = pytest.mark.django_db
ON = date(2024, 6, 1)


@pytest.fixture
def terms(tree):
    district = make_term(tree.district, name="十二届思明区委", starts_on=date(2022, 1, 1), ends_on=date(2026, 12, 31),
                         scope_levels=["town"])
    city = make_term(tree.city, name="十三届市委", starts_on=date(2021, 1, 1), ends_on=date(2026, 12, 31))
    return district, city


def _street_counted(term, tree) -> bool:
    return tree.street.pk not in set(not_yet_inspected(term, on=ON).values_list("pk", flat=True))


def test_an_upper_escalated_inspection_counts_for_the_lower_term(tree, terms):
    district, city = terms
    assert coverage(district, on=ON).inspected == 0
    make_inspection(city, [tree.street], title="对梧村街道党工委的提级巡察", kind="escalated",
                    entry_on=date(2024, 3, 1), exit_on=date(2024, 4, 1))
    assert coverage(district, on=ON).inspected == 1 and _street_counted(district, tree)
    assert coverage(district, on=date(2024, 2, 1)).inspected == 0  # not entered yet

    district.credits_escalated = False
    district.save(update_fields=["credits_escalated"])
    assert coverage(district, on=ON).inspected == 0 and not _street_counted(district, tree)


def test_only_escalated_inspections_of_an_upper_committee_within_the_term_count(tree, terms):
    district, city = terms
    make_inspection(city, [tree.street], title="对梧村街道党工委的常规巡察", entry_on=date(2024, 3, 1),
                    exit_on=date(2024, 4, 1))
    make_inspection(city, [tree.street], title="届前的提级巡察", kind="escalated", entry_on=date(2021, 3, 1),
                    exit_on=date(2021, 4, 1))
    other = make_term(tree.other_district, name="十二届湖里区委", starts_on=date(2022, 1, 1),
                      ends_on=date(2026, 12, 31))
    make_inspection(other, [tree.other_street], title="湖里区的巡察", entry_on=date(2024, 3, 1),
                    exit_on=date(2024, 4, 1))
    assert coverage(district, on=ON).inspected == 0


def test_the_term_form_and_page_carry_the_setting(tree, client):
    from tests.factories import user_with_role
    from xuncha.accounts.enums import Role
    from xuncha.plans.models import Term

    client.force_login(user_with_role(Role.OFFICE, tree.district))
    assert 'name="credits_escalated"' in client.get("/plans/new/").content.decode()
    client.post("/plans/new/", {"owner": tree.district.pk, "name": "十二届区委", "starts_on": "2021-01-01",
                                "ends_on": "2025-12-31", "plan_months": 2, "report_months": 6, "recusal_years": 5,
                                "required_points": ["target"]})  # the box left unticked
    term = Term.objects.get(name="十二届区委")
    assert term.credits_escalated is False
    assert 'data-testid="credits-escalated"' in client.get(f"/plans/{term.pk}/").content.decode()
