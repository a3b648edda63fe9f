"""The feedback tree editor's domain: numbers from position, moves, the delete guard,
correction sessions (several edits, one reason, one version), versions compared, and the tree
built from pasted text (all or nothing)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import dated_inspection, user_with_role
from xuncha import tallies
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.findings import domain, versions
from xuncha.findings import tree as editing
from xuncha.findings.models import Aspect, FeedbackRevision, Item, Problem
from xuncha.findings.paste import read_feedback, save_pasted_feedback
from xuncha.rectification.models import Measure, Plan

pytestmark = pytest.mark.django_db
BEFORE = date(2000, 1, 1)
PASTED = (
    "巡察组反馈意见如下：\n"
    "（一）落实党的理论和路线方针政策、党中央重大决策部署方面\n"
    "1．学习贯彻习近平新时代中国特色社会主义思想还有落差\n"
    "（1）学习还不够到位。理论学习中心组学习流于形式，以干代学现象仍然存在。\n"
    "（2）\u00a0贯彻落实不够有力。部分决策部署落实打折扣。\n"
    "2.推动经济高质量发展有短板\n"
    "(3)营商环境优化不够。审批事项办理时限偏长。\n"
    "（二）落实全面从严治党战略部署方面\n"
    "1.主体责任落实仍有差距\n"
    "（4）履行“一岗双责”不够严格。\n"
    "（5）监督检查流于形式。\n"
)


@pytest.fixture
def draft(tree):
    return dated_inspection(tree, feedback_on=date(2099, 6, 25))


@pytest.fixture
def frozen(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    first = domain.add_aspect(inspection, by=None, title="落实党的理论方面", today=BEFORE)
    item = domain.add_item(first, by=None, title="学习贯彻还有落差", today=BEFORE)
    domain.add_problem(inspection, by=None, aspect=first, item=item, title="学习不够", today=BEFORE)
    second = domain.add_aspect(inspection, by=None, title="落实全面从严治党方面", today=BEFORE)
    domain.add_problem(inspection, by=None, aspect=second, title="一岗双责不严", today=BEFORE)
    return inspection


def _numbers(inspection):
    return (
        [(a.number, a.title) for a in Aspect.objects.filter(inspection=inspection).order_by("position")],
        [(p.number, p.title) for p in Problem.objects.filter(inspection=inspection).order_by("position")],
    )


def test_typed_numbers_are_stripped_and_the_tree_is_numbered_from_position(draft):
    first = domain.add_aspect(draft, by=None, title="（一）一、落实党的理论和路线方针政策方面")
    item = domain.add_item(first, by=None, title="1．学习贯彻还有落差")
    problem = domain.add_problem(draft, by=None, aspect=first, item=item, title="（1）1.学习还不够到位")
    assert (first.number, first.title) == ("一", "落实党的理论和路线方针政策方面")
    assert (item.number, item.title) == ("1", "学习贯彻还有落差")
    assert (problem.number, problem.title) == ("1", "学习还不够到位")
    with pytest.raises(ValidationError):
        domain.add_aspect(draft, by=None, title="（二）")  # nothing but a number


def test_problems_are_numbered_across_the_tree_in_its_order(draft):
    first = domain.add_aspect(draft, by=None, title="方面甲")
    second = domain.add_aspect(draft, by=None, title="方面乙")
    late = domain.add_problem(draft, by=None, aspect=second, title="乙的问题")
    early = domain.add_problem(draft, by=None, aspect=first, title="甲的问题")
    late.refresh_from_db()
    assert (early.number, late.number) == ("1", "2")  # the tree's order, not the order typed


def test_moving_a_node_renumbers_the_tree(draft):
    first = domain.add_aspect(draft, by=None, title="方面甲")
    second = domain.add_aspect(draft, by=None, title="方面乙")
    domain.add_problem(draft, by=None, aspect=first, title="甲一")
    domain.add_problem(draft, by=None, aspect=first, title="甲二")
    domain.add_problem(draft, by=None, aspect=second, title="乙一")
    editing.move_node(second, by=None, direction="up")
    assert _numbers(draft) == ([("一", "方面乙"), ("二", "方面甲")], [("1", "乙一"), ("2", "甲一"), ("3", "甲二")])
    editing.move_node(Problem.objects.get(title="甲一"), by=None, direction="down")
    editing.move_node(Problem.objects.get(title="乙一"), by=None, direction="down")  # last of its aspect: stays
    assert _numbers(draft)[1] == [("1", "乙一"), ("2", "甲二"), ("3", "甲一")]
    with pytest.raises(ValidationError):
        editing.move_node(second, by=None, direction="sideways")


def test_a_problem_with_rectification_is_never_deleted(tree, draft):
    aspect = domain.add_aspect(draft, by=None, title="方面甲")
    kept = domain.add_problem(draft, by=None, aspect=aspect, title="已有措施的问题")
    plan = Plan.objects.create(inspection=draft, organisation=tree.district)
    Measure.objects.create(plan=plan, number=1, content="措施").problems.add(kept)
    tallies.inspection_changed(draft.pk)
    for node in (kept, aspect):
        with pytest.raises(ValidationError, match="已有整改措施"):
            editing.delete_node(node, by=None)
    assert Problem.objects.filter(pk=kept.pk).exists() and Aspect.objects.filter(pk=aspect.pk).exists()


def test_deleting_an_aspect_takes_its_items_and_problems_and_keeps_their_history(draft):
    first = domain.add_aspect(draft, by=None, title="方面甲")
    item = domain.add_item(first, by=None, title="项甲")
    gone = domain.add_problem(draft, by=None, aspect=first, item=item, title="甲的问题")
    second = domain.add_aspect(draft, by=None, title="方面乙")
    domain.add_problem(draft, by=None, aspect=second, title="乙的问题")
    editing.delete_node(first, by=None)
    assert _numbers(draft) == ([("一", "方面乙")], [("1", "乙的问题")])
    assert not Item.objects.filter(pk=item.pk).exists()
    assert Problem.history.filter(id=gone.pk, history_type="-").exists()
    assert AuditEvent.objects.filter(action="findings.aspect.deleted").exists()


def test_a_correction_session_gathers_several_edits_into_one_version(tree, frozen):
    office = user_with_role(Role.OFFICE, tree.city)
    first, second = Aspect.objects.filter(inspection=frozen).order_by("position")
    with pytest.raises(ValidationError, match="冻结"):
        editing.update_node(first, by=office, title="改过的方面")  # no session: refused
    session = editing.open_correction(frozen, by=office)
    assert session.version == 2 and editing.feedback_version(frozen) == 1
    editing.update_node(first, by=office, title="落实党的理论和路线方针政策方面")
    domain.add_problem(frozen, by=office, aspect=second, title="（3）漏列的问题")
    editing.move_node(second, by=office, direction="up")
    editing.delete_node(Problem.objects.get(title="学习不够"), by=office)
    assert editing.feedback_version(frozen) == 1  # still open
    closed = editing.close_correction(frozen, by=office, reason="补充漏列问题并更正表述")
    assert FeedbackRevision.objects.filter(inspection=frozen).count() == 1
    assert (closed.version, closed.reason, closed.made_by) == (2, "补充漏列问题并更正表述", office)
    assert editing.feedback_version(frozen) == 2
    assert Problem.objects.get(title="漏列的问题").history.first().history_change_reason == "补充漏列问题并更正表述"
    assert AuditEvent.objects.filter(action="findings.feedback.corrected").count() == 1


def test_a_correction_closes_only_with_a_reason_and_a_change(tree, frozen):
    office = user_with_role(Role.OFFICE, tree.city)
    editing.open_correction(frozen, by=office)
    with pytest.raises(ValidationError):
        editing.open_correction(frozen, by=office)  # one at a time
    with pytest.raises(ValidationError):
        editing.close_correction(frozen, by=office, reason="无改动")  # nothing changed
    editing.discard_correction(frozen, by=office)
    assert not FeedbackRevision.objects.filter(inspection=frozen).exists()
    editing.open_correction(frozen, by=office)
    domain.add_aspect(frozen, by=office, title="补充的方面")
    with pytest.raises(ValidationError):
        editing.discard_correction(frozen, by=office)  # changed: close it with a reason
    with pytest.raises(ValidationError):
        editing.close_correction(frozen, by=office, reason="  ")
    assert editing.close_correction(frozen, by=office, reason="补充").version == 2


def test_every_version_is_kept_and_compared_with_the_previous(tree, frozen):
    office = user_with_role(Role.OFFICE, tree.city)
    editing.open_correction(frozen, by=office)
    first, second = Aspect.objects.filter(inspection=frozen).order_by("position")
    editing.update_node(first, by=office, title="落实党的理论和路线方针政策方面")
    domain.add_problem(frozen, by=office, aspect=second, title="新增的问题")
    editing.delete_node(Problem.objects.get(title="一岗双责不严"), by=office)
    editing.close_correction(frozen, by=office, reason="更正")
    editing.open_correction(frozen, by=office)
    editing.move_node(Aspect.objects.get(pk=second.pk), by=office, direction="up")
    editing.close_correction(frozen, by=office, reason="调整顺序")

    original = versions.version(frozen, 1)
    assert [a["title"] for a in original.tree] == ["落实党的理论方面", "落实全面从严治党方面"]
    assert original.changes is None
    v2 = versions.version(frozen, 2)
    found = {(c.change, c.kind, c.title) for c in v2.changes}
    assert found == {
        ("changed", "aspect", "落实党的理论和路线方针政策方面"),
        ("added", "problem", "新增的问题"),
        ("removed", "problem", "一岗双责不严"),
    }
    renamed = next(c for c in v2.changes if c.change == "changed")
    assert renamed.was == {"title": "落实党的理论方面"}
    v3 = versions.version(frozen, 3)
    assert v3.edits == [] and {c.change for c in v3.changes} == {"renumbered"}  # a move only renumbers
    assert {(c.kind, c.label, c.was.get("label")) for c in v3.changes if c.kind == "aspect"} == {
        ("aspect", "（一）", "（二）"),
        ("aspect", "（二）", "（一）"),
    }
    assert versions.version(frozen, 4) is None


def test_pasted_feedback_is_read_for_review_and_saved_whole(draft):
    pasted = read_feedback(PASTED)
    assert pasted.counts == {"aspects": 2, "items": 3, "problems": 5}
    preview = pasted.preview()
    assert preview[0]["label"] == "（一）" and preview[0]["items"][1]["label"] == "2."
    assert preview[0]["items"][0]["problems"][0] == {
        "label": "（1）",
        "title": "学习还不够到位",
        "text": "理论学习中心组学习流于形式，以干代学现象仍然存在。",
    }
    assert not Aspect.objects.filter(inspection=draft).exists()  # reading saves nothing
    save_pasted_feedback(draft, by=None, text=PASTED)
    aspects, problems = _numbers(draft)
    assert aspects == [
        ("一", "落实党的理论和路线方针政策、党中央重大决策部署方面"),
        ("二", "落实全面从严治党战略部署方面"),
    ]
    assert problems[1] == ("2", "贯彻落实不够有力") and problems[3] == ("4", "履行“一岗双责”不够严格")
    assert Item.objects.filter(aspect__inspection=draft).count() == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请粘贴"),
        ("这是一段没有编号的文字。\n第二段文字。", "未能识别"),
        ("（一）有问题的方面\n1.项\n（1）问题一。\n（二）空的方面\n", "没有问题"),
    ],
)
def test_bad_pasted_text_is_refused_in_chinese_and_saves_nothing(draft, text, message):
    with pytest.raises(ValidationError, match=message):
        save_pasted_feedback(draft, by=None, text=text)
    assert not Aspect.objects.filter(inspection=draft).exists()
    assert not Problem.objects.filter(inspection=draft).exists()
