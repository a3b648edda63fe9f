import pytest

from tests.factories import user_with_role
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_logged_in_pages_and_exports_are_not_stored(tree, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    for url in ["/orgs/", "/orgs/export.xlsx"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store" and response["Pragma"] == "no-cache"
