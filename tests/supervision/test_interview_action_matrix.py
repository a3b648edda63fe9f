"""Every declared interview step (record one on an inspection, correct the record) × every
state × every role: what the page offers and what the domain accepts agree; a step not offered
is refused by the domain, not only hidden."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.action_matrix import disagreements
from tests.factories import user_with_role
from tests.supervision.conftest import days_before
from xuncha.accounts.enums import Role
from xuncha.audit.lifecycle import archive
from xuncha.inspections.models import Inspection
from xuncha.supervision import interviews as domain
from xuncha.supervision.models import Interview
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


def _record_input(world, inspection=None):
    mine = inspection is None or inspection.pk == world.inspection.pk
    return {
        "organisation": world.tree.district, "held_on": days_before(3), "interviewers": [world.tree.people["city"]],
        "interviewees": [world.tree.people["district"]], "reason": "整改逾期", "summary": "要求限期整改",
        "measures": world.measures[:1] if mine else [],
    }


def _update_input(interview):
    return {
        "expected_version": interview.version, "interviewers": list(interview.interviewers.all()),
        "interviewees": list(interview.interviewees.all()), "summary": "已要求一个月内整改到位",
    }


def _users(world):
    other_office = user_with_role(Role.OFFICE, world.tree.other_district, username="other_office")
    return [world.office, world.liaison, world.handler, world.leader, world.principal, world.other_liaison,
            world.admin, other_office]


def test_offering_and_taking_agree_for_interviews(world, tree):
    users = _users(world)
    kept = domain.record_interview(world.inspection, by=world.office, **_record_input(world))
    archived = archive(domain.record_interview(world.inspection, by=world.office, **_record_input(world)),
                       by=world.office, reason="重复录入")
    found, offered = disagreements(["interview.update"], [kept, archived], users, lambda n, i: _update_input(i))
    assert found == [] and offered == 1  # the office, on the kept record only

    closed = Inspection.objects.get(pk=world.inspection.pk)
    archive(closed, by=None, reason="测试")
    from tests.factories import dated_inspection

    open_inspection = dated_inspection(tree)
    found, offered = disagreements(
        ["inspection.record_interview"], [open_inspection, closed], users, lambda n, i: _record_input(world, i)
    )
    assert found == [] and offered == 1


# steps named for an interview that do not record one: an evaluation rated 差 orders a 约谈 (a
# consequence row the office then carries out by recording the interview here); its matrix is
# tests/evaluation/test_action_matrix.py
ORDERS_ONLY = {"evaluation.order_interview"}


def test_every_interview_step_is_in_the_matrix():
    names = {n for n, a in actions.REGISTRY.items() if a.model == "supervision.Interview" or "interview" in n}
    assert names - ORDERS_ONLY == {"interview.update", "inspection.record_interview"}
    assert names >= ORDERS_ONLY  # an entry here that no longer exists is stale


def test_the_domain_refuses_a_reader_whatever_the_door(world, client):
    interview = domain.record_interview(world.inspection, by=world.office, **_record_input(world))
    with pytest.raises(PermissionDenied):
        domain.update_interview(interview, by=world.principal, **_update_input(interview))
    with pytest.raises(PermissionDenied):
        domain.record_interview(world.inspection, by=world.principal, **_record_input(world))
    client.force_login(world.principal)  # leadership reads the interview, corrects nothing
    assert client.get(reverse("supervision:interview", args=[interview.pk])).status_code == 200
    assert client.get(reverse("supervision:interview_edit", args=[interview.pk])).status_code == 404
    create = reverse("supervision:interview_create") + f"?inspection={world.inspection.pk}"
    assert client.get(create).status_code == 404
    assert Interview.objects.get(pk=interview.pk).version == 1
