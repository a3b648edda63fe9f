"""Leaks and gaps the review proved in planning and staffing, now closed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import PersonFactory, UserFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.inspections.domain import add_target, set_dates
from xuncha.people.models import Relative
from xuncha.staffing.domain import assign_member, evaluate

pytestmark = pytest.mark.django_db


def _entered(tree, targets=None, **kwargs):
    today = timezone.localdate()
    options = {"entry_on": today - timedelta(days=40), "exit_on": today - timedelta(days=5), **kwargs}
    return make_inspection(make_term(tree.city), targets or [tree.street], **options)


def test_evaluations_are_shown_only_to_the_office(tree, client):
    inspection = _entered(tree)
    inspector = PersonFactory(organisation=tree.other_district)
    evaluate(assign_member(inspection, by=None, person=inspector, role="member"), by=None, grade="incompetent")
    client.force_login(user_with_role(Role.DISCIPLINE_REVIEWER, tree.city))
    assert "不称职" not in client.get(f"/people/{inspector.pk}/").content.decode()
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert "不称职" in client.get(f"/people/{inspector.pk}/").content.decode()
    with pytest.raises(ValidationError):
        evaluate(inspection.team.get(), by=None, grade="bogus")


def test_evaluation_waits_until_the_team_has_left(tree):
    inspection = _entered(tree, exit_on=timezone.localdate() + timedelta(days=5))
    member = assign_member(inspection, by=None, person=PersonFactory(organisation=tree.other_district), role="member")
    with pytest.raises(ValidationError, match="撤离后"):
        evaluate(member, by=None, grade="competent")


def test_override_reason_is_not_shown_to_the_inspected_side(tree, client):
    inspection = _entered(tree)
    inspector = PersonFactory(organisation=tree.city)
    Relative.objects.create(person=inspector, name="王妻", relation="spouse", organisation=tree.street)
    assign_member(inspection, by=None, person=inspector, role="member", override_reason="其配偶王妻在该街道任职")
    client.force_login(user_with_role(Role.LIAISON, tree.street))
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert "王妻" not in page and "不予回避" not in page


def test_audit_log_names_case_records_without_their_content(tree, client):
    inspection = _entered(tree, title="对梧村街道的机密巡察")
    inspector = PersonFactory(organisation=tree.city)
    Relative.objects.create(person=inspector, name="李父", relation="parent", organisation=tree.street)
    assign_member(inspection, by=None, person=inspector, role="member", override_reason="李父已退休")
    client.force_login(user_with_role(Role.AUDITOR, tree.city))
    page = client.get("/audit/").content.decode()
    assert "回避冲突经审批仍予配备" in page  # the event, by its label (docs/security.md)
    assert "机密巡察" not in page and "李父" not in page
    assert AuditEvent.objects.get(action="staffing.member.recusal_overridden").data == {"conflict_kinds": ["relative"]}


def test_inspected_district_learns_of_the_inspection_at_entry(tree, client):
    later = make_inspection(make_term(tree.city), [tree.district], entry_on=timezone.localdate() + timedelta(days=30))
    client.force_login(user_with_role(Role.OFFICE, tree.district))
    assert client.get(f"/inspections/{later.pk}/").status_code == 404


def test_adding_a_target_rechecks_the_team(tree):
    inspection = _entered(tree, targets=[tree.other_street])
    inspector = PersonFactory(organisation=tree.community)  # works under 梧村街道
    assign_member(inspection, by=None, person=inspector, role="member")
    with pytest.raises(ValidationError, match="回避"):
        add_target(inspection, by=None, organisation=tree.street)
    assert not inspection.targets.filter(organisation=tree.street).exists()


def test_dates_cannot_be_cleared_or_moved_onto_another_assignment(tree):
    first = _entered(tree)
    second = make_inspection(
        first.term, [tree.other_street], entry_on=date(2020, 1, 1), exit_on=date(2020, 2, 1), title="另一次"
    )
    person = PersonFactory(organisation=tree.city)
    assign_member(first, by=None, person=person, role="member")
    assign_member(second, by=None, person=person, role="member")
    with pytest.raises(ValidationError, match="不能清空"):
        set_dates(first, by=None, expected_version=first.version, entry_on=None, exit_on=None, feedback_on=None)
    with pytest.raises(ValidationError, match="重叠"):
        set_dates(
            second,
            by=None,
            expected_version=second.version,
            entry_on=first.entry_on,
            exit_on=first.exit_on,
            feedback_on=None,
        )


def test_entry_must_fall_within_the_term(tree):
    term = make_term(tree.city, starts_on=date(2021, 6, 1), ends_on=date(2026, 5, 31))
    with pytest.raises(ValidationError, match="不在本届"):
        make_inspection(term, [tree.district], entry_on=date(2019, 1, 1))


def test_reply_is_recorded_once(tree):
    from xuncha.inspections.domain import create_information_request, record_reply

    inspection = _entered(tree)
    request = create_information_request(
        inspection, by=None, recipient_kind="audit", subject="审计", sent_on=date(2020, 1, 1), due_on=date(2020, 1, 10)
    )
    record_reply(request, by=None, reply="第一次", replied_on=date(2020, 1, 5))
    with pytest.raises(ValidationError, match="已登记"):
        record_reply(request, by=None, reply="覆盖", replied_on=date(2020, 1, 6))
    request.refresh_from_db()
    assert request.reply == "第一次"


def test_team_member_grant_user_without_person_sees_nothing_more(tree, client):
    user = UserFactory(organisation=tree.city)
    grant_role(by=None, grantee=user, role=Role.TEAM_MEMBER, organisation=tree.city)
    inspection = _entered(tree)
    client.force_login(user)
    assert client.get(f"/inspections/{inspection.pk}/").status_code == 404
