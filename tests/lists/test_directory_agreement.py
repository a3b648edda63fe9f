"""Organisations and people: the same filters give the same rows on the page, in the Excel
export and from the API (one declaration each, `orgs.lists` and `people.lists`)."""

import re
from io import BytesIO

import openpyxl
import pytest

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token

pytestmark = pytest.mark.django_db

ORG_QUERIES = ["", "q=街道", "level=town", "archived=1"]
PEOPLE_QUERIES = ["", "q=street", "rank=section", "archived=1"]
LISTS = {
    "organisations": ("/orgs/list/", "/orgs/export.xlsx", r'href="/orgs/(\d+)/"', ORG_QUERIES),
    "people": ("/people/", "/people/export.xlsx", r'href="/people/(\d+)/"', PEOPLE_QUERIES),
}


@pytest.mark.parametrize(
    ("name", "query"), [(name, query) for name, spec in LISTS.items() for query in spec[3]]
)
def test_page_excel_and_api_agree(tree, client, name, query):
    page_url, export_url, link, _queries = LISTS[name]
    from xuncha.orgs.domain import archive_organisation

    archive_organisation(tree.community, by=None, reason="撤并")
    user = user_with_role(Role.OFFICE, tree.district)
    client.force_login(user)
    page = client.get(f"{page_url}?{query}").content.decode()
    page = page[page.index("<tbody>") : page.index("</tbody>")]  # the rows, not the layout links
    from_page = {int(pk) for pk in re.findall(link, page)}
    book = openpyxl.load_workbook(BytesIO(client.get(f"{export_url}?{query}").content))
    from_excel = {row[0] for row in list(book.active.iter_rows(values_only=True))[1:] if row[0] is not None}
    client.logout()
    _token, secret = create_token(user, name="脚本")
    items = client.get(f"/api/v1/{name}?{query}", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["items"]
    assert from_page == from_excel == {item["id"] for item in items}
    if name == "organisations":
        assert tree.other_district.pk not in from_page  # outside the district office's scope
        assert (tree.community.pk in from_page) is (query == "archived=1")
        assert (tree.street.pk in from_page) is (query != "level=village")
