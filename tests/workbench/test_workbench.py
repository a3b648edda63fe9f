"""The workbench: each next actor finds the record on their home page, with the step offered
there, and nobody else does; confidential text stays off it."""

from datetime import date

import pytest
from django.test import Client

from tests.clues.test_workflow import setup  # noqa: F401  (the fixture)
from tests.factories import (
    OrganisationFactory,
    complete_measure_fields,
    dated_inspection,
    feedback_with_problems,
    user_with_role,
)
from xuncha.accounts.enums import Role
from xuncha.orgs.enums import OrgKind
from xuncha.plans.domain import set_joint_review
from xuncha.rectification import domain as rectification
from xuncha.workbench import queues
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _queue_keys(user) -> set[str]:
    from xuncha.accounts.permissions import roles_of

    return {found.queue.key for found in queues.for_user(user, frozenset(roles_of(user)))}


def test_every_queue_names_declared_steps_and_pages_exist_for_its_records():
    assert queues.QUEUES, "no queue is declared"
    for queue in queues.QUEUES.values():
        assert queue.steps and all(s in actions.REGISTRY for s in queue.steps)
        model = actions.get(queue.steps[0]).model
        from xuncha.workflow import handoff

        assert handoff.PAGES.get(model) or queues.PAGES.get(model), queue.key


def test_the_second_signer_finds_the_clue_and_the_first_does_not(setup):  # noqa: F811
    world = setup
    actions.take("clue.sign", world["clue"], by=world["office"])
    assert "clue.sign" in _queue_keys(world["second"])
    assert "clue.sign" not in _queue_keys(world["office"])  # signed already: nothing left for them
    page = _home(world["second"])
    assert f'href="/clues/{world["clue"].pk}/#actions"' in page
    assert "礼金" not in page and "甲某" not in page  # the clue's number, never its text


def test_a_transferred_clue_is_on_its_receiving_body_list_only(setup, tree):  # noqa: F811
    world = setup
    body = OrganisationFactory(parent=tree.city, name="区纪委", kind=OrgKind.DISCIPLINE_COMMISSION)
    other = user_with_role(Role.DISCIPLINE_REVIEWER, body)
    actions.take("clue.sign", world["clue"], by=world["office"])
    actions.take("clue.sign", world["clue"], by=world["second"])
    assert "clue.transfer" in _queue_keys(world["office"])
    actions.take(
        "clue.transfer", world["clue"], by=world["office"],
        data={"receiving_body": world["commission"], "receiving_kind": "discipline", "on": date(2021, 2, 1)},
    )
    assert "clue.receive" in _queue_keys(world["reviewer"])
    assert "clue.receive" not in _queue_keys(other)  # positive control above, then the other body
    assert "clue.transfer" not in _queue_keys(world["office"])
    page = _home(world["reviewer"])
    assert "签收" in page and f"/clues/{world['clue'].pk}/#actions" in page


def test_rectification_moves_from_list_to_list(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    office = user_with_role(Role.OFFICE, tree.city)
    liaison = user_with_role(Role.LIAISON, tree.district)
    unit = user_with_role(Role.RESPONSIBLE_UNIT, tree.community)
    set_joint_review(inspection.term, by=None, plans=[], sign_offs=[])  # the office decides alone
    plan = rectification.start_plan(inspection, by=None, organisation=tree.district)
    measure = rectification.add_measure(
        plan, by=None, problems=[problem], units=[tree.community], **complete_measure_fields(tree.street)
    )
    assert "plan.submit" in _queue_keys(liaison) and "plan.review" not in _queue_keys(office)
    actions.take("plan.submit", plan, by=liaison)
    assert "plan.review" in _queue_keys(office) and "plan.submit" not in _queue_keys(liaison)
    actions.take("plan.approve", plan, by=office)
    assert "measure.progress" in _queue_keys(unit)
    actions.take("measure.progress", measure, by=unit, data={"status": "done", "text": "已完成"})
    assert "measure.request_sign_off" in _queue_keys(unit)
    actions.take("measure.request_sign_off", measure, by=unit)
    assert "measure.sign_off" in _queue_keys(office)
    assert "measure.sign_off" not in _queue_keys(unit)
    page = _home(office)
    assert f'/rectification/measures/{measure.pk}/#actions' in page


def test_a_user_without_roles_has_an_empty_workbench(tree):
    from tests.factories import UserFactory

    user = UserFactory()
    user.save()
    page = _home(user)
    assert 'data-testid="no-todos"' in page


def test_a_queue_page_lists_the_queue_and_is_404_for_other_roles(setup):  # noqa: F811
    world = setup
    actions.take("clue.sign", world["clue"], by=world["office"])
    client = Client()
    client.force_login(world["second"])
    page = client.get("/todo/clue.sign/").content.decode()
    assert f"/clues/{world['clue'].pk}/" in page
    client.force_login(world["reviewer"])
    assert client.get("/todo/clue.sign/").status_code == 404
    assert client.get("/todo/nonsense/").status_code == 404


def test_the_home_page_cost_does_not_grow_with_the_backlog(setup):  # noqa: F811
    """The home page checks at most a few candidates per queue (`queues.SHOWN` + 1): a backlog
    of 7 clues costs the same queries as one of 12."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xuncha.clues import domain

    world = setup
    client = Client()
    client.force_login(world["second"])

    def add(count):
        for _ in range(count):
            clue = domain.create_clue(
                world["inspection"], by=world["office"], allegation="某科长违规", source="petition",
                received_on=date(2021, 1, 20), persons=[{"name": "乙某", "rank": "section", "position": "科长"}],
            )
            actions.take("clue.sign", clue, by=world["office"])

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/").content.decode()
        assert 'data-testid="queue-clue.sign"' in page
        return len(queries)

    add(6)
    seven = cost()
    add(5)
    assert cost() == seven
