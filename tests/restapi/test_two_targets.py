"""The API on an inspection of two sibling organisations: the lists of measures and plans, the
inspection's problems and each problem, measure and plan answer an inspected organisation only
for its own; the office for both."""

import pytest

from tests.api_client import bearer, fast_passwords  # noqa: F401  (the fixture)
from tests.factories import OTHER_MEASURE, OTHER_PROBLEM, two_target_inspection, user_with_role
from xuncha.accounts.enums import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def _get(client, url, auth, status=200):
    response = client.get(f"/api/v1{url}", **auth)
    assert response.status_code == status, url
    return response.json()


def test_api_lists_and_records_keep_an_inspected_organisation_to_its_own(tree, client):
    two = two_target_inspection(tree)
    own_measures = {m.pk for m in two.measures["own"]}
    all_measures = own_measures | {m.pk for m in two.measures["other"]}
    own_problems = [p.pk for p in two.problems["own"]]
    other_problem, other_measure = two.problems["other"][0], two.measures["other"][0]
    inspection = f"/inspections/{two.inspection.pk}"

    office = bearer(user_with_role(Role.OFFICE, tree.city))
    assert {row["id"] for row in _get(client, "/measures?limit=500", office)["items"]} == all_measures
    assert len(_get(client, f"{inspection}", office)["problems"]) == 5
    assert _get(client, f"/problems/{other_problem.pk}", office)["title"] == other_problem.title
    assert {row["id"] for row in _get(client, "/plans", office)["items"]} == {p.pk for p in two.plans.values()}

    for role in (Role.LIAISON, Role.RESPONSIBLE_UNIT):
        auth = bearer(user_with_role(role, tree.district))
        listed = _get(client, f"/measures?limit=500&inspection={two.inspection.pk}", auth)
        assert {row["id"] for row in listed["items"]} == own_measures and listed["count"] == 3
        assert OTHER_MEASURE not in str(listed)
        assert _get(client, f"/measures?organisation={tree.other_district.pk}", auth)["count"] == 0
        assert _get(client, f"{inspection}", auth)["problems"] == own_problems
        assert _get(client, f"/problems/{own_problems[0]}", auth)["id"] == own_problems[0]
        assert OTHER_PROBLEM not in str(_get(client, f"/problems/{own_problems[0]}", auth))
        _get(client, f"/problems/{other_problem.pk}", auth, 404)
        _get(client, f"/measures/{other_measure.pk}", auth, 404)
        _get(client, f"/plans/{two.plans['other'].pk}", auth, 404)
    liaison = bearer(user_with_role(Role.LIAISON, tree.district))
    assert {row["id"] for row in _get(client, "/plans", liaison)["items"]} == {two.plans["own"].pk}
