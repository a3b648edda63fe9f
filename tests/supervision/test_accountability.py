"""Per-person accountability outcomes (问责): recorded by the office as a declared step on the
inspection, counted by outcome and form like clue dispositions, read by oversight only."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.action_matrix import disagreements
from tests.factories import PersonFactory
from xuncha.supervision.accountability import accountability_figures
from xuncha.supervision.models import Accountability
from xuncha.supervision.queries import accountabilities_for_user
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


def _record(world, person, disposition="talk_reminder", **fields):
    data = {
        "person": person,
        "disposition": disposition,
        "decided_on": date(2021, 9, 1),
        "deciding_body": "中共厦门市思明区纪律检查委员会",
        **fields,
    }
    return actions.take("inspection.record_accountability", world.inspection, by=world.office, data=data)


def test_the_office_records_and_the_form_follows_from_the_outcome(world):
    people = [PersonFactory(name=f"问责{i}", organisation=world.tree.district) for i in range(5)]
    for person, outcome in zip(
        people, ["talk_reminder", "criticism", "admonishment", "light_sanction", "heavy_sanction"], strict=True
    ):
        _record(world, person, outcome)
    figures = accountability_figures(Accountability.objects.filter(inspection=world.inspection))
    assert figures.total == 5
    assert {f.key: f.count for f in figures.by_form} == {"1": 3, "2": 1, "3": 1}
    assert {d.key: d.count for d in figures.by_disposition}["admonishment"] == 1


def test_offering_and_taking_agree(world):
    person = PersonFactory(name="问责甲", organisation=world.tree.district)
    users = [world.office, world.liaison, world.handler, world.principal, world.other_liaison, world.admin]
    found, offered = disagreements(
        ["inspection.record_accountability"],
        [world.inspection],
        users,
        lambda n, i: {
            "person": person,
            "disposition": "criticism",
            "decided_on": date(2021, 9, 1),
            "deciding_body": "区纪委",
        },
    )
    assert found == [] and offered == 1  # the office only


def test_bad_input_is_refused(world):
    person = PersonFactory(name="问责乙", organisation=world.tree.district)
    with pytest.raises(ValidationError):
        _record(world, person, "case_filed")  # 立案 is a stage, not an outcome
    with pytest.raises(ValidationError):
        _record(world, person, decided_on=date(2099, 1, 1))
    from xuncha.supervision.documents import draft_document

    draft = draft_document(
        world.inspection,
        by=world.office,
        kind="accountability",
        addressee=world.tree.district,
        today=date(2025, 8, 1),
    )
    with pytest.raises(ValidationError):
        _record(world, person, document=draft)  # a draft letter is not a decision


def test_only_oversight_reads_them(world, client):
    _record(world, PersonFactory(name="问责丙", organisation=world.tree.street))
    assert accountabilities_for_user(world.office).count() == 1  # positive control
    assert accountabilities_for_user(world.principal).count() == 1  # leadership over the district
    for user in (world.liaison, world.handler, world.other_liaison, world.admin):
        assert accountabilities_for_user(user).count() == 0, user.username


def test_the_list_counts_with_drill_down(world, client):
    for i, outcome in enumerate(["talk_reminder", "talk_reminder", "light_sanction"]):
        _record(world, PersonFactory(name=f"问责{i}", organisation=world.tree.district), outcome)
    client.force_login(world.office)
    url = reverse("supervision:accountability") + f"?inspection={world.inspection.pk}"
    page = client.get(url)
    assert page.context["figures"].total == 3
    assert f'href="?inspection={world.inspection.pk}&amp;form=2"' in page.content.decode()
    second = client.get(url + "&form=2")
    assert [a.disposition for a in second.context["page"]] == ["light_sanction"]


def test_the_api_records_one_and_refuses_the_inspected_side(world, client):
    from tests.api_client import bearer, post

    person = PersonFactory(name="问责丁", organisation=world.tree.district)
    payload = {"person": person.pk, "disposition": "admonishment", "decided_on": "2021-09-01", "deciding_body": "区委"}
    url = f"/inspections/{world.inspection.pk}/accountability"
    refused = post(client, url, bearer(world.liaison), payload)
    assert refused.status_code in (403, 404) and not Accountability.objects.exists()
    response = post(client, url, bearer(world.office), payload)
    assert response.status_code == 201, response.content
    assert response.json()["form"] == 1 and Accountability.objects.get().person == person


def test_the_letter_lists_the_people_it_led_to(world, client):
    from xuncha.supervision.documents import draft_document, issue_document

    letter = draft_document(
        world.inspection,
        by=world.office,
        kind="accountability",
        addressee=world.tree.district,
        today=date(2025, 8, 1),
    )
    letter = issue_document(letter, by=world.office, on=date(2025, 8, 1))
    person = PersonFactory(name="问责戊", organisation=world.tree.district)
    _record(world, person, "admonishment", document=letter, decided_on=date(2025, 8, 20))
    client.force_login(world.office)
    page = client.get(reverse("supervision:document", args=[letter.pk])).content.decode()
    assert 'data-testid="document-accountability"' in page and "问责戊" in page
    client.force_login(world.liaison)  # the addressee reads the letter, not the people's outcomes
    page = client.get(reverse("supervision:document", args=[letter.pk])).content.decode()
    assert "问责戊" not in page
