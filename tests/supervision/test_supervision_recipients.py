import pytest
from django.utils import timezone

from tests.factories import PersonFactory, UserFactory, user_with_role
from xuncha.accounts.enums import Role
from xuncha.supervision.enums import Recipient
from xuncha.supervision.recipients import covering_paths, leader_names, recipients_for

pytestmark = pytest.mark.django_db


def _names(world, kinds, measure=None):
    return [u.username for u in recipients_for(measure or world.measures[0], kinds)]


def test_covering_paths_are_the_organisation_and_its_ancestors():
    assert covering_paths("/1/4/17/") == ["/1/", "/1/4/", "/1/4/17/"]


def test_leader_names_are_separate_tokens():
    assert leader_names("区委副书记、张明，李华 / 王芳") == {"区委副书记", "张明", "李华", "王芳"}
    assert leader_names("区委副书记张明") == {"区委副书记张明"}


def test_handler_is_the_responsible_unit_of_the_lead_unit(world):
    assert _names(world, [Recipient.HANDLER]) == ["handler"]


def test_handler_includes_shared_responsible_units(world, tree):
    from xuncha.rectification.models import Measure

    user_with_role(Role.RESPONSIBLE_UNIT, tree.community, username="community")
    Measure.units.through.objects.create(measure=world.measures[0], organisation=tree.community)
    assert _names(world, [Recipient.HANDLER]) == ["community", "handler"]
    # the lead unit is the street alone; the district's liaison acts for the street (its grant covers it)
    assert _names(world, [Recipient.LEAD_UNIT]) == ["handler", "liaison"]


def test_responsible_leader_is_the_liaison_and_the_named_person_in_the_organisation(world):
    assert _names(world, [Recipient.RESPONSIBLE_LEADER]) == ["liaison", "zhangming"]


def test_a_named_leader_who_cannot_see_the_measure_is_not_told(world, tree):
    """李华 is named but holds no grant that shows the measure."""
    from xuncha.rectification.models import Measure

    li = PersonFactory(name="李华", organisation=tree.street)
    UserFactory(username="lihua", organisation=tree.street, person=li)
    Measure.objects.filter(pk=world.measures[0].pk).update(leader="张明、李华")
    world.measures[0].refresh_from_db()
    assert _names(world, [Recipient.RESPONSIBLE_LEADER]) == ["liaison", "zhangming"]


def test_principal_leader_and_office(world):
    assert _names(world, [Recipient.PRINCIPAL_LEADER]) == ["principal"]
    assert _names(world, [Recipient.OFFICE]) == ["office"]


def test_outsiders_never_receive_and_each_user_appears_once(world):
    everyone = _names(world, list(Recipient))
    assert everyone == ["handler", "liaison", "office", "principal", "zhangming"]
    assert "other" not in everyone and "namesake" not in everyone and "sysadmin" not in everyone


def test_inactive_and_suspended_accounts_are_left_out(world):
    world.handler.is_active = False
    world.handler.save(update_fields=["is_active"])
    world.liaison.roles_suspended_at = timezone.now()
    world.liaison.save(update_fields=["roles_suspended_at"])
    assert _names(world, [Recipient.HANDLER, Recipient.RESPONSIBLE_LEADER]) == ["zhangming"]
