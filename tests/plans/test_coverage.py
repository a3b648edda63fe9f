from datetime import date
from decimal import Decimal

import pytest

from tests.factories import OrganisationFactory, make_inspection, make_term
from xuncha.orgs.domain import archive_organisation
from xuncha.plans.coverage import coverage, not_yet_inspected, scope_of
from xuncha.plans.domain import set_scope_rule

pytestmark = pytest.mark.django_db
TODAY = date(2024, 1, 1)


def test_coverage_counts_distinct_entered_inspections_in_scope(tree):
    term = make_term(tree.city)
    set_scope_rule(term, by=None, organisation=tree.other_district, include=False, subtree=True)
    in_scope = set(scope_of(term))
    assert in_scope == {tree.district, tree.street, tree.community}  # never the committee itself
    make_inspection(term, [tree.district], entry_on=date(2022, 3, 1))
    make_inspection(term, [tree.district, tree.street], entry_on=date(2023, 3, 1), title="回头看")  # twice: once
    make_inspection(term, [tree.other_district], entry_on=date(2023, 3, 1), title="范围外")  # excluded
    make_inspection(term, [tree.community], entry_on=date(2024, 6, 1), title="尚未进驻")  # not yet entered
    result = coverage(term, on=TODAY)
    assert (result.in_scope, result.inspected) == (3, 2)
    assert result.rate == Decimal("66.7")
    assert set(not_yet_inspected(term, on=TODAY)) == {tree.community}
    by_level = {c.level: (c.in_scope, c.inspected) for c in result.by_level}
    assert by_level == {"district": (1, 1), "town": (1, 1), "village": (1, 0)}
    assert coverage(term, on=date(2024, 7, 1)).inspected == 3


def test_seed_002_coverage_rate_reads_94_3_percent(tree):
    """Seed 002: 市级巡察全覆盖率达94.3% — e.g. 33 of 35 units."""
    term = make_term(tree.city, scope_levels=["city"])
    units = [OrganisationFactory(parent=tree.city) for _ in range(35)]  # the committee itself is not counted
    for index, unit in enumerate(units[:33]):
        make_inspection(term, [unit], entry_on=date(2021, 7, 1), title=f"巡察{index}")
    result = coverage(term, on=TODAY)
    assert (result.inspected, result.in_scope, result.rate) == (33, 35, Decimal("94.3"))


def test_most_specific_rule_decides(tree):
    term = make_term(tree.city)
    set_scope_rule(term, by=None, organisation=tree.district, include=False, subtree=True)
    set_scope_rule(term, by=None, organisation=tree.street, include=True, subtree=False)
    assert set(scope_of(term)) == {tree.street, tree.other_district, tree.other_street}
    set_scope_rule(term, by=None, organisation=tree.street, include=True, subtree=True)  # same org: one rule
    assert set(scope_of(term)) == {tree.street, tree.community, tree.other_district, tree.other_street}
    assert term.scope_rules.filter(organisation=tree.street).count() == 1


def test_explicit_single_exclusion_and_archived_units(tree):
    term = make_term(tree.other_district)
    set_scope_rule(term, by=None, organisation=tree.other_street, include=False, subtree=False)
    assert set(scope_of(term)) == set()
    archive_organisation(tree.community, by=None, reason="撤并")
    city_term = make_term(tree.city, name="另一届")
    assert tree.community not in set(scope_of(city_term))


def test_scope_rule_outside_the_committee_is_refused(tree):
    from django.core.exceptions import ValidationError

    term = make_term(tree.district)
    with pytest.raises(ValidationError, match="不在"):
        set_scope_rule(term, by=None, organisation=tree.other_district)
