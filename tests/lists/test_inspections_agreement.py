"""The inspections list: the same filters give the same rows on the page, in its Excel export
and from the API (one declaration, `inspections.lists`)."""

import re
from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.utils import timezone

from tests.factories import make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token
from xuncha.exports.xlsx import DATE_FORMAT

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspections(tree):
    term, other_term = make_term(tree.city), make_term(tree.district, name="区委届")
    today = timezone.localdate()
    days = timedelta(days=1)
    return [
        make_inspection(term, [tree.street], entry_on=today - 10 * days, title="梧村街道巡察"),
        make_inspection(term, [tree.community], entry_on=today - 5 * days, title="文灶社区巡察"),
        make_inspection(other_term, [tree.street], entry_on=today - 3 * days, title="区委巡察梧村"),
        make_inspection(term, [tree.other_street], entry_on=today - 2 * days, title="湖里街道巡察"),
    ]


@pytest.mark.parametrize("query", ["", "q=梧村", "q=文灶", "kind=routine", "term={term}", "q=湖里"])
def test_page_excel_and_api_agree(tree, inspections, client, query):
    query = query.format(term=inspections[0].term_id)
    user = user_with_role(Role.DISCIPLINE_REVIEWER, tree.district)
    client.force_login(user)
    page = client.get(f"/inspections/?{query}").content.decode()
    from_page = {int(pk) for pk in re.findall(r'href="/inspections/(\d+)/"', page)}
    book = openpyxl.load_workbook(BytesIO(client.get(f"/inspections/export.xlsx?{query}").content))
    from_excel = {row[0] for row in list(book.active.iter_rows(values_only=True))[1:] if row[0] is not None}
    client.logout()
    _token, secret = create_token(user, name="脚本")
    items = client.get(f"/api/v1/inspections?{query}", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["items"]
    assert from_page == from_excel == {item["id"] for item in items}
    assert inspections[3].pk not in from_page  # 湖里 is outside the reviewer's district


def test_export_has_real_dates_and_neutralised_formulas(tree, client):
    from datetime import date

    term = make_term(tree.city)
    make_inspection(term, [tree.street], entry_on=date(2025, 2, 20), title='=HYPERLINK("http://x")')
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    book = openpyxl.load_workbook(BytesIO(client.get("/inspections/export.xlsx").content))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = list(sheet[2])
    from django.utils.translation import gettext

    entry = row[header.index(gettext("Entry"))]
    assert entry.is_date and entry.value.date() == date(2025, 2, 20)
    assert entry.number_format == DATE_FORMAT
    title = row[header.index(gettext("Title"))]
    # the text as it is, quote-prefixed (OWASP's apostrophe, as Excel stores it): it stays text when edited
    assert title.value == '=HYPERLINK("http://x")' and title.data_type == "s" and title.quotePrefix
    assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"
