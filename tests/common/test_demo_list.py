"""The demo's common-problem list (xuncha/common/demo.py) on a small tree shaped like the demo's
思明区: seed 003's 6 categories / 82 items, published to the streets not yet inspected, with
梧村街道's answers counted in the figures."""

from datetime import date

import pytest

from tests.factories import OrganisationFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.common.demo import ANSWERS, TITLE, load_common
from xuncha.common.figures import figures_of
from xuncha.common.models import CommonList
from xuncha.orgs.enums import OrgKind, OrgLevel

pytestmark = pytest.mark.django_db


def test_demo_list_counts_6_categories_82_items_and_its_answers(tree):
    siming = OrganisationFactory(name="思明区委", code="350203", level=OrgLevel.DISTRICT)
    wucun = OrganisationFactory(
        name="梧村街道党工委", code="350203-01", level=OrgLevel.TOWN, kind=OrgKind.STREET, parent=siming
    )
    zhonghua = OrganisationFactory(
        name="中华街道党工委", code="350203-02", level=OrgLevel.TOWN, kind=OrgKind.STREET, parent=siming
    )
    term = make_term(siming, name="十二届思明区委", scope_levels=["town"])
    make_inspection(term, [zhonghua], entry_on=date(2024, 3, 1))
    user_with_role(Role.OFFICE, siming, username="office_siming")
    user_with_role(Role.LIAISON, wucun, username="liaison")
    load_common(today=date(2024, 5, 1))
    assert load_common(today=date(2024, 5, 1)) is None  # once only
    counted = figures_of(CommonList.objects.get(title=TITLE))
    # published 100 days before the load, when 中华街道's inspection had not entered yet: both reached
    assert (counted.categories, counted.items, counted.reached) == (6, 82, 2)
    assert counted.found + counted.not_applicable == len(ANSWERS)
    assert (counted.fixed, counted.fixing, counted.not_applicable) == (2, 2, 1)
