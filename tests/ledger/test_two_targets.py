"""The ledger of an inspection of two sibling organisations: the list, its Excel export and the
round-trip ledger files show an inspected organisation only its own rows; the office all."""

import pytest

from tests.factories import (
    OTHER_MEASURE,
    OTHER_PROBLEM,
    OWN_MEASURE,
    OWN_PROBLEM,
    two_target_inspection,
    user_with_role,
)
from tests.ledger.conftest import sheet_rows
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(tree):
    return two_target_inspection(tree)


def _bytes(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _text(content: bytes) -> str:
    return "\n".join(str(cell) for row in sheet_rows(content) for cell in row)


def _files(client, two):
    return {
        "list": _text(_bytes(client.get("/ledger/export.xlsx"))),
        "filtered": _text(_bytes(client.get(f"/ledger/export.xlsx?inspection={two.inspection.pk}"))),
        "inspection": _text(_bytes(client.get(f"/ledger/inspection/{two.inspection.pk}/export.xlsx"))),
    }


def test_ledger_list_shows_the_office_both_and_a_liaison_only_its_own(tree, two, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    office = client.get("/ledger/")
    assert {m.pk for m in office.context["page"]} == {m.pk for m in two.measures["own"] + two.measures["other"]}
    assert OTHER_MEASURE in office.content.decode()
    for role in (Role.LIAISON, Role.RESPONSIBLE_UNIT):
        client.force_login(user_with_role(role, tree.district))
        for query in ("", f"?inspection={two.inspection.pk}", f"?organisation={tree.other_district.pk}"):
            response = client.get(f"/ledger/{query}")
            body = response.content.decode()
            expected = set() if "organisation" in query else {m.pk for m in two.measures["own"]}
            assert {m.pk for m in response.context["page"]} == expected
            assert OTHER_MEASURE not in body and OTHER_PROBLEM not in body
        assert OWN_MEASURE in client.get("/ledger/").content.decode()


def test_ledger_exports_give_a_liaison_only_its_own_rows(tree, two, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    office = _files(client, two)
    assert all(OTHER_MEASURE in text for text in office.values())
    assert OTHER_PROBLEM in office["inspection"]  # the round-trip ledger names the problems
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    mine = _files(client, two)
    assert all(OWN_MEASURE in text for text in mine.values())
    assert OWN_PROBLEM in mine["inspection"]
    for text in mine.values():
        assert OTHER_MEASURE not in text and OTHER_PROBLEM not in text
    term = client.get(f"/ledger/term/{two.inspection.term_id}/export.xlsx")
    if term.status_code != 404:
        text = _text(_bytes(term))
        assert OWN_MEASURE in text and OTHER_MEASURE not in text and OTHER_PROBLEM not in text
