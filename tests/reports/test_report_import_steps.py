"""Importing an uploaded report is a declared step: offered to the office that may change the
inspection, once, and only into an inspection without feedback; the matrix agrees."""

from datetime import date
from pathlib import Path

import pytest

from tests.action_matrix import disagreements
from tests.factories import dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.reports import domain
from xuncha.reports.models import ReportUpload

pytestmark = pytest.mark.django_db

SEED_004 = Path(__file__).parent / "fixtures" / "seed_004_huli_2022.txt"


def _upload(inspection, organisation, text):
    return ReportUpload.objects.create(inspection=inspection, organisation=organisation, text=text)


def test_offering_and_taking_agree_for_report_imports(tree):
    text = SEED_004.read_text()
    fresh = _upload(dated_inspection(tree, feedback_on=date(2021, 6, 25)), tree.district, text)
    imported = _upload(dated_inspection(tree, feedback_on=date(2021, 6, 25)), tree.district, text)
    domain.import_upload(imported, by=None)
    with_feedback = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    feedback_with_problems(with_feedback, 1, organisation=tree.district)
    blocked = _upload(with_feedback, tree.district, text)
    users = [
        user_with_role(Role.OFFICE, tree.city),
        user_with_role(Role.LIAISON, tree.district),
        user_with_role(Role.LEADERSHIP, tree.city),
        user_with_role(Role.DISCIPLINE_REVIEWER, tree.city),
    ]
    found, offered = disagreements(
        ["report.correct", "report.import"], [fresh, imported, blocked], users, lambda name, obj: {"text": obj.text}
    )
    assert found == [] and offered == 3  # the office: correct and import the fresh one, correct the blocked one


def test_a_correction_is_recorded_and_an_import_closes_the_upload(tree):
    office = user_with_role(Role.OFFICE, tree.city)
    upload = _upload(dated_inspection(tree, feedback_on=date(2021, 6, 25)), tree.district, SEED_004.read_text())
    domain.correct_text(upload, by=office, text=upload.text.replace("老旧小区", "老旧小区 "))
    assert AuditEvent.objects.filter(action="reports.upload.corrected", object_id=str(upload.pk)).count() == 1
    domain.import_upload(upload, by=office)
    upload.refresh_from_db()
    assert upload.imported_at is not None and upload.inspection.problems.count() == 35
