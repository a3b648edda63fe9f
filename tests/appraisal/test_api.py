"""Appraisals through the API: the office scores items (bounds and reason checked by the same
step as the page), signs off and reopens with a reason; leadership reads; the appraised
district's office reads its own only once signed off; another district's office gets 404."""

import pytest

from tests.api_client import bearer, post
from xuncha.appraisal import domain

pytestmark = pytest.mark.django_db


def test_an_appraisal_through_the_api(world, client):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    office, district, leader = bearer(world.office), bearer(world.district_office), bearer(world.leader)
    url = f"/api/v1/appraisals/{appraisal.pk}"

    assert client.get(url, **district).status_code == 404  # a draft stays with the upper office
    assert client.get(url, **bearer(world.other_office)).status_code == 404
    draft = client.get(url, **office).json()
    assert (draft["status"], draft["total"], draft["actions"]) == ("draft", "0", ["score"])
    assert client.get(url, **leader).json()["actions"] == []

    score = f"/appraisals/{appraisal.pk}/score"
    assert post(client, score, office, {"item": world.items[0].pk, "score": "41", "reason": "超分"}).status_code == 400
    assert post(client, score, office, {"item": world.items[0].pk, "score": "40"}).status_code == 400  # no reason
    assert post(client, score, leader, {"item": world.items[0].pk, "score": "40", "reason": "越权"}).status_code == 403
    for item, points in zip(world.items, ["38", "30", "25.5"], strict=True):
        response = post(client, score, office, {"item": item.pk, "score": points, "reason": "按细则核查"})
        assert response.status_code == 200, response.content
    scored = response.json()
    assert (scored["total"], scored["grade"]) == ("93.50", "excellent")
    assert sorted(scored["actions"]) == ["score", "sign_off"]

    signed = post(client, f"/appraisals/{appraisal.pk}/sign_off", office).json()
    assert (signed["status"], signed["signed_total"], signed["signed_grade"]) == ("signed_off", "93.50", "excellent")
    assert client.get(url, **district).json()["signed_total"] == "93.50"  # now the district reads it
    assert post(client, f"/appraisals/{appraisal.pk}/reopen", office, {"reason": ""}).status_code == 400
    reopened = post(client, f"/appraisals/{appraisal.pk}/reopen", office, {"reason": "补充材料"})
    assert reopened.json()["status"] == "draft"
    assert client.get(url, **district).status_code == 404
