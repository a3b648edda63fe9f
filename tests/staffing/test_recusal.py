from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PersonFactory, make_inspection, make_term
from xuncha.audit.models import AuditEvent
from xuncha.people.domain import add_employment
from xuncha.people.models import Relative
from xuncha.staffing.domain import RecusalRefused, assign_member
from xuncha.staffing.models import TeamMember

pytestmark = pytest.mark.django_db
ENTRY = date(2023, 3, 1)


@pytest.fixture
def inspection(tree):
    term = make_term(tree.city)
    return make_inspection(term, [tree.district], entry_on=ENTRY, exit_on=date(2023, 4, 30))


@pytest.fixture
def inspector(tree):
    return PersonFactory(name="黄志斌", organisation=tree.city)


def test_clean_assignment_works(inspection, inspector):
    member = assign_member(inspection, by=None, person=inspector, role="leader")
    assert member.recusal_override == ""


def test_current_workplace_in_inspected_subtree_is_refused(tree, inspection):
    person = PersonFactory(organisation=tree.community)  # under the inspected district
    with pytest.raises(RecusalRefused, match="文灶社区党委"):
        assign_member(inspection, by=None, person=person, role="member")
    assert not TeamMember.objects.exists()


@pytest.mark.parametrize(("end", "refused"), [(date(2018, 3, 2), True), (date(2018, 2, 28), False), (None, True)])
def test_former_workplace_within_recusal_years_is_refused(tree, inspection, inspector, end, refused):
    add_employment(inspector, by=None, organisation=tree.street, start=date(2015, 1, 1), end=end)
    if refused:
        with pytest.raises(RecusalRefused, match="5年"):
            assign_member(inspection, by=None, person=inspector, role="member")
    else:
        assign_member(inspection, by=None, person=inspector, role="member")


def test_recusal_years_are_configurable_per_term(tree, inspection, inspector):
    add_employment(inspector, by=None, organisation=tree.street, start=date(2010, 1, 1), end=date(2016, 1, 1))
    assign_member(inspection, by=None, person=inspector, role="member")  # 7 years ago: fine with 5
    inspection.term.recusal_years = 10
    inspection.term.save()
    other = make_inspection(
        inspection.term, [tree.street], entry_on=date(2023, 6, 1), exit_on=date(2023, 7, 1), title="另一次"
    )
    with pytest.raises(RecusalRefused):
        assign_member(other, by=None, person=inspector, role="member")


def test_relative_in_inspected_organisation_is_refused(tree, inspection, inspector):
    Relative.objects.create(person=inspector, name="黄某", relation="spouse", organisation=tree.street)
    with pytest.raises(RecusalRefused, match="配偶"):
        assign_member(inspection, by=None, person=inspector, role="member")


def test_office_override_needs_reason_and_is_kept(tree, inspection):
    person = PersonFactory(organisation=tree.community)
    member = assign_member(
        inspection, by=None, person=person, role="member", override_reason="熟悉情况，经领导小组同意"
    )
    assert member.recusal_override == "熟悉情况，经领导小组同意"
    assert member.history.first().history_change_reason == "熟悉情况，经领导小组同意"
    assert AuditEvent.objects.filter(action="staffing.member.recusal_overridden").exists()


def test_overlapping_teams_are_refused_even_with_override(tree, inspection, inspector):
    assign_member(inspection, by=None, person=inspector, role="member")
    other = make_inspection(
        inspection.term,
        [tree.other_district],
        entry_on=date(2023, 4, 15),
        exit_on=date(2023, 6, 1),
        title="湖里",
    )
    with pytest.raises(ValidationError, match="重叠"):
        assign_member(other, by=None, person=inspector, role="member", override_reason="急需")
    later = make_inspection(
        inspection.term,
        [tree.other_street],
        entry_on=date(2023, 5, 1),
        exit_on=date(2023, 6, 1),
        title="之后",
    )
    assign_member(later, by=None, person=inspector, role="member")


def test_one_leader_and_no_duplicates(tree, inspection, inspector):
    assign_member(inspection, by=None, person=inspector, role="leader")
    with pytest.raises(ValidationError):
        assign_member(inspection, by=None, person=PersonFactory(organisation=tree.city), role="leader")
    with pytest.raises(ValidationError):
        assign_member(inspection, by=None, person=inspector, role="member")


def test_staffing_needs_dates(tree, inspector):
    undated = make_inspection(make_term(tree.city), [tree.district])
    with pytest.raises(ValidationError, match="进驻和撤离日期"):
        assign_member(undated, by=None, person=inspector, role="member")
