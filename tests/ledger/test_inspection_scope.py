"""Pages about one inspection read its rows without per-row permission subqueries when the user
sees the whole inspection; what they read must be exactly what the policies allow."""

import pytest

from tests.factories import OrganisationFactory, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import restrict
from xuncha.findings.models import Problem
from xuncha.rectification.queries import (
    inspection_measures,
    inspection_problems,
    measures_for_user,
    sees_whole_inspection,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "whole"),
    [
        ("office", True),
        ("discipline", True),
        ("leader", True),
        ("liaison", False),
        ("other_liaison", False),
        ("unit", False),
        ("stranger", False),
    ],
)
def test_fast_path_reads_exactly_what_the_policies_allow(case, tree, who, whole):
    users = {
        "office": case.office,
        "liaison": case.liaison,
        "other_liaison": case.other_liaison,
        "unit": case.unit,
        "discipline": user_with_role(Role.DISCIPLINE_REVIEWER, tree.city),
        "leader": user_with_role(Role.LEADERSHIP, tree.city),
        "stranger": user_with_role(Role.OFFICE, OrganisationFactory(name="别的市委")),
    }
    user = users[who]
    assert sees_whole_inspection(user, case.inspection) is whole
    expected_measures = set(
        measures_for_user(user).filter(plan__inspection=case.inspection).values_list("pk", flat=True)
    )
    expected_problems = set(
        restrict(Problem.objects.filter(inspection=case.inspection), user).values_list("pk", flat=True)
    )
    assert set(inspection_measures(user, case.inspection).values_list("pk", flat=True)) == expected_measures
    assert set(inspection_problems(user, case.inspection).values_list("pk", flat=True)) == expected_problems
    if whole:  # the whole inspection, and the policies agree
        assert len(expected_measures) == 3 and len(expected_problems) == 5
