"""A term that requires 责任人 refuses a plan whose measure names no person responsible; the
default terms do not require it (few offices fix it on each measure)."""

import pytest

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems
from xuncha.plans.enums import all_points
from xuncha.rectification import domain

pytestmark = pytest.mark.django_db


def test_the_person_responsible_is_required_only_where_the_term_says(tree):
    assert "person" not in all_points()
    inspection = dated_inspection(tree)
    problems = feedback_with_problems(inspection, 2, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    domain.add_measure(plan, by=None, problems=[problems[0]], **complete_measure_fields(tree.street))
    domain.add_measure(
        plan, by=None, problems=[problems[1]],
        **complete_measure_fields(tree.street, responsible_person="陈某某"),
    )
    inspection.term.required_points = [*all_points(), "person"]
    inspection.term.save(update_fields=["required_points"])
    with pytest.raises(domain.PlanIncomplete) as caught:
        domain.submit_plan(plan, by=None)
    assert [(g.measure, g.missing) for g in caught.value.gaps] == [(1, "责任人")]
    inspection.term.required_points = all_points()
    inspection.term.save(update_fields=["required_points"])
    assert domain.submit_plan(plan, by=None).status == "submitted"
