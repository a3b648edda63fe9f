"""Every declared inspection step × every state it meets × every role: the page offers a step
exactly when the domain accepts it; a step not offered is refused by the domain itself."""

from datetime import date
from decimal import Decimal

import pytest

from tests.action_matrix import disagreements
from tests.factories import make_inspection, make_term
from tests.inspections.matrix_roles import declared, matrix_users, team_member_user
from xuncha.audit.lifecycle import archive
from xuncha.inspections.domain import add_indicator, create_information_request, record_reply
from xuncha.inspections.models import Indicator, InformationRequest, Inspection
from xuncha.staffing.domain import assign_member
from xuncha.workflow.actions import REGISTRY

pytestmark = pytest.mark.django_db


def _input(tree):
    def data(name, obj) -> dict:
        return {
            "inspection.set_dates": {
                "version": getattr(obj, "version", 0), "entry_on": getattr(obj, "entry_on", None),
                "exit_on": getattr(obj, "exit_on", None), "feedback_on": date(2021, 6, 25),
            },
            "inspection.update": {"version": getattr(obj, "version", 0), "title": "对思明区委的常规巡察"},
            "inspection.add_target": {"organisation": tree.community},
            "inspection.add_indicator": {"name": "闲置资产去化率", "unit": "万平方米", "baseline": Decimal("782.61")},
            "inspection.create_request": {
                "recipient_kind": "discipline", "subject": "领导班子信访情况",
                "sent_on": date(2021, 1, 1), "due_on": date(2021, 1, 10),
            },
            "indicator.record_reading": {"on": date(2021, 3, 1), "value": Decimal("59.74")},
            "request.record_reply": {"reply": "已复函", "replied_on": date(2021, 1, 5)},
        }[name]

    return data


def _world(tree, team_user):
    term = make_term(tree.city)
    live = make_inspection(term, [tree.district], entry_on=date(2021, 1, 11), exit_on=date(2021, 2, 6), title="在办")
    gone = make_inspection(term, [tree.district], entry_on=date(2022, 1, 11), exit_on=date(2022, 2, 6), title="已撤")
    assign_member(live, by=None, person=team_user.person, role="member")
    indicators, requests = [], []
    ask = {"recipient_kind": "audit", "subject": "审计情况", "sent_on": date(2021, 1, 1), "due_on": date(2021, 1, 9)}
    for inspection in (live, gone):
        indicators.append(add_indicator(inspection, by=None, name="去化率", unit="", baseline=Decimal("100")))
        requests.append(create_information_request(inspection, by=None, **ask))
    answered = create_information_request(live, by=None, **ask)
    record_reply(answered, by=None, reply="见附件", replied_on=date(2021, 1, 3))
    archive(gone, by=None, reason="计划调整，撤销")
    return {
        "inspections.Inspection": [Inspection.objects.get(pk=i.pk) for i in (live, gone)],
        "inspections.Indicator": [Indicator.objects.get(pk=i.pk) for i in indicators],
        "inspections.InformationRequest": [
            InformationRequest.objects.get(pk=r.pk) for r in [*requests, answered]
        ],
    }


def test_offering_taking_and_refusing_agree_for_inspections(tree):
    team_user = team_member_user(tree)
    objects = _world(tree, team_user)
    users = matrix_users(tree, team_user)
    names = declared("xuncha.inspections.actions")
    assert len(names) == 7
    found, offered = [], {}
    for name in names:
        some, count = disagreements([name], objects[REGISTRY[name].model], users, _input(tree))
        found += some
        offered[name] = count
    assert found == []
    # the office takes every step on the live inspection; the team only its readings, requests and replies
    assert offered == {
        "inspection.set_dates": 1, "inspection.update": 1, "inspection.add_target": 1, "inspection.add_indicator": 1,
        "inspection.create_request": 2, "indicator.record_reading": 2, "request.record_reply": 2,
    }


@pytest.mark.parametrize("module", ["xuncha.inspections.actions", "xuncha.findings.actions", "xuncha.staffing.actions"])
def test_each_step_names_a_declared_event_and_labels_its_button(module):
    from xuncha.audit import events

    for name in declared(module):
        action = REGISTRY[name]
        assert events.get(action.event) is not None, name
        assert str(action.label), name
