"""The common-problem list's two downloads are named like every other: what, which list, the day."""

from urllib.parse import quote

import pytest
from django.utils import timezone

from tests.common.conftest import make_list

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("suffix", "name", "plain"),
    [
        ("export.xlsx", "共性问题-共性问题清单-{today}.xlsx", "common-problems-{today}.xlsx"),
        ("checks.xlsx", "自查情况-共性问题清单-{today}.xlsx", "self-checks-{today}.xlsx"),
    ],
)
def test_the_downloads_are_named(client, world, suffix, name, plain):
    common_list = make_list(world, publish=True)
    client.force_login(world.users.office)
    response = client.get(f"/common/{common_list.pk}/{suffix}")
    assert response.status_code == 200
    today = f"{timezone.localdate():%Y%m%d}"
    disposition = response["Content-Disposition"]
    assert quote(name.format(today=today), safe="") in disposition
    assert f'filename="{plain.format(today=today)}"' in disposition
