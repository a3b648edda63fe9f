from datetime import date

import pytest

from tests.factories import dated_inspection, feedback_with_problems, user_with_role
from tests.html_forms import shown_value, unchanged_post
from xuncha.accounts.enums import Role
from xuncha.rectification import domain
from xuncha.reports.models import ReportDraft

pytestmark = pytest.mark.django_db


def test_reading_the_report_page_writes_no_draft_and_saving_does(tree, client):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    feedback_with_problems(inspection, 1, organisation=tree.district)
    domain.start_plan(inspection, by=None, organisation=tree.district)
    url = f"/reports/inspection/{inspection.pk}/org/{tree.district.pk}/"
    client.force_login(user_with_role(Role.DISCIPLINE_REVIEWER, tree.city))
    assert client.get(url).status_code == 200
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is not None
    assert ReportDraft.objects.count() == 0
    response = client.post(url, {"version": "1", "shape": "problem", "next_steps": "持续整改"})
    assert response.status_code == 302
    assert ReportDraft.objects.get().next_steps == "持续整改"


def test_draft_date_of_issue_is_shown_and_kept_when_saved_unchanged(tree, client):
    """The bug of issue 14: zh-hans rendered "2026/12/05" into the date input, which showed it
    empty, and saving again dropped the date."""
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    feedback_with_problems(inspection, 1, organisation=tree.district)
    domain.start_plan(inspection, by=None, organisation=tree.district)
    ReportDraft.objects.create(
        inspection=inspection, organisation=tree.district, next_steps="持续整改", issued_on=date(2026, 12, 5)
    )
    url = f"/reports/inspection/{inspection.pk}/org/{tree.district.pk}/"
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(url, headers={"accept-language": "zh-hans"})
    assert shown_value(page, "issued_on") == "2026-12-05"
    assert client.post(url, unchanged_post(page, "issued_on")).status_code == 302
    draft = ReportDraft.objects.get()
    assert draft.issued_on == date(2026, 12, 5) and draft.version == 2  # saved, date kept
