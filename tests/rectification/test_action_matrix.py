"""Every declared rectification action × every state it may meet × every role: what the page
offers, what the domain accepts and what it refuses agree. An offered action succeeds; one
not offered is refused by the domain function itself, not only hidden."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.rectification import domain
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


def _take(name, obj, user):
    """Call the domain function behind a declared action with valid input."""
    verb = name.split(".", 1)[1]
    calls = {
        "plan.add_measure": lambda: domain.add_measure(
            obj, by=user, problems=list(obj.inspection.problems.filter(organisation=obj.organisation)[:1]),
            **complete_measure_fields(obj.organisation),
        ),
        "plan.submit": lambda: domain.submit_plan(obj, by=user),
        "plan.approve": lambda: domain.approve_plan(obj, by=user),
        "plan.return": lambda: domain.return_plan(obj, by=user, reason="请补充"),
        "plan.sign": lambda: domain.sign_joint_review(
            obj, by=user, body="discipline" if user.grants.filter(role=Role.DISCIPLINE_REVIEWER).exists()
            else "organisation"
        ),
        "measure.edit": lambda: domain.update_measure(obj, by=user, expected_version=obj.version, leader="区长"),
        "measure.progress": lambda: domain.post_progress(obj, by=user, text="推进中", status=obj.status),
        "measure.request_sign_off": lambda: domain.request_sign_off(obj, by=user),
        "measure.approve_sign_off": lambda: domain.approve_sign_off(obj, by=user),
        "measure.return_sign_off": lambda: domain.return_sign_off(obj, by=user, reason="佐证不足"),
        "measure.flag": lambda: domain.raise_flag(by=user, kind="perfunctory", reason="敷衍", measure=obj),
        "measure.regulation": lambda: domain.record_regulation(
            obj, by=user, title="制度", issuer="区委办", issued_on=date(2022, 1, 1)
        ),
        "measure.request_change": lambda: domain.request_change(
            obj, by=user, reason="延期", deadline=date(2030, 1, 1)
        ),
        "change.approve": lambda: domain.approve_change(obj, by=user),
        "change.refuse": lambda: domain.refuse_change(obj, by=user, reason="不同意"),
        "flag.clear": lambda: domain.clear_flag(obj, by=user, reason="已整改"),
        "problem.reopen": lambda: domain.reopen_problem(obj, by=user, reason="反弹"),
    }
    assert verb
    return calls[name]()


@pytest.fixture
def states(tree):
    """One object in each state the declared actions meet, keyed by the action's model."""
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25), title="矩阵")
    problems = feedback_with_problems(inspection, 9, organisation=tree.district)
    objects = {"rectification.Plan": [], "rectification.Measure": [], "rectification.MeasureChange": [],
               "rectification.Flag": [], "findings.Problem": []}
    draft = domain.start_plan(inspection, by=None, organisation=tree.district, joint_review=True)
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
    domain.sign_joint_review(plan, by=users[1], body="discipline")
    objects["rectification.Plan"].append(Plan.objects.get(pk=plan.pk))  # submitted, half signed
    domain.sign_joint_review(plan, by=users[2], body="organisation")
    objects["rectification.Plan"].append(Plan.objects.get(pk=plan.pk))  # submitted, fully signed
    domain.approve_plan(plan, by=None)
    objects["rectification.Plan"].append(Plan.objects.get(pk=plan.pk))  # approved
    m = measures
    domain.post_progress(m[1], by=None, text="已完成", status="done")
    domain.post_progress(m[2], by=None, text="已完成", status="done")
    domain.request_sign_off(m[2], by=None)
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
    checked = {"offered": 0, "refused": 0}
    disagreements = []
    for name in names:
        action = REGISTRY[name]
        assert objects[action.model], f"no object in any state for {name}"
        for obj in objects[action.model]:
            for user in users:
                fresh = type(obj).objects.get(pk=obj.pk)
                offered = action.offered_to(user, fresh)
                try:
                    with transaction.atomic():
                        _take(name, fresh, user)
                        transaction.set_rollback(True)
                    taken = True
                except (PermissionDenied, ValidationError):
                    taken = False
                if offered != taken:
                    disagreements.append((name, obj.pk, user.username, offered, taken))
                checked["offered" if offered else "refused"] += 1
    assert disagreements == []
    assert checked["offered"] > 20 and checked["refused"] > 100
