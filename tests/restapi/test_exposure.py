"""The endpoints built from an `Exposed` declaration, on their own (a fresh API instance)."""

from datetime import date

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.rectification import domain
from xuncha.rectification.models import MeasureChange
from xuncha.restapi import exposure
from xuncha.restapi.v1 import build
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


def test_a_step_that_takes_the_object_out_of_scope_answers_204(tree):
    """A step may hand the object on, out of the caller's sight (a clue transferred, a change
    decided, for a loader that lists pending ones only): the step is taken and the answer is
    204, not a server error from reading back an object the caller may no longer see."""
    build()  # the real declarations, for the output schema and function
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problem = feedback_with_problems(inspection, 1, organisation=tree.district)[0]
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measure = domain.add_measure(plan, by=None, problems=[problem], **complete_measure_fields(tree.street))
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    change = domain.request_change(measure, by=None, reason="延期", deadline=date(2030, 1, 1))
    real = exposure.EXPOSED["rectification.MeasureChange"]
    pending_only = exposure.Exposed(
        "rectification.MeasureChange", "changes", lambda user: real.loader(user).filter(status="pending"),
        real.schema, real.out,
    )
    api = NinjaAPI(urls_namespace="exposure_probe")
    for action in actions.for_model("rectification.MeasureChange"):
        exposure._action_endpoint(api, pending_only, action)
    office = user_with_role(Role.OFFICE, tree.city)
    response = TestClient(api).post(f"/changes/{change.pk}/approve", json={}, user=office)
    assert response.status_code == 204
    assert MeasureChange.objects.get(pk=change.pk).status == "approved"
