"""Evaluations through the API: the score as the page shows it, computed from the rows; the
office submits and signs off through the same steps; the liaison reads its own evaluation only
once signed off; another district's office gets 404."""

from decimal import Decimal

import pytest

from tests.api_client import bearer, post
from tests.evaluation.conftest import start
from xuncha.evaluation import domain
from xuncha.evaluation.enums import EvaluationStatus

pytestmark = pytest.mark.django_db


def test_an_evaluation_through_the_api(world, client):
    scheme = domain.create_scheme(by=None, owner=world.tree.city, title="评价办法")
    plate = domain.add_plate(scheme, by=None, name="综合", max_points=Decimal(100))
    item = domain.add_item(plate, by=None, text="综合评价", max_points=Decimal(100))
    evaluation = start(world, scheme)
    office, liaison = bearer(world.office), bearer(world.liaison)
    url = f"/api/v1/evaluations/{evaluation.pk}"

    assert client.get(url, **liaison).status_code == 404  # a draft stays with the office
    assert client.get(url, **bearer(world.other_office)).status_code == 404
    draft = client.get(url, **office).json()
    assert (draft["status"], draft["score"], draft["actions"]) == ("draft", "0.00", [])
    assert post(client, f"/evaluations/{evaluation.pk}/submit", office).status_code == 400  # no hand score yet

    domain.score_item(evaluation, by=world.office, item=item, score=Decimal(85))
    scored = client.get(url, **office).json()
    assert (scored["score"], scored["grade"], scored["actions"]) == ("85.00", "good", ["submit"])
    assert post(client, f"/evaluations/{evaluation.pk}/submit", office).status_code == 200
    assert post(client, f"/evaluations/{evaluation.pk}/sign_off", liaison).status_code == 404
    signed = post(client, f"/evaluations/{evaluation.pk}/sign_off", office)
    assert signed.status_code == 200, signed.content
    body = signed.json()
    assert (body["status"], body["signed_score"], body["signed_grade"]) == ("signed_off", "85.00", "good")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SIGNED_OFF
    assert client.get(url, **liaison).json()["signed_grade"] == "good"  # now the organisation reads it
