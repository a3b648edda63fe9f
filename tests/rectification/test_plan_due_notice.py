"""When the feedback date is set, the inspected side is told that its plan is due: the liaison
of each inspected organisation still without a plan, linked to the page where the plan is
started; nobody else, and not twice for the same date."""

from datetime import date

import pytest

from tests.factories import OrganisationFactory, feedback_with_problems, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.inspections.domain import set_dates
from xuncha.rectification import domain
from xuncha.supervision.models import Notification

pytestmark = pytest.mark.django_db


def _titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", "url"))


def test_feedback_date_set_tells_the_liaisons_of_organisations_without_a_plan(tree):
    office = user_with_role(Role.OFFICE, tree.city)
    liaison = user_with_role(Role.LIAISON, tree.district)
    planned = user_with_role(Role.LIAISON, tree.other_district)
    outsider = user_with_role(Role.LIAISON, OrganisationFactory(name="集美区委"))
    unit = user_with_role(Role.RESPONSIBLE_UNIT, tree.street)
    inspection = make_inspection(
        make_term(tree.city), [tree.district, tree.other_district], entry_on=date(2021, 1, 11), exit_on=date(2021, 2, 6)
    )
    feedback_with_problems(inspection, 1, organisation=tree.district)
    feedback_with_problems(inspection, 1, organisation=tree.other_district)
    domain.start_plan(inspection, by=None, organisation=tree.other_district)

    saved = set_dates(
        inspection,
        by=office,
        expected_version=inspection.version,
        entry_on=inspection.entry_on,
        exit_on=inspection.exit_on,
        feedback_on=date(2021, 6, 25),
    )

    url = f"/rectification/inspection/{inspection.pk}/"
    told = f"{inspection.title}：已于2021年6月25日反馈巡察意见，请于2021年8月25日前报送整改方案"
    assert _titles(liaison) == [(told, url)]
    assert saved.plan_due_on == date(2021, 8, 25)
    assert _titles(planned) == [] and _titles(outsider) == [] and _titles(unit) == [] and _titles(office) == []

    # saving the dates again without changing the feedback date tells nobody again
    set_dates(
        saved,
        by=office,
        expected_version=saved.version,
        entry_on=saved.entry_on,
        exit_on=saved.exit_on,
        feedback_on=saved.feedback_on,
    )
    assert len(_titles(liaison)) == 1
