"""An inspection of two sibling organisations: each inspected organisation's liaison and units
see only their own organisation's problems, measures and plan; oversight sees both."""

import pytest

from tests.factories import OTHER_MEASURE, OTHER_PROBLEM, OWN_MEASURE, OWN_PROBLEM, two_target_inspection, user_with_role
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(tree):
    return two_target_inspection(tree)


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_board_shows_the_office_both_organisations(tree, two, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    body = _page(client, f"/rectification/inspection/{two.inspection.pk}/board/")
    assert body.count('data-testid="board-problem"') == 5
    assert OWN_PROBLEM in body and OTHER_PROBLEM in body


def test_board_shows_a_liaison_only_its_own_organisation(tree, two, client):
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    body = _page(client, f"/rectification/inspection/{two.inspection.pk}/board/")
    assert body.count('data-testid="board-problem"') == 3
    assert f"{OWN_PROBLEM}1" in body and f"{OWN_PROBLEM}3" in body
    assert OTHER_PROBLEM not in body and OTHER_MEASURE not in body
    assert tree.other_street.name not in body  # the other side's units are not offered as a filter
