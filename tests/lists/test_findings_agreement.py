"""The findings list: the same filters give the same rows on an inspection's findings page, in
its Excel export and from the API (one declaration, `findings.lists`); the page's queries do not
grow with its rows (promote forms included); the inspected side gets none of it."""

import re
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import dated_inspection, make_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.tokens import create_token
from xuncha.findings import domain
from xuncha.findings.models import Category

pytestmark = pytest.mark.django_db
BEFORE = date(2000, 1, 1)


def _record(inspection, tree, text, source="talk"):
    return domain.record_finding(
        inspection, by=None, text=text, source=source, category=Category.objects.first(), organisation=tree.district
    )


@pytest.fixture
def findings(tree):
    domain.ensure_default_categories()
    inspection = dated_inspection(tree, feedback_on=date(2099, 1, 1))
    other = make_inspection(
        inspection.term, [tree.district], title="另一巡察", entry_on=date(2022, 1, 11), exit_on=date(2022, 2, 6)
    )
    aspect = domain.add_aspect(inspection, by=None, title="方面", today=BEFORE)
    made = [
        _record(inspection, tree, "学习不够深入。"),
        _record(inspection, tree, "三重一大制度执行不严。", source="documents"),
        _record(inspection, tree, "以干代学。"),
        _record(other, tree, "另一巡察的发现。"),
    ]
    domain.promote_finding(made[2], by=None, aspect=aspect, today=BEFORE)
    return inspection, made


def _ids_on_page(html):
    return {int(pk) for pk in re.findall(r'data-finding="(\d+)"', html)}


@pytest.mark.parametrize("query", ["", "q=学习", "source=documents", "promoted=1", "q=以干&promoted=1"])
def test_page_excel_and_api_agree(tree, findings, client, query):
    inspection, made = findings
    user = user_with_role(Role.OFFICE, tree.city)
    client.force_login(user)
    from_page = _ids_on_page(client.get(f"/findings/inspection/{inspection.pk}/?{query}").content.decode())
    excel = client.get(f"/findings/inspection/{inspection.pk}/export.xlsx?{query}")
    book = openpyxl.load_workbook(BytesIO(excel.content))
    from_excel = {row[0] for row in list(book.active.iter_rows(values_only=True))[1:] if row[0] is not None}
    client.logout()
    _token, secret = create_token(user, name="脚本")
    items = client.get(
        f"/api/v1/findings?inspection={inspection.pk}&{query}", HTTP_AUTHORIZATION=f"Bearer {secret}"
    ).json()["items"]
    assert from_page == from_excel == {item["id"] for item in items}
    assert made[3].pk not in from_page  # another inspection's findings
    if not query:
        assert from_page == {f.pk for f in made[:3]}


def test_inspected_side_gets_no_findings(tree, findings, client):
    inspection, _made = findings
    liaison = user_with_role(Role.LIAISON, tree.district)
    client.force_login(liaison)
    assert client.get(f"/findings/inspection/{inspection.pk}/").status_code == 404
    assert client.get(f"/findings/inspection/{inspection.pk}/export.xlsx").status_code == 404
    _token, secret = create_token(liaison, name="脚本")
    listed = client.get("/api/v1/findings", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert listed["count"] == 0


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_findings_page_query_count_does_not_grow_with_rows(tree, client):
    domain.ensure_default_categories()
    inspection = dated_inspection(tree, feedback_on=date(2099, 1, 1))
    domain.add_aspect(inspection, by=None, title="方面", today=BEFORE)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/findings/inspection/{inspection.pk}/"
    _record(inspection, tree, "第一条。")
    one = _queries(client, url)
    assert 'data-testid="promote"' in client.get(url).content.decode()
    _record(inspection, tree, "第二条。")
    _record(inspection, tree, "第三条。")
    assert _queries(client, url) == one
