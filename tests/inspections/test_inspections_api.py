"""The inspection's own steps through the API with tokens: a stale edit is 409, a reading and a
reply (with files checked by content) are the team's, the inspected side gets 404 for the
information requests it never sees."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api_client import (
    bearer,
    fast_passwords,  # noqa: F401  (the fixture)
)
from tests.factories import PersonFactory, UserFactory, dated_inspection, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.inspections.domain import add_indicator, create_information_request
from xuncha.inspections.models import InformationRequest
from xuncha.staffing.domain import assign_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]




def test_the_inspections_own_steps_through_the_api(tree, client):
    inspection = dated_inspection(tree)
    office = bearer(user_with_role(Role.OFFICE, tree.city))
    person = PersonFactory(organisation=tree.city)
    member_user = UserFactory(organisation=tree.city, person=person)
    grant_role(by=None, grantee=member_user, role=Role.TEAM_MEMBER, organisation=tree.city)
    assign_member(inspection, by=None, person=person, role="member")
    team, liaison = bearer(member_user), bearer(user_with_role(Role.LIAISON, tree.district))

    url = f"/api/v1/inspections/{inspection.pk}"
    fresh = {"version": inspection.version, "title": "对思明区委的常规巡察"}
    response = client.post(f"{url}/update", json.dumps(fresh), content_type="application/json", **office)
    assert response.status_code == 200 and response.json()["title"] == "对思明区委的常规巡察"
    stale = client.post(f"{url}/update", json.dumps(fresh), content_type="application/json", **office)
    assert stale.status_code == 409
    assert client.post(f"{url}/update", json.dumps(fresh), content_type="application/json", **team).status_code == 403

    indicator = add_indicator(inspection, by=None, name="去化率", unit="万平方米", baseline=Decimal("782.61"))
    reading = {"on": "2021-03-01", "value": "467.54"}
    response = client.post(
        f"/api/v1/indicators/{indicator.pk}/record_reading", json.dumps(reading), content_type="application/json",
        **team,
    )
    assert response.status_code == 200 and Decimal(response.json()["rate"]) == Decimal("59.74")

    ask = create_information_request(
        inspection, by=None, recipient_kind="audit", subject="审计情况", sent_on=date(2021, 1, 1),
        due_on=date(2021, 1, 10),
    )
    reply_url = f"/api/v1/information-requests/{ask.pk}/record_reply"
    assert client.get(f"/api/v1/information-requests/{ask.pk}", **liaison).status_code == 404
    assert client.post(reply_url, {"replied_on": "2021-01-05", "reply": "见附件"}, **liaison).status_code == 404
    fake = SimpleUploadedFile("回复.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    refused = client.post(reply_url, {"replied_on": "2021-01-05", "reply": "见附件", "files": fake}, **team)
    assert refused.status_code == 400 and InformationRequest.objects.get(pk=ask.pk).replied_on is None
    real = SimpleUploadedFile("回复.pdf", b"%PDF-1.4\n%well-formed head\n", content_type="application/pdf")
    done = client.post(reply_url, {"replied_on": "2021-01-05", "reply": "见附件", "files": real}, **team)
    assert done.status_code == 200 and len(done.json()["files"]) == 1 and done.json()["actions"] == []
    again = client.post(reply_url, {"replied_on": "2021-01-06", "reply": "覆盖"}, **team)
    assert again.status_code == 400 and InformationRequest.objects.get(pk=ask.pk).reply == "见附件"
