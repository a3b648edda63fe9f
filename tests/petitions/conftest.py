"""A petition world: an inspection of 思明区 by the city's term, its office (an identity
reader too), a team member on the inspection, the unit a fix goes to and roles outside the
casework."""

from datetime import date

import pytest

from tests.factories import PersonFactory, UserFactory, dated_inspection, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.findings.domain import ensure_default_categories
from xuncha.petitions import domain
from xuncha.petitions.identity import Identity
from xuncha.staffing.domain import assign_member

REPORTER = Identity(name="王小明", phone="13800007777", workplace="湖里区某公司", address="厦门市某路1号")
RECEIVED = date(2021, 1, 15)


@pytest.fixture
def world(tree):
    ensure_default_categories()
    inspection = dated_inspection(tree)
    office = user_with_role(Role.OFFICE, tree.city)
    grant_role(by=None, grantee=office, role=Role.IDENTITY_READER, organisation=tree.city)
    member = PersonFactory(organisation=tree.city)
    team = UserFactory(organisation=tree.city, person=member)
    grant_role(by=None, grantee=team, role=Role.TEAM_MEMBER, organisation=tree.city)
    assign_member(inspection, by=None, person=member, role="member")
    users = {
        "office": office,
        "team": team,
        "unit": user_with_role(Role.RESPONSIBLE_UNIT, tree.street),
        "liaison": user_with_role(Role.LIAISON, tree.district),
        "discipline": user_with_role(Role.DISCIPLINE_REVIEWER, tree.city),
        "leadership": user_with_role(Role.LEADERSHIP, tree.city),
        "sysadmin": user_with_role(Role.SYSTEM_ADMIN, tree.city),
        "outsider": user_with_role(Role.OFFICE, tree.other_district),
    }
    return {"tree": tree, "inspection": inspection, "users": users}


def new_petition(world, content="反映某社区违规发放补贴，举报人王小明，电话13800007777。", identity=REPORTER):
    return domain.receive_petition(
        world["inspection"], by=world["users"]["office"], channel="letter", received_on=RECEIVED,
        content=content, identity=identity,
    )
