"""A common-problem world: 思明区委's term covering its streets (梧村街道, 滨海街道 inspected
already, 鹭江街道 not), its office, the liaisons of two reached streets, and a liaison of the
other district's street who must see nothing."""

from datetime import date
from types import SimpleNamespace

import pytest

from tests.factories import OrganisationFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.common import domain
from xuncha.orgs.enums import OrgKind, OrgLevel

TODAY = date(2024, 5, 1)


@pytest.fixture
def world(tree):
    inspected = OrganisationFactory(
        name="滨海街道党工委", level=OrgLevel.TOWN, kind=OrgKind.STREET, parent=tree.district
    )
    third = OrganisationFactory(name="鹭江街道党工委", level=OrgLevel.TOWN, kind=OrgKind.STREET, parent=tree.district)
    term = make_term(tree.district, name="十二届思明区委", scope_levels=["town"])
    inspection = make_inspection(term, [inspected], entry_on=date(2024, 3, 1), exit_on=date(2024, 4, 1))
    users = SimpleNamespace(
        office=user_with_role(Role.OFFICE, tree.district),
        liaison=user_with_role(Role.LIAISON, tree.street),
        third_liaison=user_with_role(Role.LIAISON, third),
        other_liaison=user_with_role(Role.LIAISON, tree.other_street),
        other_office=user_with_role(Role.OFFICE, tree.other_district),
        inspected_liaison=user_with_role(Role.LIAISON, inspected),
    )
    return SimpleNamespace(tree=tree, term=term, inspection=inspection, inspected=inspected, third=third, users=users)


def make_list(world, categories=((("村级财务管理"), ("白条入账", "大额现金支付")),), *, publish=False):
    office = world.users.office
    common_list = domain.create_list(world.term, by=office, title="共性问题清单")
    for name, texts in categories:
        category = domain.add_category(common_list, by=office, name=name)
        domain.add_items(category, by=office, text="\n".join(texts))
    if publish:
        domain.publish_list(common_list, by=office, today=TODAY)
    return common_list
