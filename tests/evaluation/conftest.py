"""An evaluation world: an inspection of 思明区 by the city's term (feedback 2021-06-25), its plan
approved with three measures due 2022-12-31 (overdue today), the city office, reviewers, the
思明区 liaison and the office of 湖里区 (another district, out of scope)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.factories import approved_plan, user_with_role
from xuncha.accounts.enums import Role
from xuncha.evaluation import domain
from xuncha.evaluation.enums import Method, Rule


def computed_scheme(owner, *, title="整改成效评价", items=None):
    """A scheme of computed items (key, rule, per unit, max) under one plate, plus a hand item."""
    scheme = domain.create_scheme(by=None, owner=owner, title=title)
    plate = domain.add_plate(scheme, by=None, name="整改成效", max_points=Decimal(80))
    made = {}
    for key, rule, per_unit, top in items or [
        ("overdue_measures", Rule.DEDUCT, 2, 10),
        ("completion_rate", Rule.RATE, 0, 20),
        ("returned_sign_offs", Rule.DEDUCT, 1, 5),
        ("red_cards", Rule.DEDUCT, 3, 6),
        ("regulations", Rule.ADD, 1, 5),
        ("deadline_extensions", Rule.DEDUCT, Decimal("0.5"), 4),
        ("rebounds", Rule.DEDUCT, 5, 10),
    ]:
        made[key] = domain.add_item(
            plate,
            by=None,
            text=key,
            max_points=Decimal(top),
            method=Method.COMPUTED,
            metric=key,
            rule=rule,
            per_unit=Decimal(per_unit),
        )
    hand_plate = domain.add_plate(scheme, by=None, name="主体责任", max_points=Decimal(20))
    made["hand"] = domain.add_item(hand_plate, by=None, text="党委主体责任落实", max_points=Decimal(20))
    return scheme, made


@pytest.fixture
def world(tree):
    inspection, plan, measures = approved_plan(tree, 3)
    office = user_with_role(Role.OFFICE, tree.city)
    return SimpleNamespace(
        tree=tree,
        inspection=inspection,
        term=inspection.term,
        plan=plan,
        measures=measures,
        office=office,
        reviewer=user_with_role(Role.DISCIPLINE_REVIEWER, tree.city),
        liaison=user_with_role(Role.LIAISON, tree.district),
        other_office=user_with_role(Role.OFFICE, tree.other_district),
        other_liaison=user_with_role(Role.LIAISON, tree.other_district),
    )


def start(world, scheme):
    return domain.start_evaluation(
        by=world.office, scheme=scheme, organisation=world.tree.district, term=world.term, inspection=world.inspection
    )
