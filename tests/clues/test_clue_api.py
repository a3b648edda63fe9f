"""A clue driven end to end through the API with tokens: record → two signatures by two
people → transfer → receipt confirmed by the discipline reviewer → handling → conclusion with
dispositions → result reported back; the organisation-department reviewer never finds it, and
the API's list of clues never carries a reporter's identity."""

import json
from datetime import date

import pytest

from tests.api_client import (
    bearer,
    fast_passwords,  # noqa: F401  (the fixture)
    post,
)
from tests.factories import OrganisationFactory, dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.clues.models import Clue
from xuncha.orgs.enums import OrgKind
from xuncha.petitions.domain import receive_petition
from xuncha.petitions.identity import Identity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]
REPORTER, PHONE = "举报人王小明", "13800009999"





def test_a_clue_through_the_api_from_record_to_report_back(tree, client):
    inspection = dated_inspection(tree)
    commission = OrganisationFactory(parent=tree.city, name="市纪委监委", kind=OrgKind.DISCIPLINE_COMMISSION)
    department = OrganisationFactory(parent=tree.city, name="市委组织部", kind=OrgKind.ORGANISATION_DEPARTMENT)
    outside = OrganisationFactory(name="泉州市纪委监委", kind=OrgKind.DISCIPLINE_COMMISSION)  # another city
    office_user = user_with_role(Role.OFFICE, tree.city)
    office, second = bearer(office_user), bearer(user_with_role(Role.OFFICE, tree.city))
    discipline = bearer(user_with_role(Role.DISCIPLINE_REVIEWER, commission))
    organisation = bearer(user_with_role(Role.ORGANISATION_REVIEWER, tree.city))
    narrow_office = bearer(user_with_role(Role.OFFICE, tree.district))
    petition = receive_petition(
        inspection, by=None, channel="letter", received_on=date(2021, 1, 15), content="反映问题",
        identity=Identity(name=REPORTER, phone=PHONE),
    )

    response = post(client, f"/api/v1/inspections/{inspection.pk}/clues", office, {
        "allegation": "反映某科长违规收受购物卡", "source": "talk", "received_on": "2021-01-20",
        "persons": [{"name": "丁某", "rank": "section"}, {"name": "戊某"}],
    })
    assert response.status_code == 201, response.content
    clue = response.json()
    url = f"/api/v1/clues/{clue['id']}"
    assert clue["status"] == "received" and "sign" in clue["actions"] and "transfer" not in clue["actions"]
    Clue.objects.filter(pk=clue["id"]).update(allegation=f"{REPORTER}（电话{PHONE}）反映某科长违规收受购物卡")
    petition.clue_id = clue["id"]
    petition.save(update_fields=["clue"])  # now built on a petition whose reporter is named in it

    assert post(client, f"{url}/transfer", office, {"receiving_body": commission.pk,
                                                   "receiving_kind": "discipline"}).status_code == 400
    assert post(client, f"{url}/sign", office).json()["signatures"] == 1
    again = post(client, f"{url}/sign", office)
    assert again.status_code in (400, 403) and Clue.objects.get(pk=clue["id"]).signatures.count() == 1
    signed = post(client, f"{url}/sign", second).json()
    assert signed["status"] == "dual_signed" and signed["signatures"] == 2

    assert post(client, f"{url}/transfer", office, {"receiving_body": outside.pk,  # not a body it may name
                                                   "receiving_kind": "discipline"}).status_code == 400
    assert post(client, f"{url}/transfer", office, {"receiving_body": department.pk,  # kind and body differ
                                                   "receiving_kind": "discipline"}).status_code == 400
    assert post(client, f"{url}/transfer", narrow_office, {"receiving_body": commission.pk,
                                                          "receiving_kind": "discipline"}).status_code == 404
    response = post(client, f"{url}/transfer", office, {"receiving_body": commission.pk,
                                                        "receiving_kind": "discipline", "on": "2021-02-01"})
    assert response.status_code == 200, response.content
    transferred = response.json()
    assert transferred["status"] == "transferred" and transferred["receiving_body_id"] == commission.pk
    assert REPORTER not in transferred["allegation"] and PHONE not in transferred["allegation"]

    # the organisation-department reviewer: 404 on every door, the list is empty
    assert client.get(url, **organisation).status_code == 404
    assert post(client, f"{url}/acknowledge", organisation, {"on": "2021-02-02"}).status_code == 404
    assert client.get("/api/v1/clues", **organisation).json() == {"count": 0, "items": []}

    assert post(client, f"{url}/handling", discipline, {"method": "talk_inquiry"}).status_code == 400  # not yet
    acknowledged = post(client, f"{url}/acknowledge", discipline, {"on": "2021-02-02"}).json()
    assert acknowledged["status"] == "acknowledged" and "handling" in acknowledged["actions"]
    assert post(client, f"{url}/acknowledge", office).status_code == 403  # the office does not receive
    handled = post(client, f"{url}/handling", discipline, {"method": "talk_inquiry", "note": "谈话函询"}).json()
    assert handled["handling_method"] == "talk_inquiry" and "conclude" in handled["actions"]
    persons = {p["name"]: p["id"] for p in handled["persons"]}
    assert post(client, f"{url}/conclude", discipline, {
        "on": "2021-03-01", "conclusion": "属实", "dispositions": {str(persons["丁某"]): "no_such_thing"},
    }).status_code == 400
    concluded = post(client, f"{url}/conclude", discipline, {
        "on": "2021-03-01", "conclusion": "部分属实",
        "dispositions": {str(persons["丁某"]): "talk_reminder", str(persons["戊某"]): ""},
    }).json()
    assert concluded["status"] == "concluded" and concluded["concluded_on"] == "2021-03-01"
    assert {p["name"]: p["disposition"] for p in concluded["persons"]} == {"丁某": "talk_reminder", "戊某": ""}
    reported = post(client, f"{url}/report_back", discipline, {"on": "2021-03-05"}).json()
    # only the outcomes stay open: a case filed waits for its outcome after the clue is concluded
    assert reported["reported_back_on"] == "2021-03-05" and reported["actions"] == ["record_outcome"]
    assert post(client, f"{url}/report_back", discipline).status_code == 400  # once
    filed = post(
        client, f"{url}/record_outcome", discipline, {"person": persons["戊某"], "case_filed_on": "2021-04-01"}
    )
    assert {p["name"]: (p["case_filed_on"], p["form"]) for p in filed.json()["persons"]} == {
        "丁某": (None, 1), "戊某": ("2021-04-01", None),
    }

    # the API list never carries a reporter's identity, for the office or the reviewer
    for auth in (office, discipline):
        listing = client.get("/api/v1/clues", **auth).json()
        assert [item["id"] for item in listing["items"]] == [clue["id"]]  # positive control
        text = json.dumps(listing, ensure_ascii=False)
        assert REPORTER not in text and PHONE not in text and "购物卡" in text
    events = set(AuditEvent.objects.naming(clue["id"]).values_list("action", flat=True))
    assert {"clues.clue.signed", "clues.clue.dual_signed", "clues.clue.transferred", "clues.clue.acknowledged",
            "clues.clue.handling_recorded", "clues.clue.concluded", "clues.clue.reported_back",
            "clues.clue.viewed", "clues.clue.listed"} <= events


def test_the_schema_lists_the_clue_detail_and_every_clue_step(client):
    from tests.factories import UserFactory
    from xuncha.workflow.actions import for_model

    client.force_login(UserFactory())  # the schema is for signed-in callers
    schema = client.get("/api/v1/openapi.json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"get_clue", "record_clue", "list_clues"} <= operations
    assert {a.name.replace(".", "_") for a in for_model("clues.Clue")} <= operations
