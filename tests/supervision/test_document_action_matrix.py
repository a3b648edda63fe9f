"""Every declared step of a supervision document × every state × every role: what the page
offers and what the domain accepts agree; a step not offered is refused by the domain."""

import pytest

from tests.action_matrix import disagreements
from tests.supervision.conftest import days_before
from xuncha.supervision import documents as domain
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db

INPUT = {
    "document.edit": lambda d: {
        "expected_version": d.version, "title": "改后的标题", "body": d.body, "due_on": d.due_on
    },
    "document.issue": lambda d: {"on": days_before(5)},
    "document.discard": lambda d: {"reason": "不再发出"},
    "document.answer": lambda d: {"answer": "已整改", "answered_on": days_before(3)},
    "document.close": lambda d: {"on": days_before(2)},
    "document.return": lambda d: {"reason": "答复不具体"},
}


def _documents(world):
    def draft():
        return domain.draft_document(
            world.inspection, by=world.office, kind="notice", addressee=world.tree.district,
            measures=world.measures[:1], today=days_before(10),
        )

    states = {"draft": draft()}
    issued = domain.issue_document(draft(), by=world.office, on=days_before(9))
    states["issued"] = issued
    answered = domain.answer_document(
        domain.issue_document(draft(), by=world.office, on=days_before(9)), by=world.liaison, answer="已整改",
        on=days_before(8),
    )
    states["answered"] = answered
    closed = domain.answer_document(
        domain.issue_document(draft(), by=world.office, on=days_before(9)), by=world.liaison, answer="已整改",
        on=days_before(8),
    )
    states["closed"] = domain.close_document(closed, by=world.office, on=days_before(7))
    states["discarded"] = domain.discard_draft(draft(), by=world.office, reason="作废")
    return states


def test_offering_and_taking_agree_for_documents(world):
    states = _documents(world)
    users = [world.office, world.liaison, world.handler, world.principal, world.other_liaison, world.admin]
    names = [n for n, a in actions.REGISTRY.items() if a.model == "supervision.SupervisionDocument"]
    assert set(names) == set(INPUT)
    found, offered_count = disagreements(names, list(states.values()), users, lambda n, d: INPUT[n](d))
    assert found == []
    assert offered_count >= 6  # each step is offered to someone in some state
