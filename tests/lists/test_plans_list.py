"""The rectification plans list (`rectification.lists.PLANS`) through the API: the caller's
plans only, the declared filters and sorts, measures counted from rows."""

import pytest

from tests.factories import dated_inspection, user_with_role
from tests.supervision.conftest import approved_plan
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token
from xuncha.rectification import domain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _api(client, user, query=""):
    _token, secret = create_token(user, name="脚本")
    response = client.get(f"/api/v1/plans?{query}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    return response


def test_plans_list_is_scoped_filtered_and_counted(tree, client):
    inspection = dated_inspection(tree)
    approved, measures = approved_plan(tree, inspection, count=2)
    draft = domain.start_plan(dated_inspection(tree, title="第二轮"), by=None, organisation=tree.district)
    office = user_with_role(Role.OFFICE, tree.city)
    items = _api(client, office).json()["items"]
    assert {i["id"] for i in items} == {approved.pk, draft.pk}  # positive control
    by_id = {i["id"]: i for i in items}
    assert by_id[approved.pk]["measures"] == len(measures) and by_id[draft.pk]["measures"] == 0
    assert [i["id"] for i in _api(client, office, "status=approved").json()["items"]] == [approved.pk]
    assert _api(client, office, "status=nonsense").status_code == 400
    assert _api(client, office, "sort=approved_on").status_code == 200
    assert _api(client, office, "sort=nonsense").status_code == 400
    outsider = user_with_role(Role.LIAISON, tree.other_district)
    assert _api(client, outsider).json() == {"count": 0, "items": []}
    liaison = user_with_role(Role.LIAISON, tree.district)
    assert {i["id"] for i in _api(client, liaison).json()["items"]} == {approved.pk, draft.pk}
