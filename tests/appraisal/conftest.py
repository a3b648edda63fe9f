"""An appraisal world: the city (厦门市委) keeps a scheme for 2026 of two sections and three
items (40 + 30 + 30 points); its district committees 思明区 and 湖里区 are the subjects. Users:
the city office, city leadership, a city discipline reviewer (reads nothing here), and the
offices of 思明区 and 湖里区."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.appraisal import domain


def make_scheme(owner, *, year=2026, title="2026年度区(市)党委巡察工作考评细则"):
    scheme = domain.create_scheme(by=None, owner=owner, year=year, title=title)
    lead = domain.add_section(scheme, by=None, name="组织领导")
    work = domain.add_section(scheme, by=None, name="巡察监督")
    items = [
        domain.add_item(lead, by=None, text="书记专题会议听取巡察工作汇报", max_points=Decimal(40)),
        domain.add_item(work, by=None, text="完成年度巡察计划", max_points=Decimal(30)),
        domain.add_item(work, by=None, text="问题线索按规定移交", max_points=Decimal(30)),
    ]
    return scheme, items


def score_all(appraisal, items, points, by):
    for item, value in zip(items, points, strict=True):
        domain.score_item(appraisal, by=by, item=item, score=Decimal(str(value)), reason="按细则核查")


@pytest.fixture
def world(tree):
    scheme, items = make_scheme(tree.city)
    return SimpleNamespace(
        tree=tree,
        scheme=scheme,
        items=items,
        office=user_with_role(Role.OFFICE, tree.city),
        leader=user_with_role(Role.LEADERSHIP, tree.city),
        reviewer=user_with_role(Role.DISCIPLINE_REVIEWER, tree.city),
        district_office=user_with_role(Role.OFFICE, tree.district),
        other_office=user_with_role(Role.OFFICE, tree.other_district),
    )


def signed(world, subject, points):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=subject)
    score_all(appraisal, world.items, points, world.office)
    return domain.sign_off(appraisal, by=world.office)
