from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.factories import dated_inspection
from tests.supervision.conftest import DEADLINE, days_before
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.audit.models import AuditEvent
from xuncha.supervision import documents as domain
from xuncha.supervision.configuration import set_document_settings
from xuncha.supervision.models import Notification

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> set[str]:
    return (
        {e.code for e in error.error_list}
        if not hasattr(error, "error_dict")
        else {e.code for errors in error.error_dict.values() for e in errors}
    )


def _draft(world, kind, *, today, measures=None, addressee=None):
    return domain.draft_document(
        world.inspection,
        by=world.office,
        kind=kind,
        addressee=addressee or world.tree.district,
        measures=world.measures[:1] if measures is None else measures,
        today=today,
    )


@pytest.mark.parametrize("days", [10, 1, 0])
def test_a_reminder_is_drafted_before_the_deadline(world, days):
    document = _draft(world, "reminder", today=days_before(days))
    assert document.status == "draft" and document.plan == world.plan
    assert document.title == "关于巡察整改事项即将到期的提醒书"
    assert "即将到期" in document.body and "整改时限2025年6月30日" in document.body
    assert "中共厦门市委员会巡察工作领导小组办公室" in document.body  # default issuing body


def test_a_reminder_after_the_deadline_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        _draft(world, "reminder", today=days_before(-1))
    assert _codes(caught.value) == {"reminder_after_deadline"}


def test_a_warning_letter_before_or_on_the_deadline_is_refused(world):
    for day in (days_before(5), DEADLINE):
        with pytest.raises(ValidationError) as caught:
            _draft(world, "warning_letter", today=day)
        assert _codes(caught.value) == {"warning_before_deadline"}


def test_a_warning_letter_once_overdue_counts_the_days(world):
    document = _draft(world, "warning_letter", today=days_before(-3))
    assert "已超过整改时限仍未完成" in document.body and "已逾期3天" in document.body
    assert "现予以告诫" in document.body


def test_the_kind_rule_is_checked_again_on_the_issue_date(world):
    document = _draft(world, "reminder", today=days_before(2))
    with pytest.raises(ValidationError) as caught:
        domain.issue_document(document, by=world.office, on=days_before(-1))
    assert _codes(caught.value) == {"reminder_after_deadline"}
    document.refresh_from_db()
    assert document.status == "draft" and document.number == ""


def test_a_signed_off_measure_is_not_pressed_for(world):
    from xuncha.rectification import domain as rectification

    rectification.post_progress(world.measures[0], by=None, text="已完成", status="done")
    rectification.request_sign_off(world.measures[0], by=None)
    rectification.approve_sign_off(world.measures[0], by=None)
    with pytest.raises(ValidationError) as caught:
        _draft(world, "warning_letter", today=days_before(-3))
    assert _codes(caught.value) == {"measure_closed"}


def test_a_measure_waiting_for_sign_off_past_its_deadline_is_overdue_everywhere(world):
    """Fault found by a new user: the dashboard counted it overdue while the office was refused
    a 告诫书 for it. One rule (rectification.deadlines) now answers both."""
    from xuncha.rectification import domain as rectification
    from xuncha.rectification.figures import rectification_figures
    from xuncha.rectification.models import Measure

    measure = world.measures[0]
    rectification.post_progress(measure, by=None, text="已完成", status="done")
    rectification.request_sign_off(measure, by=None)
    today = days_before(-3)
    figures = rectification_figures(
        world.inspection.problems.all(), Measure.objects.filter(pk=measure.pk), today=today
    )
    assert figures.overdue == 1
    document = _draft(world, "warning_letter", today=today, measures=[measure])
    assert document.kind == "warning_letter"


def test_notices_and_accountability_letters_may_be_sent_any_time(world):
    for kind in ("notice", "accountability"):
        for day in (days_before(30), days_before(-30)):
            assert _draft(world, kind, today=day).kind == kind


def test_without_measures_the_plan_due_date_decides(tree):
    from xuncha.orgs.models import Organisation

    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))  # plan due 2021-08-25, none filed
    district = Organisation.objects.get(pk=tree.district.pk)

    def draft(kind, today):
        return domain.draft_document(inspection, by=None, kind=kind, addressee=district, today=today)

    assert "应于2021年8月25日前报送巡察整改方案" in draft("reminder", date(2021, 8, 25)).body
    with pytest.raises(ValidationError):
        draft("reminder", date(2021, 8, 26))
    with pytest.raises(ValidationError):
        draft("warning_letter", date(2021, 8, 25))
    assert "至今逾期未报" in draft("warning_letter", date(2021, 8, 26)).body


def test_a_filed_plan_gets_no_plan_reminder_or_warning_letter(world):
    for kind, day in (("reminder", date(2021, 8, 20)), ("warning_letter", date(2021, 9, 1))):
        with pytest.raises(ValidationError):
            _draft(world, kind, today=day, measures=[])


def test_addressee_and_measures_must_belong(world, tree):
    with pytest.raises(ValidationError) as caught:
        _draft(world, "notice", today=days_before(5), addressee=tree.other_district)
    assert _codes(caught.value) == {"addressee"}
    assert _draft(world, "notice", today=days_before(5), addressee=tree.street).addressee == tree.street
    other = dated_inspection(tree, title="另一巡察", feedback_on=date(2021, 6, 25))
    with pytest.raises(ValidationError):
        domain.draft_document(other, by=None, kind="notice", addressee=tree.district, measures=world.measures)


def test_numbers_run_per_issuer_prefix_and_year(world):
    set_document_settings(world.inspection.term, by=None, number_prefix="厦巡督", issuer_name="", answer_days=10)
    numbers = []
    for day in (date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3), date(2026, 1, 5)):
        document = _draft(world, "notice", today=day)
        numbers.append(domain.issue_document(document, by=world.office, on=day).number)
    assert numbers == ["厦巡督〔2025〕1号", "厦巡督〔2025〕2号", "厦巡督〔2025〕3号", "厦巡督〔2026〕1号"]
    last = world.inspection.supervision_documents.get(number="厦巡督〔2026〕1号")
    assert last.issued_on == date(2026, 1, 5) and last.due_on == date(2026, 1, 15)


def test_the_workflow_draft_issue_answer_return_answer_close(world, django_capture_on_commit_callbacks):
    document = _draft(world, "notice", today=days_before(5))
    with pytest.raises(ValidationError):
        domain.answer_document(document, by=world.liaison, answer="已整改")
    with django_capture_on_commit_callbacks(execute=True):
        document = domain.issue_document(document, by=world.office, on=days_before(5))
    assert list(Notification.objects.filter(document=document).values_list("user__username", flat=True)) == ["liaison"]
    with pytest.raises(ValidationError):
        domain.answer_document(document, by=world.liaison, answer=" ")
    document = domain.answer_document(document, by=world.liaison, answer="已建立台账", on=days_before(1))
    assert document.status == "answered" and document.answered_by == world.liaison
    assert Notification.objects.filter(document=document, user=world.office).exists()
    with pytest.raises(ValidationError):
        domain.return_answer(document, by=world.office, reason="")
    document = domain.return_answer(document, by=world.office, reason="未附佐证材料")
    assert document.status == "issued" and document.return_reason == "未附佐证材料"
    document = domain.answer_document(document, by=world.liaison, answer="补充佐证材料", on=days_before(0))
    document = domain.close_document(document, by=world.office, on=days_before(-1))
    assert document.status == "closed"
    with pytest.raises(ValidationError):
        domain.answer_document(document, by=world.liaison, answer="再答复")
    actions = list(
        AuditEvent.objects.filter(action__startswith="supervision.document.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "supervision.document.drafted",
        "supervision.document.issued",
        "supervision.document.answered",
        "supervision.document.answer_returned",
        "supervision.document.answered",
        "supervision.document.closed",
    ]


def test_only_a_current_draft_can_be_edited_or_discarded(world):
    document = _draft(world, "notice", today=days_before(5))
    edited = domain.update_draft(document, by=world.office, expected_version=document.version, body="改过的正文")
    with pytest.raises(ConcurrentEditError):
        domain.update_draft(document, by=world.office, expected_version=document.version, body="旧版本上的修改")
    assert edited.body == "改过的正文"
    issued = domain.issue_document(edited, by=world.office, on=days_before(5))
    with pytest.raises(ValidationError):
        domain.update_draft(issued, by=world.office, expected_version=issued.version, body="签发后修改")
    with pytest.raises(ValidationError):
        domain.discard_draft(issued, by=world.office, reason="不需要")
    spare = _draft(world, "notice", today=days_before(5))
    assert domain.discard_draft(spare, by=world.office, reason="重复").is_archived


def test_an_answer_due_before_issue_is_refused(world):
    document = _draft(world, "notice", today=days_before(20))
    with pytest.raises(ValidationError) as caught:
        domain.issue_document(document, by=world.office, on=document.due_on + timedelta(days=1))
    assert _codes(caught.value) == {"due_before_issue"}


EDGES = {  # what each action does, as (source, target)
    "issue": ("draft", "issued"),
    "answer": ("issued", "answered"),
    "return_answer": ("answered", "issued"),
    "close": ("answered", "closed"),
}
STATE_FIELDS = {
    "draft": {},
    "issued": {"issued_on": days_before(5), "prefix": "巡督", "year": 2025, "serial": 90, "number": "巡督〔2025〕90号"},
}
STATE_FIELDS["answered"] = {**STATE_FIELDS["issued"], "answered_on": days_before(4), "answer": "已整改"}
STATE_FIELDS["closed"] = {**STATE_FIELDS["answered"], "closed_on": days_before(3)}


def _act(action, document, world):
    if action == "issue":
        return domain.issue_document(document, by=world.office, on=days_before(5))
    if action == "answer":
        return domain.answer_document(document, by=world.liaison, answer="答复", on=days_before(4))
    if action == "return_answer":
        return domain.return_answer(document, by=world.office, reason="不充分")
    return domain.close_document(document, by=world.office, on=days_before(3))


@pytest.mark.parametrize("status", ["draft", "issued", "answered", "closed"])
@pytest.mark.parametrize("action", sorted(EDGES))
def test_every_action_from_every_status_follows_the_table(world, status, action):
    from xuncha.supervision.enums import DOCUMENT_TRANSITIONS
    from xuncha.supervision.models import SupervisionDocument

    document = _draft(world, "notice", today=days_before(5))
    SupervisionDocument.objects.filter(pk=document.pk).update(status=status, **STATE_FIELDS[status])
    source, target = EDGES[action]
    assert target in DOCUMENT_TRANSITIONS[source]
    if status == source:
        assert _act(action, document, world).status == target
    else:
        with pytest.raises(ValidationError) as caught:
            _act(action, document, world)
        assert _codes(caught.value) == {"status"}
        document.refresh_from_db()
        assert document.status == status


def test_the_table_has_exactly_the_edges_the_actions_take():
    from xuncha.supervision.enums import DOCUMENT_TRANSITIONS

    assert {(s, t) for s, targets in DOCUMENT_TRANSITIONS.items() for t in targets} == set(EDGES.values())
