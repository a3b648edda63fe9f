"""The ledger page (整改台账): scope, filters, pagination with a capped count, and a query count
that does not grow with the rows."""

from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import complete_measure_fields, user_with_role
from xuncha.accounts.enums import Role
from xuncha.rectification import domain
from xuncha.rectification.models import Measure
from xuncha.web.pages import CappedPaginator

pytestmark = pytest.mark.django_db
URL = "/ledger/"


def _ids(response) -> set[int]:
    return {m.pk for m in response.context["page"]}


def test_office_sees_every_measure_of_its_committee(client, case):
    client.force_login(case.office)
    response = client.get(URL)
    assert response.status_code == 200
    assert _ids(response) == {*(m.pk for m in case.measures), case.other_measure.pk}
    html = response.content.decode()
    assert case.problems[0].title in html
    assert f'href="/rectification/measures/{case.measures[0].pk}/"' in html
    assert f'href="/rectification/problems/{case.problems[0].pk}/"' in html
    assert f'href="/rectification/inspection/{case.inspection.pk}/"' in html


def test_liaison_sees_only_its_own_plan_and_unit_its_own_measures(client, case):
    client.force_login(case.liaison)
    assert _ids(client.get(URL)) == {m.pk for m in case.measures}
    client.force_login(case.other_liaison)
    assert _ids(client.get(URL)) == {case.other_measure.pk}
    client.force_login(case.unit)  # 文灶社区 shares measure 1 only
    assert _ids(client.get(URL)) == {case.measures[0].pk}


def test_roles_without_measures_get_404(client, case, tree):
    client.force_login(user_with_role(Role.AUDITOR, tree.city))
    assert client.get(URL).status_code == 404


@pytest.mark.stale_tallies  # a deadline moved by QuerySet.update to set the scene
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=not_started", {0, 1, 2}),
        ("status=done", set()),
        ("leader=湖里区", {2}),
        ("org_name=湖里", {2}),
        ("deadline_to=2025-03-01", {0}),
        ("deadline_from=2025-03-01", {2}),
        ("overdue=1", {0}),
        ("sign_off=none", {0, 1, 2}),
        ("sign_off=requested", set()),
        ("status=bogus&page=x&term=abc", {0, 1, 2}),  # malformed filters do not apply
    ],
)
def test_filters(client, case, query, expected):
    client.force_login(case.office)
    everyone = [*case.measures, case.other_measure]
    Measure.objects.filter(pk=case.other_measure.pk).update(deadline=date(2099, 1, 1))
    assert _ids(client.get(f"{URL}?{query}")) == {everyone[i].pk for i in expected}


def test_inspection_and_organisation_filters_narrow_to_subtree(client, case, tree):
    client.force_login(case.office)
    assert _ids(client.get(f"{URL}?organisation={tree.district.pk}")) == {m.pk for m in case.measures}
    assert _ids(client.get(f"{URL}?organisation={tree.city.pk}&inspection={case.inspection.pk}")) == {
        *(m.pk for m in case.measures),
        case.other_measure.pk,
    }
    assert _ids(client.get(f"{URL}?inspection={case.inspection.pk + 999}")) == set()
    assert _ids(client.get(f"{URL}?organisation=999999")) == set()


def test_capped_paginator_counts_no_further_than_its_cap(case):
    paginator = CappedPaginator(Measure.objects.order_by("pk"), 1)
    paginator.cap = 2
    assert paginator.count == 3 and paginator.capped
    paginator = CappedPaginator(Measure.objects.order_by("pk"), 1)
    paginator.cap = 5
    assert paginator.count == 3 and not paginator.capped


def test_capped_paginator_pages_keep_the_query_order(case):
    ordered = Measure.objects.order_by("-plan_id", "-number")
    expected = list(ordered)
    paginator = CappedPaginator(ordered.select_related("plan"), 2)
    pages = [list(paginator.page(n)) for n in paginator.page_range]
    assert [m.pk for page in pages for m in page] == [m.pk for m in expected]
    assert all(m.plan.pk == m.plan_id for page in pages for m in page)  # the joins came along


@pytest.mark.parametrize(("per_page", "orphans"), [(2, 0), (2, 1), (3, 2), (50, 0)])
def test_capped_paginator_pages_as_djangos_paginator_does(case, per_page, orphans):
    from django.core.paginator import Paginator

    ordered = Measure.objects.order_by("-plan_id", "-number")
    ours, theirs = CappedPaginator(ordered, per_page, orphans=orphans), Paginator(ordered, per_page, orphans=orphans)
    assert ours.num_pages == theirs.num_pages
    for number in [*theirs.page_range, 999, "x"]:
        assert [m.pk for m in ours.get_page(number)] == [m.pk for m in theirs.get_page(number)]
    values = CappedPaginator(ordered.values("pk", "number"), per_page, orphans=orphans)
    assert list(values.page(1)) == list(Paginator(ordered.values("pk", "number"), per_page, orphans=orphans).page(1))


def test_query_count_does_not_grow_with_rows(client, case, tree):
    client.force_login(case.office)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for _ in range(5):
        domain.add_measure(
            case.plan,
            by=None,
            problems=case.problems[:2],
            units=[tree.street, tree.community],
            **complete_measure_fields(tree.street, deadline=date(2024, 2, 20)),
        )
    assert Measure.objects.count() == 8
    assert count() == before


def test_the_menu_offers_the_ledger_to_those_who_may_open_it(client, case, tree):
    for user, shown in [(case.office, True), (case.unit, True), (user_with_role(Role.AUDITOR, tree.city), False)]:
        client.force_login(user)
        assert ('href="/ledger/"' in client.get("/").content.decode()) is shown


def _export_link(html: str) -> str:
    """The href of the export button that sits with the filters (as the page offers it)."""
    import html as markup
    import re

    start = html.index('data-testid="ledger-filters"')
    form = html[start : html.index("</form>", start)]
    found = re.search(r'data-testid="export-list" href="([^"]+)"', form)
    assert found, "the export button sits inside the filter form"
    return markup.unescape(found.group(1))


def _exported_keys(response) -> list[int]:
    import io

    import openpyxl

    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "台账编号"
    return [row[0] for row in rows[1:]]


@pytest.mark.stale_tallies  # a deadline moved by QuerySet.update to set the scene
@pytest.mark.parametrize(
    "query",
    ["", "status=not_started", "leader=湖里区", "org_name=湖里", "deadline_to=2025-03-01", "overdue=1",
     "sign_off=requested", "q=学习&org_name=思明", "deadline_from=2025年3月1日"],
)
def test_filtered_export_holds_exactly_the_filtered_rows(client, case, query):
    """The export button carries the page's filters: its workbook holds the rows the page shows,
    in the page's order, and no other."""
    Measure.objects.filter(pk=case.other_measure.pk).update(deadline=date(2099, 1, 1))
    client.force_login(case.office)
    page = client.get(f"{URL}?{query}")
    shown = [m.pk for m in page.context["page"]]
    link = _export_link(page.content.decode())
    path, _sep, carried = link.partition("?")
    assert path == "/ledger/export.xlsx" and parse_qs(carried) == parse_qs(query)
    exported = client.get(link)
    assert exported.status_code == 200
    assert _exported_keys(exported) == shown


def test_filtered_export_keeps_to_the_users_scope_and_names_its_term(client, case, tree):
    from tests.downloads import download_name

    today = f"{timezone.localdate():%Y%m%d}"
    client.force_login(case.office)
    link = _export_link(client.get(f"{URL}?term={case.inspection.term_id}").content.decode())
    response = client.get(link)
    assert len(_exported_keys(response)) == 3  # the office's export has all three
    assert download_name(response) == (f"整改台账-十二届市委-{today}.xlsx", f"measures-{today}.xlsx")
    client.force_login(case.other_liaison)  # 湖里区 sees its own measure only, whatever it asks for
    response = client.get(link)
    assert _exported_keys(response) == [case.other_measure.pk]
    assert download_name(response)[0] == f"整改台账-{today}.xlsx"  # nor is it told of a term it may not read


# the table's rows as the template wrote them before the view prepared them (issue 19): the page
# must read the same, in both languages
_FORMER_ROWS = (Path(__file__).parent / "former_ledger_rows.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_prepared_rows_read_as_the_template_wrote_them(client, case, language):
    from django.conf import settings
    from django.template import engines
    from django.utils import translation

    from xuncha.ledger.browse import overdue_ids
    from xuncha.rectification.enums import SignOff

    Measure.objects.filter(pk=case.measures[0].pk).update(sign_off=SignOff.REQUESTED)
    client.force_login(case.office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(URL)
    assert response.headers["Content-Language"] == language
    html = response.content.decode()
    # the rows as model rows, with what the view prepared before issue 19 (links, shortened texts)
    # taken from its rows; the rest the former template writes from the models itself
    rows = list(response.context["page"])
    models = Measure.objects.select_related("plan__inspection", "plan__organisation", "lead_unit").in_bulk(
        [r.pk for r in rows]
    )
    page = []
    for row in rows:
        measure = models[row.pk]
        measure.url, measure.short, measure.inspection_url = row.url, row.short, row.inspection_url
        measure.problem_rows = row.problem_rows
        page.append(measure)
    assert [p[1] for p in page[0].problem_rows] == [p.number for p in page[0].problems.order_by("position")]
    late = overdue_ids([m.pk for m in page], today=timezone.localdate())
    assert late  # an overdue row, a shared unit, an ongoing measure and a sign-off are all shown
    assert any(m.ongoing for m in page) and any(m.sign_off for m in page)
    assert any(len(list(m.units.all())) > 1 for m in page)
    with translation.override(language):
        former = engines["django"].from_string(_FORMER_ROWS).render({"page": page, "late": late})
    assert html.split('data-testid="ledger">')[1].split("<tbody>")[1].split("</tbody>")[0] == former


def test_the_export_places_the_pages_prepared_rows_as_the_measures_read(client, case, monkeypatch):
    """The export's cells come from the rows the page prepares (`ledger.rows.ledger_rows`, as the
    API's /measures items do), read by key a chunk at a time: they hold what each measure itself
    says, in every column, whatever the chunk size."""
    import io
    from datetime import datetime

    import openpyxl

    from xuncha.lists import declarations

    def expected(measure) -> list:
        return [
            measure.pk,
            measure.plan.inspection.title,
            measure.plan.organisation.name,
            measure.number,
            "、".join(f"（{p.number}）" for p in measure.problems.order_by("position", "pk")) or None,
            measure.content,
            measure.leader or None,
            measure.lead_unit.name if measure.lead_unit_id else None,
            measure.deadline,
            "长期坚持" if measure.ongoing else None,
            str(measure.get_status_display()),
            str(measure.get_sign_off_display()),
        ]

    client.force_login(case.office)
    for chunk in (2_000, 1):  # the default, and every measure read on its own
        monkeypatch.setattr(declarations, "READ_CHUNK", chunk)
        response = client.get("/ledger/export.xlsx")
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[1:]
        measures = {m.pk: m for m in Measure.objects.filter(pk__in=[row[0] for row in rows])}
        assert len(rows) == 3
        for row in rows:
            cells = [c.date() if isinstance(c, datetime) else c for c in row]  # Excel's dates are datetimes
            assert cells == expected(measures[row[0]])
    assert any(m.sign_off == "" for m in measures.values())  # "not requested" is named in the export
