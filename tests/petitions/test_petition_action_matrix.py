"""Every declared petition and immediate-fix step × objects in every state × every role: what
the page offers and what the domain accepts agree; a step not offered is refused by the domain
itself, not only hidden."""

from datetime import date

import pytest

from tests.action_matrix import disagreements
from tests.petitions.conftest import new_petition
from xuncha.findings.models import Category
from xuncha.petitions import domain
from xuncha.petitions.models import ImmediateFix, Petition
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db

DAY, LATER = date(2021, 3, 1), date(2021, 4, 1)
MODELS = {"petitions.Petition", "petitions.ImmediateFix"}
STEPS = {
    "petition.to_clue", "petition.to_finding", "petition.to_fix", "petition.refuse", "petition.conclude",
    "inspection.hand_over_fix", "fix.record_result", "fix.answer",
}


def _input(name, world):
    tree = world["tree"]
    fix = {"organisation": tree.street, "description": "请立即整改", "handed_over_on": DAY, "deadline": LATER}
    return {
        "petition.to_clue": {"allegation": "某科长违规", "person_name": "乙某", "person_rank": "section",
                             "person_position": "科长", "received_on": DAY},
        "petition.to_finding": {"text": "补贴发放不规范", "category": Category.objects.first(),
                                "organisation": tree.district},
        "petition.to_fix": fix,
        "inspection.hand_over_fix": fix,
        "petition.refuse": {"reason": "不属于受理范围"},
        "petition.conclude": {"reply": "已答复", "on": DAY},
        "fix.record_result": {"result": "已追回补贴", "on": DAY},
        "fix.answer": {"answer": "整改结果已告知", "on": LATER},
    }[name]


def _fix(world, *, petition: bool, done: bool = False, answered: bool = False):
    office, tree = world["users"]["office"], world["tree"]
    fields = {"organisation": tree.street, "description": "请立即整改", "handed_over_on": date(2021, 1, 16),
              "deadline": date(2021, 1, 31)}
    if petition:
        _p, fix = domain.triage_to_fix(new_petition(world), by=office, **fields)
    else:
        fix = domain.hand_over_fix(world["inspection"], by=office, **fields)
    if done:
        fix = domain.record_fix_result(fix, by=world["users"]["unit"], result="已整改", on=date(2021, 1, 20))
    if answered:
        fix = domain.answer_reporter(fix, by=office, answer="已答复", on=date(2021, 1, 22))
    return fix


def test_every_step_of_the_app_is_declared():
    declared = {n for n, a in actions.REGISTRY.items() if a.model in MODELS or n == "inspection.hand_over_fix"}
    assert declared == STEPS
    assert all(actions.get(n).event.startswith("petitions.") for n in STEPS)
    assert actions.get("petition.refuse").requires == ("reason",)


def test_offering_and_taking_agree_for_petitions_and_fixes(world):
    office = world["users"]["office"]
    received = new_petition(world)
    refused = domain.refuse_petition(new_petition(world), by=office, reason="不属于受理范围")
    triaged_to_fix, _fix_of_it = domain.triage_to_fix(
        new_petition(world), by=office, organisation=world["tree"].street, description="请整改",
        handed_over_on=date(2021, 1, 16), deadline=date(2021, 1, 31),
    )
    concluded = domain.conclude_petition(
        domain.refuse_petition(new_petition(world), by=office, reason="重复"), by=office, reply="已答复",
        on=date(2021, 2, 1),
    )
    petitions = [received, refused, triaged_to_fix, concluded]
    assert {p.status for p in petitions} == {"received", "triaged", "concluded"}
    fixes = [
        _fix(world, petition=True), _fix(world, petition=True, done=True),
        _fix(world, petition=True, done=True, answered=True),
        _fix(world, petition=False), _fix(world, petition=False, done=True),
    ]
    users = list(world["users"].values())
    data = lambda n, o: _input(n, world)  # noqa: E731
    petition_steps = [n for n in STEPS if n.startswith("petition.")]
    fix_steps = [n for n in STEPS if n.startswith("fix.")]
    found, offered = disagreements(petition_steps, petitions, users, data)
    found_fix, offered_fix = disagreements(fix_steps, fixes, users, data)
    found_inspection, offered_inspection = disagreements(
        ["inspection.hand_over_fix"], [world["inspection"]], users, data
    )
    assert found == found_fix == found_inspection == []
    # each step is offered to someone in some state: triage 4 × office and team on one petition,
    # conclude × 2 on two triaged; the result on two open fixes to the casework (office, team)
    # and the fixing side (the unit, the district's liaison), the answer to the casework on
    # one; the hand-over to office and team
    assert offered == 4 * 2 + 2 * 2
    assert offered_fix == 4 * 2 + 2
    assert offered_inspection == 2
    assert Petition.objects.get(pk=received.pk).status == "received"  # every step was rolled back
    assert ImmediateFix.objects.filter(status="done").count() == 3


def test_a_step_not_offered_is_refused_by_the_domain_whatever_the_door(world):
    """The unit the fix is handed to may record its result, never answer the reporter; the
    discipline reviewer may do neither (permission first: it learns nothing of the state)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    fix = _fix(world, petition=True, done=True)
    unit, outsider, office = (world["users"][k] for k in ("unit", "discipline", "office"))
    with pytest.raises(PermissionDenied):
        domain.answer_reporter(fix, by=unit, answer="x", on=LATER)
    with pytest.raises(PermissionDenied):
        domain.record_fix_result(fix, by=outsider, result="x", on=LATER)
    with pytest.raises(ValidationError):  # a result is recorded once
        domain.record_fix_result(fix, by=unit, result="再次", on=LATER)
    domain.answer_reporter(fix, by=office, answer="已答复", on=LATER)
    with pytest.raises(ValidationError):  # and the reporter answered once
        domain.answer_reporter(fix, by=office, answer="再次", on=LATER)
