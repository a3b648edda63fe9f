"""The petition and fix pages offer exactly the declared steps and take them through their own
POST URLs; a user the declaration does not allow gets a 404 and nothing changes."""

from datetime import date

import pytest

from tests.petitions.conftest import new_petition
from xuncha.audit.models import AuditEvent
from xuncha.petitions import domain
from xuncha.petitions.models import ImmediateFix, Petition

pytestmark = pytest.mark.django_db


def test_a_petition_is_triaged_and_concluded_through_its_step_urls(world, client):
    users, tree = world["users"], world["tree"]
    petition = new_petition(world)
    client.force_login(users["team"])
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert 'data-testid="step-clue"' in page and 'data-testid="step-reply"' not in page
    refused = client.post(f"/petitions/{petition.pk}/refuse/", {"refuse-reason": " "}, follow=True)
    assert refused.status_code == 200 and "alert-danger" in refused.content.decode()  # told why
    assert Petition.objects.get(pk=petition.pk).status == "received"  # bad input changes nothing
    form = {"fix-organisation": tree.street.pk, "fix-description": "请立即整改", "fix-handed_over_on": "2021-01-16",
            "fix-deadline": "2021-01-31"}
    assert client.post(f"/petitions/{petition.pk}/fix/", form).status_code == 302
    petition.refresh_from_db()
    assert petition.status == "triaged" and petition.outcome == "immediate_fix"
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert 'data-testid="step-clue"' not in page and 'data-testid="step-reply"' in page
    assert client.post(f"/petitions/{petition.pk}/fix/", form).status_code == 302  # refused by its state
    assert ImmediateFix.objects.count() == 1
    reply = {"reply-reply": "已答复", "reply-on": "2021-02-01"}
    assert client.post(f"/petitions/{petition.pk}/conclude/", reply).status_code == 302
    assert Petition.objects.get(pk=petition.pk).status == "concluded"


def test_roles_outside_the_casework_get_404_and_change_nothing(world, client):
    petition = new_petition(world)
    for role in ("unit", "liaison", "discipline", "outsider"):
        client.force_login(world["users"][role])
        assert client.post(f"/petitions/{petition.pk}/refuse/", {"refuse-reason": "不受理"}).status_code == 404
    assert Petition.objects.get(pk=petition.pk).status == "received"
    assert not AuditEvent.objects.filter(action="petitions.petition.triaged").exists()


def test_the_fix_page_offers_the_unit_its_result_and_never_the_answer(world, client):
    users, tree = world["users"], world["tree"]
    _p, fix = domain.triage_to_fix(
        new_petition(world), by=users["office"], organisation=tree.street, description="请立即整改",
        handed_over_on=date(2021, 1, 16), deadline=date(2021, 1, 31),
    )
    client.force_login(users["unit"])
    page = client.get(f"/petitions/fixes/{fix.pk}/").content.decode()
    assert 'data-testid="step-result"' in page and 'data-testid="step-answer"' not in page
    url = f"/petitions/fixes/{fix.pk}"
    assert client.post(f"{url}/result/", {"result": "已整改", "on": "2021-01-20"}).status_code == 302
    assert client.post(f"{url}/answer/", {"answer": "x", "on": "2021-01-22"}).status_code == 404
    client.force_login(users["office"])
    page = client.get(f"/petitions/fixes/{fix.pk}/").content.decode()
    assert 'data-testid="step-result"' not in page and 'data-testid="step-answer"' in page
    assert client.post(f"{url}/answer/", {"answer": "已答复", "on": "2021-01-22"}).status_code == 302
    assert ImmediateFix.objects.get(pk=fix.pk).answered_on == date(2021, 1, 22)


def test_a_fix_is_handed_over_from_its_inspection(world, client):
    users, tree, inspection = world["users"], world["tree"], world["inspection"]
    url = f"/petitions/fixes/new/?inspection={inspection.pk}"
    client.force_login(users["unit"])
    assert client.get(url).status_code == 404
    assert 'data-testid="hand-over-fix"' not in client.get(f"/inspections/{inspection.pk}/").content.decode()
    client.force_login(users["office"])
    assert f'href="{url}" data-testid="hand-over-fix"' in client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert client.get(url).status_code == 200
    form = {"inspection": inspection.pk, "organisation": tree.street.pk, "description": "台账不全",
            "handed_over_on": "2021-01-16", "deadline": "2021-01-31"}
    response = client.post("/petitions/fixes/new/", form)
    fix = ImmediateFix.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/petitions/fixes/{fix.pk}/"
    assert fix.petition_id is None and fix.organisation == tree.street
