"""A petition through API v1 with tokens: received, triaged to an immediate fix, fixed by the
unit, its reporter answered and the petition concluded; roles outside the casework get 404 or
403, ids out of the caller's scope 404, and the answer to the reporter never reaches the fixing
unit through any API response."""

import json
from datetime import date

import pytest

from tests.api_client import (
    bearer,
    fast_passwords,  # noqa: F401  (the fixture)
)
from tests.factories import OrganisationFactory
from tests.petitions.conftest import REPORTER
from xuncha.audit.models import AuditEvent
from xuncha.orgs.enums import OrgLevel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ANSWER = "整改结果已答复甲乙丙"




class Caller:
    """One token's calls, every answer kept (to search them all afterwards)."""

    def __init__(self, client, user, scope="write"):
        self.client, self.auth, self.seen = client, bearer(user, scope), []

    def keep(self, response):
        """The answer as text, JSON escapes undone (a name in \\u escapes is still a name)."""
        try:
            self.seen.append(json.dumps(response.json(), ensure_ascii=False))
        except ValueError:
            self.seen.append(response.content.decode())
        return response

    def get(self, url):
        return self.keep(self.client.get(f"/api/v1{url}", **self.auth))

    def post(self, url, payload=None):
        return self.keep(self.client.post(
            f"/api/v1{url}", json.dumps(payload or {}), content_type="application/json", **self.auth
        ))


def test_a_petition_from_receipt_to_the_answer_through_the_api(world, client):
    users, tree, inspection = world["users"], world["tree"], world["inspection"]
    office, team, unit = (Caller(client, users[k]) for k in ("office", "team", "unit"))
    liaison, discipline = Caller(client, users["liaison"]), Caller(client, users["discipline"])

    received = office.post(f"/inspections/{inspection.pk}/petitions", {
        "channel": "letter", "received_on": "2021-01-15",
        "content": f"反映社区违规发放补贴，举报人{REPORTER.name}，电话{REPORTER.phone}。",
        "reporter_name": REPORTER.name, "reporter_phone": REPORTER.phone,
    })
    assert received.status_code == 201, received.content
    petition = received.json()
    assert petition["reporter"] == "sealed" and petition["status"] == "received"
    assert "社区违规发放补贴" in petition["content"]  # positive control: the text is there
    assert REPORTER.name not in office.seen[-1] and REPORTER.phone not in office.seen[-1]
    assert set(petition["actions"]) == {"to_clue", "to_finding", "to_fix", "refuse"}
    url = f"/petitions/{petition['id']}"

    # roles outside the casework: the petition does not exist for them
    assert unit.get(url).status_code == 404 and liaison.get(url).status_code == 404
    assert discipline.post(f"{url}/refuse", {"reason": "x"}).status_code == 404
    assert Caller(client, users["office"], scope="read").post(f"{url}/refuse", {"reason": "x"}).status_code == 403
    assert Caller(client, users["outsider"]).post(f"{url}/to_fix", {}).status_code == 404
    # a unit out of the caller's scope is 404, as the object itself would be
    elsewhere = OrganisationFactory(name="中共泉州市委员会", level=OrgLevel.CITY)
    fix_in = {"organisation": elsewhere.pk, "description": f"据{REPORTER.name}反映，请立即整改补贴发放。",
              "handed_over_on": "2021-01-16", "deadline": "2021-01-31"}
    assert office.post(f"{url}/to_fix", fix_in).status_code == 404
    assert office.post(f"{url}/conclude", {"reply": "x", "on": "2021-02-01"}).status_code == 400  # not yet

    triaged = office.post(f"{url}/to_fix", {**fix_in, "organisation": tree.street.pk})
    assert triaged.status_code == 200, triaged.content
    assert triaged.json()["status"] == "triaged" and triaged.json()["outcome"] == "immediate_fix"
    assert triaged.json()["actions"] == ["conclude"]

    fixes = unit.get(f"/fixes?inspection={inspection.pk}").json()["items"]
    assert len(fixes) == 1 and "请立即整改补贴发放" in fixes[0]["description"]
    fix_url = f"/fixes/{fixes[0]['id']}"
    fix = unit.get(fix_url).json()
    assert fix["actions"] == ["record_result"] and fix["petition_id"] is None  # the unit is not told the petition
    assert REPORTER.name not in fix["description"]
    assert unit.post(f"{fix_url}/answer", {"answer": ANSWER, "on": "2021-01-22"}).status_code == 403
    done = unit.post(f"{fix_url}/record_result", {"result": "已追回补贴", "on": "2021-01-20"})
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert unit.post(f"{fix_url}/record_result", {"result": "再次", "on": "2021-01-21"}).status_code == 400

    answered = office.post(f"{fix_url}/answer", {"answer": ANSWER, "on": "2021-01-22"})
    assert answered.status_code == 200, answered.content
    assert answered.json()["answer_to_reporter"] == ANSWER and answered.json()["petition_id"] == petition["id"]
    concluded = office.post(f"{url}/conclude", {"reply": "已答复反映人", "on": "2021-02-01"})
    assert concluded.json()["status"] == "concluded" and concluded.json()["actions"] == []

    # the fixing unit never reads the answer: not in its detail, its list, nor any step's answer
    after = unit.get(fix_url).json()
    assert after["answer_to_reporter"] is None and after["answered_on"] is None and after["status"] == "done"
    unit.get("/fixes"), unit.get("/petitions"), unit.get(url)
    assert not any(ANSWER in body for body in unit.seen)
    assert any(ANSWER in body for body in office.seen)  # positive control
    assert team.get(fix_url).json()["answer_to_reporter"] == ANSWER  # the casework reads it

    # the identity: never in a detail or a list; opened only by a logged reveal of a reader
    for caller in (office, team):
        caller.get(url), caller.get("/petitions"), caller.get("/fixes")
    assert not any(REPORTER.phone in body for caller in (office, team, unit) for body in caller.seen)
    assert any("请立即整改补贴发放" in body for body in unit.seen)  # positive control
    assert team.post(f"{url}/reveal", {"category": "reply", "reason": "答复"}).status_code == 403
    revealed = office.post(f"{url}/reveal", {"category": "reply", "reason": "答复前核对"})
    assert revealed.json()["phone"] == REPORTER.phone
    assert AuditEvent.objects.filter(action="petitions.identity.revealed").count() == 1
    assert AuditEvent.objects.filter(action="petitions.fix.answered", actor=users["office"]).count() == 1


def test_a_fix_not_from_a_petition_is_handed_over_through_the_api(world, client):
    users, tree, inspection = world["users"], world["tree"], world["inspection"]
    office, unit = Caller(client, users["office"]), Caller(client, users["unit"])
    fix_in = {"organisation": tree.street.pk, "description": "台账不全，请立即整改",
              "handed_over_on": "2021-01-16", "deadline": "2021-01-31"}
    assert unit.post(f"/inspections/{inspection.pk}/fixes", fix_in).status_code == 404  # not its inspection
    made = office.post(f"/inspections/{inspection.pk}/fixes", fix_in)
    assert made.status_code == 201, made.content
    fix = made.json()
    assert fix["petition_id"] is None and fix["deadline"] == str(date(2021, 1, 31))
    seen = unit.get(f"/fixes/{fix['id']}").json()
    assert seen["actions"] == ["record_result"]  # no reporter to answer
