"""The workbench of an inspected organisation on an inspection of two sibling organisations: its
to-dos, deadlines and figures are its own organisation's only; the office's cover both."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import OTHER_MEASURE, OTHER_PROBLEM, two_target_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.inspections.models import Inspection
from xuncha.workbench import agenda, queues

pytestmark = pytest.mark.django_db


def _page(user, url="/") -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _links(measures) -> list[str]:
    return [f"/rectification/measures/{m.pk}/" for m in measures]


def test_home_and_queue_list_only_the_inspected_organisations_own_measures(tree):
    two = two_target_inspection(tree)
    office = user_with_role(Role.OFFICE, tree.city)
    liaison = user_with_role(Role.LIAISON, tree.district)
    other_liaison = user_with_role(Role.LIAISON, tree.other_district)
    queue = _page(office, "/todo/measure.sign_off/")  # nothing awaits sign-off yet: the page opens
    assert "/rectification/measures/" not in queue
    for user, own, other in [
        (liaison, two.measures["own"], two.measures["other"]),
        (other_liaison, two.measures["other"], two.measures["own"]),
    ]:
        home, progress = _page(user), _page(user, "/todo/measure.progress/")
        assert all(link in progress for link in _links(own))
        assert any(link in home for link in _links(own))
        for body in (home, progress):
            assert not any(link in body for link in _links(other))
    for body in (_page(liaison), _page(liaison, "/todo/measure.progress/")):
        assert OTHER_MEASURE not in body and OTHER_PROBLEM not in body
    figures = agenda.scope_figures(liaison, today=timezone.localdate())
    assert sum(n for _value, _label, n in figures.measures) == 3


def test_plan_deadline_follows_the_users_own_plan_not_the_other_organisations(tree):
    two = two_target_inspection(tree, approved=("other",))  # 思明区's plan is still a draft
    today = timezone.localdate()
    Inspection.objects.filter(pk=two.inspection.pk).update(plan_due_on=today + timedelta(days=5))

    def plan_due(user) -> bool:
        return any(
            d.url == f"/rectification/inspection/{two.inspection.pk}/"
            for d in agenda.deadlines(user, today=today).deadlines
        )

    assert plan_due(user_with_role(Role.OFFICE, tree.city))  # 思明区's plan is not approved
    assert plan_due(user_with_role(Role.LIAISON, tree.district))
    assert not plan_due(user_with_role(Role.LIAISON, tree.other_district))  # its own is approved
    assert "plan.submit" in _queue_keys(user_with_role(Role.LIAISON, tree.district))
    assert "plan.submit" not in _queue_keys(user_with_role(Role.LIAISON, tree.other_district))


def _queue_keys(user) -> set[str]:
    from xuncha.accounts.permissions import roles_of

    return {found.queue.key for found in queues.for_user(user, frozenset(roles_of(user)))}
