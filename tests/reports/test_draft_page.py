from datetime import date

import pytest

from tests.factories import dated_inspection, feedback_with_problems, user_with_role
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
