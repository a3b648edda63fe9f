"""The impossible set-ups are refused (xuncha/plans/setups.py): a street or community owning a
term, a committee inspecting itself, and a committee's own 巡察办, 纪委监委 and 组织部 counted as
units its terms must cover or chosen as targets."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OrganisationFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.inspections import domain as inspections
from xuncha.orgs.enums import OrgKind, OrgLevel
from xuncha.plans.coverage import scope_of
from xuncha.plans.domain import create_term, set_scope_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(tree):
    """思明区委's own 巡察办, 纪委监委 and 组织部, and a department that is inspected like any."""
    made = {
        kind: OrganisationFactory(name=name, level=OrgLevel.DISTRICT, kind=kind, parent=tree.district)
        for kind, name in (
            (OrgKind.INSPECTION_OFFICE, "中共厦门市思明区委巡察工作领导小组办公室"),
            (OrgKind.DISCIPLINE_COMMISSION, "中共厦门市思明区纪律检查委员会"),
            (OrgKind.ORGANISATION_DEPARTMENT, "中共厦门市思明区委组织部"),
            (OrgKind.DEPARTMENT, "厦门市思明区教育局党组"),
        )
    }
    return made


def test_a_street_or_community_owns_no_term(tree):
    for owner in (tree.street, tree.community):
        with pytest.raises(ValidationError) as refused:
            create_term(by=None, owner=owner, name="一届", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))
        assert "不能" in str(refused.value) or "cannot" in str(refused.value)
    create_term(by=None, owner=tree.district, name="十二届区委", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))


def test_the_term_form_refuses_a_street_posted_anyway(tree, client):
    from xuncha.plans.models import Term

    client.force_login(user_with_role(Role.OFFICE, tree.district))
    response = client.post("/plans/new/", {"owner": tree.street.pk, "name": "一届", "starts_on": "2021-01-01",
                                           "ends_on": "2025-12-31"})
    assert response.status_code == 200 and not Term.objects.filter(owner=tree.street).exists()


def test_a_committees_own_bodies_are_out_of_its_terms_scope(tree, bodies):
    term = make_term(tree.district, name="十二届思明区委", scope_levels=["district", "town"])
    scope = set(scope_of(term).values_list("pk", flat=True))
    assert bodies[OrgKind.DEPARTMENT].pk in scope and tree.street.pk in scope
    assert not scope & {bodies[k].pk for k in (OrgKind.INSPECTION_OFFICE, OrgKind.DISCIPLINE_COMMISSION,
                                               OrgKind.ORGANISATION_DEPARTMENT)}
    assert tree.district.pk not in scope
    for kind in (OrgKind.INSPECTION_OFFICE, OrgKind.DISCIPLINE_COMMISSION, OrgKind.ORGANISATION_DEPARTMENT):
        with pytest.raises(ValidationError):
            set_scope_rule(term, by=None, organisation=bodies[kind], subtree=False)
    with pytest.raises(ValidationError):
        set_scope_rule(term, by=None, organisation=tree.district, subtree=False)  # the committee alone
    set_scope_rule(term, by=None, organisation=bodies[OrgKind.DISCIPLINE_COMMISSION], include=False)  # leaving out


def test_a_committee_inspects_neither_itself_nor_its_own_bodies(tree, bodies):
    term = make_term(tree.district, name="十二届思明区委")
    for target in (tree.district, bodies[OrgKind.DISCIPLINE_COMMISSION]):
        with pytest.raises(ValidationError):
            make_inspection(term, [target], title="不可能的巡察")
    inspection = make_inspection(term, [tree.street], title="对梧村街道的巡察")
    with pytest.raises(ValidationError):
        inspections.add_target(inspection, by=None, organisation=bodies[OrgKind.ORGANISATION_DEPARTMENT])
    inspections.add_target(inspection, by=None, organisation=bodies[OrgKind.DEPARTMENT])
    # the city's term inspects the district's committee
    make_inspection(make_term(tree.city, name="十二届市委"), [tree.district], title="对思明区委的巡察")
