"""The batch select of the inspection form follows the round (plans:batch_options)."""

from datetime import date

import lxml.html
import pytest

from tests.factories import make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.inspections.models import Inspection
from xuncha.plans.domain import create_batch, create_round

pytestmark = pytest.mark.django_db

URL = "/plans/batch-options/"


@pytest.fixture
def plan(tree):
    term = make_term(tree.city)
    first = create_round(by=None, term=term, number=1, starts_on=date(2022, 1, 1), ends_on=date(2022, 6, 30))
    second = create_round(by=None, term=term, number=2, starts_on=date(2022, 7, 1), ends_on=date(2022, 12, 31))
    batches = [
        create_batch(by=None, round=first, number=1, starts_on=date(2022, 1, 1), ends_on=date(2022, 3, 31)),
        create_batch(by=None, round=first, number=2, starts_on=date(2022, 4, 1), ends_on=date(2022, 6, 30)),
        create_batch(by=None, round=second, number=1, starts_on=date(2022, 7, 1), ends_on=date(2022, 9, 30)),
    ]
    return term, first, second, batches


def _options(response) -> list[tuple[str, str, bool]]:
    body = response.content.decode()
    return [
        (o.get("value"), o.text_content().strip(), o.get("selected") is not None)
        for o in lxml.html.fragments_fromstring(body)
        if o.tag == "option"
    ]


def test_batch_options_list_the_chosen_rounds_batches_only(tree, plan, client):
    _term, first, second, batches = plan
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    options = _options(client.get(URL, {"round": first.pk, "batch": batches[1].pk}))
    assert options == [
        ("", "---------", False),
        (str(batches[0].pk), "第1轮第1批", False),
        (str(batches[1].pk), "第1轮第2批", True),
    ]
    assert [value for value, _label, _sel in _options(client.get(URL, {"round": second.pk}))] == [
        "",
        str(batches[2].pk),
    ]


def test_batch_options_without_a_round_offer_no_batch(tree, plan, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert _options(client.get(URL)) == [("", "---------", False)]


def test_batch_options_of_an_out_of_scope_round_are_a_404(tree, plan, client):
    _term, first, _second, _batches = plan
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert client.get(URL, {"round": first.pk}).status_code == 200  # the control: it can be seen
    for outsider in (user_with_role(Role.OFFICE, tree.other_district), user_with_role(Role.LIAISON, tree.district)):
        client.force_login(outsider)
        assert client.get(URL, {"round": first.pk}).status_code == 404
    assert client.get(URL, {"round": "99999999999999999999"}).status_code == 404


def test_inspection_form_asks_for_the_rounds_batches_and_refuses_a_mismatched_pair(tree, plan, client):
    term, first, second, batches = plan
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(f"/inspections/new/?term={term.pk}")
    round_select = lxml.html.fromstring(page.content.decode()).xpath("//select[@name='round']")[0]
    assert round_select.get("hx-get") == URL and round_select.get("hx-target") == "#id_batch"
    data = {
        "term": term.pk,
        "title": "对思明区委的常规巡察",
        "kind": "routine",
        "team_name": "市委第一巡察组",
        "round": second.pk,
        "batch": batches[0].pk,  # a batch of the first round
        "targets": [tree.district.pk],
    }
    refused = client.post("/inspections/new/", data)
    assert refused.status_code == 200 and "该批次属于其他轮次" in refused.content.decode()
    assert not Inspection.objects.exists()
    accepted = client.post("/inspections/new/", {**data, "round": first.pk, "entry_on": "2022-02-10"})
    assert accepted.status_code == 302
    assert Inspection.objects.get().batch == batches[0]
