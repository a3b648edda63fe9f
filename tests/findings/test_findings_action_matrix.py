"""Every declared feedback step × every state it meets × every role: offering and the domain
agree. States: a draft feedback, a frozen one (a correction with a reason), an archived
inspection, a finding already promoted, an inspection whose feedback has no aspect yet."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.action_matrix import disagreements
from tests.factories import make_inspection, make_term
from tests.inspections.matrix_roles import declared, matrix_users, team_member_user
from xuncha.audit.lifecycle import archive
from xuncha.findings import domain
from xuncha.findings.models import Category, Finding, Problem
from xuncha.inspections.models import Inspection
from xuncha.staffing.domain import assign_member
from xuncha.workflow.actions import REGISTRY

pytestmark = pytest.mark.django_db
BEFORE = date(2000, 1, 1)


def _input(tree):
    def data(name, obj) -> dict:
        inspection = obj if isinstance(obj, Inspection) else obj.inspection
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
    assign_member(draft, by=None, person=team_user.person, role="member")
    problems, findings = [], []
    for inspection in (draft, frozen, gone):
        aspect = domain.add_aspect(inspection, by=None, title="落实党的理论和路线方针政策方面", today=BEFORE)
        problems.append(domain.add_problem(inspection, by=None, aspect=aspect, title="学习不够", today=BEFORE))
        findings.append(_finding(inspection, tree))
    promoted = _finding(draft, tree)
    domain.promote_finding(promoted, by=None, aspect=draft.aspects.get(), today=BEFORE)
    withdrawn = _finding(draft, tree)
    archive(withdrawn, by=None, reason="重复记录")
    findings += [_finding(bare, tree), promoted, withdrawn]
    archive(gone, by=None, reason="计划调整，撤销")
    return {
        "inspections.Inspection": [Inspection.objects.get(pk=i.pk) for i in (draft, frozen, gone)],
        "findings.Problem": [Problem.objects.get(pk=p.pk) for p in problems],
        "findings.Finding": [Finding.objects.get(pk=f.pk) for f in findings],
    }


def test_offering_taking_and_refusing_agree_for_the_feedback(tree):
    team_user = team_member_user(tree)
    objects = _world(tree, team_user)
    users = matrix_users(tree, team_user)
    names = declared("xuncha.findings.actions")
    assert len(names) == 6
    found, offered = [], {}
    for name in names:
        some, count = disagreements([name], objects[REGISTRY[name].model], users, _input(tree))
        found += some
        offered[name] = count
    assert found == []
    # the office on the draft and the frozen feedback, the team on its own draft; never archived
    assert offered == {
        "inspection.record_finding": 3, "inspection.add_aspect": 3, "inspection.add_item": 3,
        "inspection.add_problem": 3, "problem.update": 3, "finding.promote": 3,
    }
