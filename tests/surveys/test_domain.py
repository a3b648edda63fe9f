"""Building and editing questionnaires: templates copied with their conditions, questions frozen
once answered, new versions, opening and closing, and who may do it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.surveys.conftest import option, question, shipped
from xuncha.audit.models import AuditEvent
from xuncha.surveys import domain
from xuncha.surveys.models import Questionnaire, Window
from xuncha.surveys.starters import SHIPPED, ensure_shipped_templates

pytestmark = pytest.mark.django_db


def test_three_templates_are_shipped_one_of_each_kind():
    ensure_shipped_templates()  # made by a migration, unless a transactional test flushed them
    kinds = sorted(Questionnaire.objects.filter(is_template=True, owner__isnull=True).values_list("kind", flat=True))
    assert kinds == ["democratic", "reverse", "satisfaction"]
    assert ensure_shipped_templates() == 0  # idempotent
    for title, _kind, _intro, questions in SHIPPED:
        template = Questionnaire.objects.get(title=title)
        assert template.questions.count() == len(questions)
        assert template.questions.filter(show_if__isnull=False).count() == 1  # each has a follow-up


def test_built_from_a_template_the_follow_up_points_at_the_copy(world):
    q = world["questionnaire"]
    follow_up = question(q, 8)
    assert follow_up.show_if == option(q, 7, "是")
    assert follow_up.show_if.question.questionnaire == q  # not the template's option
    assert q.owner == world["tree"].city and not q.is_template


def test_a_questionnaire_never_opened_is_not_frozen(world):
    office = world["users"]["office"]
    q = domain.create_questionnaire(by=office, owner=world["tree"].city, title="未开放", kind="satisfaction")
    assert not q.is_frozen
    domain.add_question(q, by=office, text="是否满意", kind="single", options=["满意", "不满意"])
    assert q.questions.count() == 1


def test_add_reorder_and_refuse_a_follow_up_above_its_question(world):
    office = world["users"]["office"]
    q = domain.create_questionnaire(by=office, owner=world["tree"].city, title="满意度", kind="satisfaction")
    first = domain.add_question(q, by=office, text="是否满意", kind="single", options=["满意", "不满意"])
    second = domain.add_question(q, by=office, text="为什么", kind="text", show_if=first.options.get(text="不满意"))
    third = domain.add_question(q, by=office, text="打分", kind="scale", scale_max=10, required=False)
    domain.move_question(third, by=office, up=True)
    assert list(q.questions.values_list("text", flat=True)) == ["是否满意", "打分", "为什么"]
    domain.move_question(first, by=office, up=False)  # swaps with 打分
    with pytest.raises(ValidationError, match="之后"):
        domain.move_question(second, by=office, up=True)  # would pass above 是否满意
    assert list(q.questions.values_list("text", flat=True)) == ["打分", "是否满意", "为什么"]
    with pytest.raises(ValidationError):
        domain.delete_question(first, by=office)  # 为什么 depends on it
    with pytest.raises(ValidationError):
        domain.add_question(q, by=office, text="只有一个选项", kind="single", options=["是"])


def test_follow_up_must_depend_on_an_earlier_choice_question_of_the_same_questionnaire(world):
    office = world["users"]["office"]
    other = domain.create_questionnaire(by=office, owner=world["tree"].city, title="另一份", kind="satisfaction")
    with pytest.raises(ValidationError):
        domain.add_question(other, by=office, text="追问", kind="text", show_if=option(world["questionnaire"], 7, "是"))


def test_opened_questionnaire_is_frozen_before_anyone_answers_and_copied_as_a_new_version(world):
    """People may be filling the form: its questions and answers cannot change under them, nor
    a question be deleted (whose answers would then be refused by the database)."""
    office, q = world["users"]["office"], world["questionnaire"]  # opened, no response yet
    assert q.is_frozen
    with pytest.raises(ValidationError, match="复制为新版本"):
        domain.add_question(q, by=office, text="新题", kind="text")
    with pytest.raises(ValidationError, match="已在码上巡页面开放"):
        domain.update_question(question(q, 6), by=office, text="总体评价", kind="single", required=True,
                               options=["好", "差"])
    with pytest.raises(ValidationError):
        domain.delete_question(question(q, 9), by=office)
    with pytest.raises(ValidationError):
        domain.move_question(question(q, 2), by=office, up=False)
    assert [o.text for o in question(q, 6).options.all()] == ["好", "较好", "一般", "差"]
    assert q.questions.count() == 9
    copy = domain.copy_as_new_version(q, by=office)
    assert (copy.version, copy.previous, copy.questions.count()) == (2, q, q.questions.count())
    assert question(copy, 8).show_if == option(copy, 7, "是")
    domain.add_question(copy, by=office, text="新题", kind="text", required=False)
    assert copy.questions.count() == q.questions.count() + 1


def test_shipped_template_cannot_be_changed_or_opened(world):
    office = world["users"]["office"]
    template = shipped("reverse")
    with pytest.raises((ValidationError, PermissionDenied)):
        domain.add_question(template, by=office, text="新题", kind="text")
    today = timezone.localdate()
    with pytest.raises((ValidationError, PermissionDenied)):
        domain.open_windows(
            template, by=office, inspection=world["inspection"], pages=[world["page"]], opens_on=today, closes_on=today
        )


def test_another_district_office_may_not_edit_or_open(world):
    outsider, q = world["users"]["outsider"], world["questionnaire"]
    with pytest.raises(PermissionDenied):
        domain.add_question(q, by=outsider, text="新题", kind="text")
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        domain.open_windows(
            q, by=outsider, inspection=world["inspection"], pages=[world["page"]], opens_on=today, closes_on=today
        )
    with pytest.raises(PermissionDenied):
        domain.create_questionnaire(by=outsider, owner=world["tree"].city, title="越权", kind="democratic")


def test_open_again_moves_the_dates_and_bad_dates_change_nothing(world):
    office, q, window = world["users"]["office"], world["questionnaire"], world["window"]
    today = timezone.localdate()
    domain.close_window(window, by=office)
    window.refresh_from_db()
    assert window.state() == "closed"
    with pytest.raises(ValidationError):
        domain.close_window(window, by=office)  # already closed
    with pytest.raises(ValidationError):
        domain.open_windows(
            q, by=office, inspection=world["inspection"], pages=[world["page"]], opens_on=today,
            closes_on=today - timedelta(days=1),
        )
    domain.open_windows(
        q, by=office, inspection=world["inspection"], pages=[world["page"]], opens_on=today,
        closes_on=today + timedelta(days=3),
    )
    window.refresh_from_db()
    assert Window.objects.count() == 1 and window.state() == "open" and window.closed_at is None
    assert AuditEvent.objects.filter(action="surveys.window.opened").count() == 2
    assert AuditEvent.objects.filter(action="surveys.window.closed").count() == 1
