"""Who sees which inspections: team members only their own, inspected organisations only
after entry, information requests never on the inspected side; out of scope is 404."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import PersonFactory, UserFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.inspections.domain import create_information_request
from xuncha.staffing.domain import assign_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    term = make_term(tree.city)
    today = timezone.localdate()
    entered = make_inspection(
        term, [tree.street], entry_on=today - timedelta(days=10), exit_on=today + timedelta(days=20), title="已进驻"
    )
    future = make_inspection(
        term, [tree.community], entry_on=today + timedelta(days=30), exit_on=today + timedelta(days=60), title="未进驻"
    )
    other = make_inspection(
        term, [tree.other_street], entry_on=today - timedelta(days=5), exit_on=today + timedelta(days=20), title="别处"
    )
    request = create_information_request(
        entered,
        by=None,
        recipient_kind="discipline",
        subject="领导班子信访情况",
        sent_on=date(2020, 1, 1),
        due_on=date(2020, 1, 10),
    )
    return {"term": term, "entered": entered, "future": future, "other": other, "request": request}


def _visible(client, world):
    listing = client.get("/inspections/").content.decode()
    return {key for key in ("entered", "future", "other") if f'href="/inspections/{world[key].pk}/"' in listing}


def _details(client, world):
    return {
        key for key in ("entered", "future", "other") if client.get(f"/inspections/{world[key].pk}/").status_code == 200
    }


def test_office_sees_all_inspections_of_its_committee(tree, world, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert _visible(client, world) == _details(client, world) == {"entered", "future", "other"}
    assert client.get(f"/inspections/requests/{world['request'].pk}/reply/").status_code == 200


def test_district_office_does_not_see_the_city_term_outside_its_subtree(tree, world, client):
    client.force_login(user_with_role(Role.OFFICE, tree.other_district))
    assert _visible(client, world) == _details(client, world) == {"other"}
    assert client.get(f"/plans/{world['term'].pk}/").status_code == 404


def test_team_member_sees_only_the_inspections_they_are_on(tree, world, client):
    person = PersonFactory(organisation=tree.city)
    user = UserFactory(organisation=tree.city, person=person)
    grant_role(by=None, grantee=user, role=Role.TEAM_MEMBER, organisation=tree.city)
    client.force_login(user)
    assert _visible(client, world) == set()
    assign_member(world["entered"], by=None, person=person, role="member")
    assert _visible(client, world) == _details(client, world) == {"entered"}
    assert "领导班子信访情况" in client.get(f"/inspections/{world['entered'].pk}/").content.decode()
    assert client.get(f"/plans/{world['term'].pk}/").status_code == 404


def test_grant_limited_to_one_inspection(tree, world, client):
    user = UserFactory(organisation=tree.city)
    grant_role(by=None, grantee=user, role=Role.TEAM_MEMBER, organisation=tree.city, inspection=world["future"])
    client.force_login(user)
    assert _visible(client, world) == _details(client, world) == {"future"}


@pytest.mark.parametrize("role", [Role.LIAISON, Role.RESPONSIBLE_UNIT])
def test_inspected_side_sees_own_inspections_after_entry_without_requests(tree, world, client, role):
    client.force_login(user_with_role(role, tree.street))  # the street and its community
    assert _visible(client, world) == _details(client, world) == {"entered"}
    page = client.get(f"/inspections/{world['entered'].pk}/").content.decode()
    assert "领导班子信访情况" not in page and 'data-testid="requests"' not in page
    assert client.get(f"/inspections/requests/{world['request'].pk}/reply/").status_code == 404
    assert client.get(f"/inspections/{world['entered'].pk}/dates/").status_code == 404


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR])
def test_administrators_see_no_case_content(tree, world, client, role):
    client.force_login(user_with_role(role, tree.city))
    assert _visible(client, world) == _details(client, world) == set()
    assert client.get(f"/plans/{world['term'].pk}/").status_code == 404
    assert client.get(f"/inspections/{world['entered'].pk}/announcement.docx").status_code == 404


def test_reviewers_read_but_cannot_change(tree, world, client):
    client.force_login(user_with_role(Role.DISCIPLINE_REVIEWER, tree.city))
    assert _details(client, world) == {"entered", "future", "other"}
    assert client.get(f"/inspections/{world['entered'].pk}/dates/").status_code == 404
    assert client.get(f"/inspections/{world['entered'].pk}/team/add/").status_code == 404
    assert client.get(f"/plans/{world['term'].pk}/rounds/new/").status_code == 404


def test_export_respects_scope(tree, world, client):
    import io

    import openpyxl

    client.force_login(user_with_role(Role.LIAISON, tree.street))
    from django.utils.translation import gettext

    book = openpyxl.load_workbook(io.BytesIO(client.get("/inspections/export.xlsx").content))
    header, *rows = list(book.active.iter_rows(values_only=True))
    title = header.index(gettext("Title"))
    assert {row[title] for row in rows} == {"已进驻"}
