from dataclasses import dataclass
from datetime import date

import pytest

from tests.factories import PersonFactory, dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.meetings import domain
from xuncha.meetings.enums import MeetingKind

ALLEGATION = "反映某科长违规收受购物卡"


@dataclass
class World:
    tree: object
    inspection: object
    office: object
    leader: object
    liaison: object
    other_office: object
    owner: object
    clue: object
    chair: object
    leaders: list


@pytest.fixture
def world(tree):
    from xuncha.clues.domain import create_clue

    inspection = dated_inspection(tree, feedback_on=date(2021, 3, 20))
    clue = create_clue(
        inspection,
        by=None,
        allegation=ALLEGATION,
        source="talk",
        received_on=date(2021, 1, 20),
        persons=[{"name": "丁某某", "rank": "section"}],
    )
    leaders = [PersonFactory(name=f"分管领导{n}", organisation=tree.city, position="副市长") for n in range(3)]
    return World(
        tree=tree,
        inspection=inspection,
        office=user_with_role(Role.OFFICE, tree.city),
        leader=user_with_role(Role.LEADERSHIP, tree.city),
        liaison=user_with_role(Role.LIAISON, tree.district),
        other_office=user_with_role(Role.OFFICE, tree.other_district),
        owner=user_with_role(Role.LIAISON, tree.district, username="owner_liaison"),
        clue=clue,
        chair=tree.people["city"],
        leaders=leaders,
    )


def decided(world, *, held_on=date(2021, 3, 1)):
    """The leading group heard the inspection and the 书记专题会 decided its feedback."""
    term = world.inspection.term
    group = domain.record_meeting(
        term,
        by=world.office,
        kind=MeetingKind.LEADING_GROUP,
        title="领导小组第1次会议",
        held_on=held_on,
        chair=world.chair,
        attendees=[world.chair],
    )
    domain.add_agenda_item(
        group,
        by=world.office,
        title="听取巡察组汇报",
        decision="同意提请书记专题会审议",
        inspection=world.inspection,
        clue=world.clue,
    )
    special = domain.record_meeting(
        term,
        by=world.office,
        kind=MeetingKind.SECRETARY,
        title="书记专题会议",
        held_on=date(held_on.year, held_on.month, held_on.day + 5),
        chair=world.chair,
        attendees=[world.chair],
    )
    domain.add_agenda_item(
        special,
        by=world.office,
        title="审议巡察报告",
        decision="同意反馈",
        inspection=world.inspection,
        decides_feedback=True,
    )
    return group, special


def feedback_meeting(world, *, leaders=None, held_on=date(2021, 3, 20)):
    leaders = world.leaders if leaders is None else leaders
    return domain.record_meeting(
        world.inspection.term,
        by=world.office,
        kind=MeetingKind.FEEDBACK,
        title="巡察反馈会议",
        held_on=held_on,
        chair=world.chair,
        inspection=world.inspection,
        attendees=[world.chair, *leaders],
        leaders=leaders,
        leader_role="市级分管领导",
    )
