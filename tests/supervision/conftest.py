"""An approved plan of 思明区 with measures led by 梧村街道, and the people around it:

* handler: responsible-unit account of 梧村街道 (the lead unit);
* liaison: liaison of 思明区 (the inspected organisation);
* leader: 张明, a person of 思明区 named in the measures' leader field, with a reviewer grant
  over 思明区 so that he may see the measures;
* principal: leadership account over 思明区;
* office: the city's inspection office;
* outsiders who must never hear of it: the liaison of 湖里区, a namesake 张明 in 湖里区, a
  system administrator over the city.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests.factories import (
    PersonFactory,
    complete_measure_fields,
    dated_inspection,
    feedback_with_problems,
    user_with_role,
)
from xuncha.accounts.enums import Role
from xuncha.rectification import domain as rectification

DEADLINE = date(2025, 6, 30)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """PBKDF2 at full strength costs half a second per account; these tests log in with force_login."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def with_email(user, address: str | None = None):
    user.email = address or f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return user


def approved_plan(tree, inspection, *, count: int = 3, deadline: date = DEADLINE, **fields):
    problems = feedback_with_problems(inspection, count, organisation=tree.district)
    plan = rectification.start_plan(inspection, by=None, organisation=tree.district)
    options = {"leader": "区委副书记、张明", "content": "建立健全整改台账", "deadline": deadline, **fields}
    measures = [
        rectification.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street, **options))
        for p in problems
    ]
    rectification.submit_plan(plan, by=None, on=date(2021, 8, 1))
    rectification.approve_plan(plan, by=None, on=date(2021, 8, 10))
    return plan, measures


@dataclass
class World:
    tree: object
    inspection: object
    plan: object
    measures: list
    handler: object
    liaison: object
    leader: object
    principal: object
    office: object
    other_liaison: object
    namesake: object
    admin: object


@pytest.fixture
def world(tree) -> World:
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    plan, measures = approved_plan(tree, inspection)
    zhang = PersonFactory(name="张明", organisation=tree.district)
    namesake_person = PersonFactory(name="张明", organisation=tree.other_district)
    return World(
        tree=tree,
        inspection=inspection,
        plan=plan,
        measures=measures,
        handler=with_email(user_with_role(Role.RESPONSIBLE_UNIT, tree.street, username="handler")),
        liaison=with_email(user_with_role(Role.LIAISON, tree.district, username="liaison")),
        leader=with_email(user_with_role(Role.DISCIPLINE_REVIEWER, tree.district, username="zhangming", person=zhang)),
        principal=with_email(user_with_role(Role.LEADERSHIP, tree.district, username="principal")),
        office=with_email(user_with_role(Role.OFFICE, tree.city, username="office")),
        other_liaison=with_email(user_with_role(Role.LIAISON, tree.other_district, username="other")),
        namesake=with_email(
            user_with_role(Role.LIAISON, tree.other_district, username="namesake", person=namesake_person)
        ),
        admin=user_with_role(Role.SYSTEM_ADMIN, tree.city, username="sysadmin"),
    )


def days_before(n: int, deadline: date = DEADLINE) -> date:
    return deadline - timedelta(days=n)
