"""A city committee's register and the people around it:

* office: the city's inspection office (writes the register);
* dept: a responsible-unit account of 市委编办, a department the 抄告单 go to;
* liaison: the liaison of 思明区, whose inspection a 专题报告 is about (never addressed to it);
* reviewer: a discipline reviewer over the city (reads what is issued);
* other: the liaison of 湖里区 (sees nothing);
* secretary: 思明区's party secretary, a person with an account and no grant, named as a leader;
* admin: a system administrator (sees nothing).
"""

from dataclasses import dataclass
from datetime import date

import pytest

from tests.factories import OrganisationFactory, PersonFactory, dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.orgs.enums import OrgKind, OrgLevel

TODAY = date(2021, 9, 1)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    tree: object
    department: object
    inspection: object
    office: object
    dept: object
    liaison: object
    reviewer: object
    other: object
    secretary: object
    admin: object

    @property
    def term(self):
        return self.inspection.term

    @property
    def users(self):
        return [self.office, self.dept, self.liaison, self.reviewer, self.other, self.secretary, self.admin]


@pytest.fixture
def world(tree) -> World:
    from tests.factories import UserFactory

    department = OrganisationFactory(
        name="中共厦门市委机构编制委员会办公室", level=OrgLevel.CITY, kind=OrgKind.DEPARTMENT, parent=tree.city
    )
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    secretary_person = PersonFactory(name="林书记", organisation=tree.district, position="区委书记")
    return World(
        tree=tree,
        department=department,
        inspection=inspection,
        office=user_with_role(Role.OFFICE, tree.city, username="office"),
        dept=user_with_role(Role.RESPONSIBLE_UNIT, department, username="bianban"),
        liaison=user_with_role(Role.LIAISON, tree.district, username="liaison"),
        reviewer=user_with_role(Role.DISCIPLINE_REVIEWER, tree.city, username="reviewer"),
        other=user_with_role(Role.LIAISON, tree.other_district, username="other"),
        secretary=UserFactory(username="secretary", person=secretary_person, organisation=tree.district),
        admin=user_with_role(Role.SYSTEM_ADMIN, tree.city, username="sysadmin"),
    )


def notice(world, *, by=None, on=TODAY, issue=True, **fields):
    """An 抄告单 to 市委编办 about the inspection, issued on `on` unless `issue` is False."""
    from xuncha.results import domain

    options = {
        "kind": "notice",
        "title": "关于机构改革后职能划转承接不到位问题的抄告单",
        "body": "请查找症结，提出整改方案。",
        "recipients": [world.department],
        "inspections": [world.inspection],
        "reply_required": True,
        "due_on": date(2021, 10, 1),
        **fields,
    }
    document = domain.draft_result(world.term, by=by or world.office, today=on, **options)
    return domain.issue_result(document, by=by or world.office, on=on) if issue else document


def topical_report(world, *, on=TODAY, issue=True):
    """A 专题报告 about 思明区's inspection, addressed to the city committee."""
    from xuncha.results import domain

    document = domain.draft_result(
        world.term,
        by=world.office,
        kind="topical_report",
        title="关于思明区老旧小区改造问题的专题报告",
        body="一、基本情况\n二、存在的主要问题",
        recipients=[world.tree.city],
        inspections=[world.inspection],
        today=on,
    )
    return domain.issue_result(document, by=world.office, on=on) if issue else document
