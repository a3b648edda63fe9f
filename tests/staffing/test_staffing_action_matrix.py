"""Every declared staffing step × every state it meets × every role: offering and the domain
agree (the office alone staffs, removes and evaluates; not before the dates are set, not after
archiving, not before the team has exited)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.action_matrix import disagreements
from tests.factories import PersonFactory, make_inspection, make_term
from tests.inspections.matrix_roles import declared, matrix_users, team_member_user
from xuncha.audit.lifecycle import archive
from xuncha.inspections.models import Inspection
from xuncha.staffing.domain import assign_member, remove_member
from xuncha.staffing.models import TeamMember
from xuncha.workflow.actions import REGISTRY

pytestmark = pytest.mark.django_db


def _input(newcomer):
    def data(name, obj) -> dict:
        return {
            "inspection.assign_member": {"person": newcomer, "role": "member"},
            "member.remove": {"reason": "工作调整"},
            "member.evaluate": {"grade": "competent", "comment": "称职"},
            "inspection.appraise_team": {"score": "90", "grade": "competent", "comment": "称职"},
        }[name]

    return data


def _world(tree, team_user):
    term = make_term(tree.city)
    today = timezone.localdate()
    exited = make_inspection(
        term, [tree.district], title="已撤离", entry_on=date(2021, 1, 11), exit_on=date(2021, 2, 6)
    )
    running = make_inspection(
        term, [tree.district], title="在驻", entry_on=today - timedelta(days=5), exit_on=today + timedelta(days=30)
    )
    undated = make_inspection(term, [tree.district], title="未定日期")
    gone = make_inspection(term, [tree.district], title="已撤", entry_on=date(2020, 3, 2), exit_on=date(2020, 4, 30))
    member = assign_member(exited, by=None, person=team_user.person, role="member")
    on_running = assign_member(running, by=None, person=PersonFactory(organisation=tree.city), role="member")
    removed = remove_member(
        assign_member(exited, by=None, person=PersonFactory(organisation=tree.city), role="member"), by=None,
        reason="调离",
    )
    on_gone = assign_member(gone, by=None, person=PersonFactory(organisation=tree.city), role="leader")
    archive(gone, by=None, reason="计划调整，撤销")
    return {
        "inspections.Inspection": [Inspection.objects.get(pk=i.pk) for i in (exited, running, undated, gone)],
        "staffing.TeamMember": [TeamMember.objects.get(pk=m.pk) for m in (member, on_running, removed, on_gone)],
    }


def test_offering_taking_and_refusing_agree_for_staffing(tree):
    team_user = team_member_user(tree)
    objects = _world(tree, team_user)
    users = matrix_users(tree, team_user)
    newcomer = PersonFactory(organisation=tree.other_district, name="新组员")
    names = declared("xuncha.staffing.actions")
    assert len(names) == 4
    found, offered = [], {}
    for name in names:
        some, count = disagreements([name], objects[REGISTRY[name].model], users, _input(newcomer))
        found += some
        offered[name] = count
    assert found == []
    assert offered == {
        "inspection.assign_member": 2, "member.remove": 2, "member.evaluate": 1, "inspection.appraise_team": 1
    }
