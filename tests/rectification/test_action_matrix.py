"""Every declared rectification action × every state it may meet × every role: what the page
offers, what the domain accepts and what it refuses agree. An offered action succeeds; one
not offered is refused by the domain function itself, not only hidden."""

from datetime import date

import pytest

from tests.action_matrix import disagreements
from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.inspections.enums import InspectionKind
from xuncha.plans.domain import set_joint_review
from xuncha.rectification import domain, jointreview
from xuncha.rectification.models import Flag, Measure, MeasureChange, Plan
from xuncha.workflow.actions import REGISTRY

pytestmark = pytest.mark.django_db

ROLES = [
    (Role.OFFICE, "city"),
    (Role.DISCIPLINE_REVIEWER, "city"),
    (Role.ORGANISATION_REVIEWER, "city"),
    (Role.LEADERSHIP, "city"),
    (Role.LIAISON, "district"),
    (Role.RESPONSIBLE_UNIT, "street"),
    (Role.LIAISON, "other_district"),
    (Role.SYSTEM_ADMIN, "city"),
]


def _input(name, obj) -> dict:
    """Valid input for each declared step, as the page's forms and the API's schemas clean it."""
    if name == "plan.add_measure":
        problems = list(obj.inspection.problems.filter(organisation=obj.organisation)[:1])
        return {"problems": problems, **complete_measure_fields(obj.organisation)}
    return {
        "plan.return": {"reason": "请补充"},
        "plan.return_joint": {"reason": "联审意见：措施不够具体"},
        "measure.return_joint": {"reason": "联审意见：佐证不足"},
        "measure.edit": {"version": getattr(obj, "version", 0), "leader": "区长"},
        "measure.progress": {"text": "推进中", "status": getattr(obj, "status", "")},
        "measure.return_sign_off": {"reason": "佐证不足"},
        "measure.flag": {"kind": "perfunctory", "reason": "敷衍"},
        "measure.regulation": {"title": "制度", "issuer": "区委办", "issued_on": date(2022, 1, 1)},
        "measure.request_change": {"reason": "延期", "deadline": date(2030, 1, 1)},
        "change.refuse": {"reason": "不同意"},
        "flag.clear": {"reason": "已整改"},
        "problem.reopen": {"reason": "反弹"},
        "problem.update": {"correction_reason": "文字更正"},  # a frozen feedback is corrected with a reason
    }.get(name, {})


@pytest.fixture
def states(tree):
    """One object in each state the declared actions meet, keyed by the action's model."""
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25), title="矩阵")
    problems = feedback_with_problems(inspection, 9, organisation=tree.district)
    objects = {"rectification.Plan": [], "rectification.Measure": [], "rectification.MeasureChange": [],
               "rectification.Flag": [], "findings.Problem": []}
    # the term's setting: plans of every kind (the default) and routine sign-offs under joint review
    set_joint_review(inspection.term, by=None, plans=InspectionKind.values, sign_offs=["routine"])
    draft = domain.start_plan(inspection, by=None, organisation=tree.district)
    measures = [
        domain.add_measure(draft, by=None, problems=[p], units=[tree.street], **complete_measure_fields(tree.street))
        for p in problems
    ]
    objects["rectification.Plan"].append(Plan.objects.get(pk=draft.pk))  # draft, complete
    objects["rectification.Measure"].append(Measure.objects.get(pk=measures[0].pk))  # in a draft plan
    return inspection, problems, draft, measures, objects


def _advance(inspection, problems, plan, measures, objects, users):
    domain.submit_plan(plan, by=None)
    objects["rectification.Plan"].append(Plan.objects.get(pk=plan.pk))  # submitted, joint, unsigned
    jointreview.sign_plan(plan, by=users[1])
    objects["rectification.Plan"].append(Plan.objects.get(pk=plan.pk))  # submitted, half signed
    jointreview.sign_plan(plan, by=users[2])
    objects["rectification.Plan"].append(Plan.objects.get(pk=plan.pk))  # submitted, fully signed
    domain.approve_plan(plan, by=None)
    objects["rectification.Plan"].append(Plan.objects.get(pk=plan.pk))  # approved
    m = measures
    domain.post_progress(m[1], by=None, text="已完成", status="done")
    domain.post_progress(m[2], by=None, text="已完成", status="done")
    domain.request_sign_off(m[2], by=None)  # under joint review, nobody has decided
    domain.post_progress(m[8], by=None, text="已完成", status="done")
    domain.request_sign_off(m[8], by=None)
    jointreview.sign_sign_off(m[8], by=users[1])  # the discipline commission has approved
    domain.post_progress(m[3], by=None, text="已完成", status="done")
    domain.request_sign_off(m[3], by=None)
    domain.approve_sign_off(m[3], by=None)
    domain.post_progress(m[4], by=None, text="已完成", status="done")
    flag = domain.raise_flag(by=None, kind="false", reason="虚假", measure=m[4])
    change = domain.request_change(m[5], by=None, reason="延期", deadline=date(2030, 1, 1))
    refused = domain.request_change(m[6], by=None, reason="延期", deadline=date(2030, 1, 1))
    domain.refuse_change(refused, by=None, reason="不同意")
    cleared = domain.raise_flag(by=None, kind="false", reason="虚假", measure=m[7])
    domain.clear_flag(cleared, by=None, reason="已整改")
    for measure in m:
        objects["rectification.Measure"].append(Measure.objects.get(pk=measure.pk))
    objects["rectification.Flag"] += [Flag.objects.get(pk=flag.pk), Flag.objects.get(pk=cleared.pk)]
    objects["rectification.MeasureChange"] += [
        MeasureChange.objects.get(pk=change.pk), MeasureChange.objects.get(pk=refused.pk)
    ]
    objects["findings.Problem"] += [problems[3], problems[0]]  # done (signed off), not done


def test_offering_taking_and_refusing_agree(tree, states):
    inspection, problems, plan, measures, objects = states
    users = [user_with_role(role, getattr(tree, scope)) for role, scope in ROLES]
    _advance(inspection, problems, plan, measures, objects, users)
    names = [n for n in REGISTRY if REGISTRY[n].model in objects]
    assert len(names) >= 17
    objs = [obj for name in names for obj in objects[REGISTRY[name].model]]
    assert all(objects[REGISTRY[name].model] for name in names), "every step meets an object"
    found, offered_count = [], 0
    for name in names:
        some, offered = disagreements([name], objects[REGISTRY[name].model], users, _input)
        found += some
        offered_count += offered
    assert found == []
    assert offered_count > 20 and len(objs) * len(users) - offered_count > 100
