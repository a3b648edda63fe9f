"""Every declared feedback step × every state it meets × every role: offering and the domain
agree. States: a draft feedback, a frozen one (a correction with a reason), a frozen one with a
correction open that changed something and one that changed nothing, an archived inspection, a
finding already promoted, an inspection whose feedback has no aspect yet, a problem with a
measure (never deleted)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.action_matrix import disagreements
from tests.factories import make_inspection, make_term
from tests.inspections.matrix_roles import declared, matrix_users, team_member_user
from xuncha import tallies
from xuncha.audit.lifecycle import archive
from xuncha.findings import domain
from xuncha.findings import tree as tree_domain
from xuncha.findings.models import Aspect, Category, Finding, Item, Problem
from xuncha.inspections.models import Inspection
from xuncha.rectification.models import Measure, Plan
from xuncha.staffing.domain import assign_member
from xuncha.workflow.actions import REGISTRY

pytestmark = pytest.mark.django_db
BEFORE = date(2000, 1, 1)
PASTED = "（一）落实党的理论和路线方针政策方面\n1．学习贯彻还有落差\n（1）学习不够深入。以干代学。\n"


def _input(tree):
    def data(name, obj) -> dict:
        inspection = obj if isinstance(obj, Inspection) else tree_domain.inspection_of(obj)
        aspect = inspection.aspects.order_by("position").first()
        return {
            "inspection.record_finding": {
                "text": "部分党员干部学习不够深入。", "source": "talk", "category": Category.objects.first(),
                "organisation": tree.district,
            },
            "inspection.add_aspect": {"title": "落实全面从严治党战略部署方面", "correction_reason": "补充"},
            "inspection.add_item": {"aspect": aspect, "title": "主体责任落实仍有差距", "correction_reason": "补充"},
            "inspection.add_problem": {"aspect": aspect, "title": "履行一岗双责不够严格", "correction_reason": "补充"},
            "problem.update": {"title": "学习还不够到位", "text": "", "correction_reason": "文字更正"},
            "finding.promote": {"aspect": aspect, "correction_reason": "补充"},
            "inspection.paste_feedback": {"text": PASTED},
            "inspection.open_correction": {},
            "inspection.close_correction": {"reason": "文字更正"},
            "inspection.discard_correction": {},
            "aspect.update": {"title": "一、落实全面从严治党方面"},
            "item.update": {"title": "1.主体责任落实仍有差距"},
            "aspect.move": {"direction": "down"},
            "item.move": {"direction": "up"},
            "problem.move": {"direction": "down"},
            "aspect.delete": {},
            "item.delete": {},
            "problem.delete": {},
        }[name]

    return data


def _inspection(term, tree, title, year, feedback_on):
    dates = {"entry_on": date(year, 1, 11), "exit_on": date(year, 2, 6), "feedback_on": feedback_on}
    return make_inspection(term, [tree.district], title=title, **dates)


def _finding(inspection, tree):
    return domain.record_finding(
        inspection, by=None, text="以干代学现象仍然存在。", source="documents",
        category=Category.objects.first(), organisation=tree.district,
    )


def _world(tree, team_user):
    domain.ensure_default_categories()
    term = make_term(tree.city)
    draft = _inspection(term, tree, "草稿", 2021, timezone.localdate() + timedelta(days=30))
    frozen = _inspection(term, tree, "已反馈", 2022, date(2022, 6, 25))
    gone = _inspection(term, tree, "已撤", 2023, None)
    bare = _inspection(term, tree, "无方面", 2024, None)
    correcting = _inspection(term, tree, "更正中", 2019, date(2019, 6, 25))
    opened = _inspection(term, tree, "更正未改", 2018, date(2018, 6, 25))
    assign_member(draft, by=None, person=team_user.person, role="member")
    problems, findings, aspects, items = [], [], [], []
    for inspection in (draft, frozen, gone, correcting, opened):
        aspect = domain.add_aspect(inspection, by=None, title="落实党的理论和路线方针政策方面", today=BEFORE)
        problems.append(domain.add_problem(inspection, by=None, aspect=aspect, title="学习不够", today=BEFORE))
        second = domain.add_aspect(inspection, by=None, title="落实全面从严治党战略部署方面", today=BEFORE)
        item = domain.add_item(second, by=None, title="学习贯彻还有落差", today=BEFORE)
        domain.add_problem(inspection, by=None, aspect=second, item=item, title="一岗双责不严", today=BEFORE)
        aspects.append(second)
        items.append(item)
        findings.append(_finding(inspection, tree))
    for inspection in (correcting, opened):
        tree_domain.open_correction(inspection, by=None)
    tree_domain.update_node(aspects[3], by=None, title="落实党的路线方针政策方面")
    with_measure = domain.add_problem(
        draft, by=None, aspect=draft.aspects.first(), title="已有整改措施", today=BEFORE
    )
    plan = Plan.objects.create(inspection=draft, organisation=tree.district)
    Measure.objects.create(plan=plan, number=1, content="措施").problems.add(with_measure)
    tallies.inspection_changed(draft.pk)
    problems.append(with_measure)
    promoted = _finding(draft, tree)
    domain.promote_finding(promoted, by=None, aspect=draft.aspects.order_by("position").first(), today=BEFORE)
    withdrawn = _finding(draft, tree)
    archive(withdrawn, by=None, reason="重复记录")
    findings += [_finding(bare, tree), promoted, withdrawn]
    archive(gone, by=None, reason="计划调整，撤销")
    return {
        "inspections.Inspection": [
            Inspection.objects.get(pk=i.pk) for i in (draft, frozen, gone, bare, correcting, opened)
        ],
        "findings.Problem": [Problem.objects.get(pk=p.pk) for p in problems],
        "findings.Aspect": [Aspect.objects.get(pk=a.pk) for a in aspects],
        "findings.Item": [Item.objects.get(pk=i.pk) for i in items],
        "findings.Finding": [Finding.objects.get(pk=f.pk) for f in findings],
    }


def test_offering_taking_and_refusing_agree_for_the_feedback(tree):
    team_user = team_member_user(tree)
    objects = _world(tree, team_user)
    users = matrix_users(tree, team_user)
    names = declared("xuncha.findings.actions")
    assert len(names) == 18
    found, offered = [], {}
    for name in names:
        some, count = disagreements([name], objects[REGISTRY[name].model], users, _input(tree))
        found += some
        offered[name] = count
    assert found == []
    # The office on every active inspection of its scope, the team on its own draft; never
    # archived. Frozen nodes move, get reworded and deleted only in an open correction; a
    # problem with a measure is never deleted; pasting builds an empty draft only; a correction
    # closes when it changed something and is discarded when it did not.
    assert offered == {
        "inspection.record_finding": 6, "inspection.add_aspect": 6, "inspection.add_item": 5,
        "inspection.add_problem": 5, "problem.update": 7, "finding.promote": 5,
        "inspection.paste_feedback": 1, "inspection.open_correction": 1, "inspection.close_correction": 1,
        "inspection.discard_correction": 1,
        "aspect.update": 4, "aspect.move": 4, "aspect.delete": 4, "item.update": 4, "item.move": 4, "item.delete": 4,
        "problem.move": 6, "problem.delete": 4,
    }
