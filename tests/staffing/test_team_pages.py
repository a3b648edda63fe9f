"""Team members are removed (with a reason) and evaluated through their declared steps: the
office only, an evaluation only once the team has exited."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import PersonFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.staffing.domain import assign_member
from xuncha.staffing.models import Evaluation, TeamMember

pytestmark = pytest.mark.django_db


def test_removal_needs_a_reason_and_the_office(tree, client):
    today = timezone.localdate()
    inspection = make_inspection(
        make_term(tree.city), [tree.district], entry_on=today - timedelta(days=3), exit_on=today + timedelta(days=30)
    )
    member = assign_member(inspection, by=None, person=PersonFactory(organisation=tree.city), role="member")
    url = f"/inspections/team/{member.pk}/remove/"
    client.force_login(user_with_role(Role.DISCIPLINE_REVIEWER, tree.city))
    assert client.post(url, {"reason": "调离"}).status_code == 404
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    detail = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert 'data-testid="remove-member"' in detail and "staffing/team" not in detail  # not exited: no evaluation
    client.post(url, {"reason": ""})
    assert not TeamMember.objects.get(pk=member.pk).is_archived
    client.post(url, {"reason": "工作调整"})
    assert TeamMember.objects.get(pk=member.pk).archived_reason == "工作调整"


def test_evaluation_after_exit_only(tree, client):
    inspection = make_inspection(
        make_term(tree.city), [tree.district], entry_on=date(2021, 1, 11), exit_on=date(2021, 2, 6)
    )
    member = assign_member(inspection, by=None, person=PersonFactory(organisation=tree.city), role="member")
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert f"/staffing/team/{member.pk}/evaluate/" in client.get(f"/inspections/{inspection.pk}/").content.decode()
    response = client.post(f"/staffing/team/{member.pk}/evaluate/", {"grade": "excellent", "comment": "发现问题精准"})
    assert response.status_code == 302 and Evaluation.objects.get(member=member).grade == "excellent"
    client.force_login(user_with_role(Role.LEADERSHIP, tree.city))
    assert client.get(f"/staffing/team/{member.pk}/evaluate/").status_code == 404
