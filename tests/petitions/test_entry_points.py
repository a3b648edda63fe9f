"""「登记信访件」 on the petition list: shown to who may register one, leading to a form that
does; the reveal form names its fields; one primary step on a petition, refusal outlined red."""

import re

import pytest

from tests.links import dead_links
from tests.petitions.conftest import new_petition
from xuncha.petitions.models import Petition

pytestmark = pytest.mark.django_db


def _once(page) -> str:
    return re.search(r'name="_once" value="([0-9a-f]{32})"', page.content.decode())[1]


@pytest.mark.parametrize("who", ["office", "team"])
def test_register_a_petition_from_the_list(world, client, who):
    client.force_login(world["users"][who])
    page = client.get("/petitions/").content.decode()
    assert 'data-testid="new-petition"' in page and 'href="/petitions/new/"' in page
    form = client.get("/petitions/new/")  # one inspection to work on: its form at once
    assert form.status_code == 200 and world["inspection"].title in form.content.decode()
    posted = {"channel": "letter", "received_on": "2021-01-20", "content": "反映问题", "_once": _once(form)}
    assert client.post(f"/petitions/new/?inspection={world['inspection'].pk}", posted).status_code == 302
    assert Petition.objects.get().inspection == world["inspection"]


def test_register_asks_for_the_inspection_when_there_are_several(world, client):
    from tests.factories import make_inspection

    other = make_inspection(world["inspection"].term, [world["tree"].street], title="第二个巡察")
    client.force_login(world["users"]["office"])
    page = client.get("/petitions/new/").content.decode()
    assert 'data-testid="choose"' in page and "第二个巡察" in page and world["inspection"].title in page
    assert client.get(f"/petitions/new/?inspection={other.pk}").status_code == 200


@pytest.mark.parametrize("who", ["leadership", "discipline", "unit", "liaison"])
def test_who_may_not_register_gets_no_form(world, client, who):
    client.force_login(world["users"][who])
    assert client.get("/petitions/new/").status_code == 404


def test_petition_page_has_one_primary_step_and_an_outlined_refusal(world, client):
    petition = new_petition(world)
    client.force_login(world["users"]["office"])
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    buttons = re.findall(r'<button class="([^"]*)" data-testid="step-([a-z]+)"', page)
    steps = {step: css for css, step in buttons}
    assert set(steps) == {"clue", "fix", "finding", "refuse"}
    assert [s for s, css in steps.items() if "btn-primary" in css] == ["clue"]
    assert "btn-outline-danger" in steps["refuse"] and "btn-danger" not in steps["refuse"].split()
    assert dead_links(client, f"/petitions/{petition.pk}/") == {}


def test_reveal_form_labels_its_fields(world, client):
    petition = new_petition(world)
    client.force_login(world["users"]["office"])  # an identity reader too
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    form = page.split('data-testid="reveal-form"')[1].split("</form>")[0]
    assert '<label class="form-label required" for="id_reason">' in form
    assert '<label class="form-label required" for="id_category">' in form
    assert "王小明" not in page  # still sealed
