"""Hand-offs on an inspection of two sibling organisations: a step on one organisation's measure
or problem tells that organisation's units, never the other's."""

import pytest

from tests.factories import OTHER_MEASURE, OTHER_PROBLEM, two_target_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.rectification import domain
from xuncha.supervision.models import Notification
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


def test_sign_off_and_rebound_of_one_organisations_rows_tell_only_its_units(tree):
    two = two_target_inspection(tree)
    office = user_with_role(Role.OFFICE, tree.city)
    own_units = [
        user_with_role(Role.RESPONSIBLE_UNIT, tree.district),
        user_with_role(Role.RESPONSIBLE_UNIT, tree.street),
    ]
    other_unit = user_with_role(Role.RESPONSIBLE_UNIT, tree.other_district)
    measure, problem = two.measures["other"][0], two.problems["other"][0]
    domain.post_progress(measure, by=None, text="已完成", status="done")
    domain.request_sign_off(measure, by=None)
    Notification.objects.all().delete()

    actions.take("measure.approve_sign_off", measure, by=office)
    assert list(Notification.objects.values_list("user", "url")) == [
        (other_unit.pk, f"/rectification/measures/{measure.pk}/")
    ]
    Notification.objects.all().delete()
    actions.take("problem.reopen", problem, by=office, data={"reason": "湖里区问题反弹"})
    told = list(Notification.objects.values_list("user", "url"))
    assert told == [(other_unit.pk, f"/rectification/problems/{problem.pk}/")]
    assert not Notification.objects.filter(user__in=own_units).exists()
    note = Notification.objects.get()
    assert OTHER_PROBLEM not in note.title + note.body and OTHER_MEASURE not in note.title + note.body
