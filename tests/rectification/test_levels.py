"""Rates by inspecting level (市、区两级整改率, seed 000), per term with the previous term's
carry-over (见底清零), and the 清零 list, all from rows (xuncha/rectification/levels.py)."""

import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import complete_measure_fields, feedback_with_problems, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.plans.models import Term
from xuncha.rectification import domain, levels

pytestmark = pytest.mark.django_db

END = date(2020, 12, 31)  # the previous city term's last day


@dataclass
class World:
    previous: Term  # 十二届市委 (ended)
    city: Term  # 十三届市委
    district: Term  # 十二届思明区委, overlapping 十三届市委
    open_measure: object
    closed_after: object
    closed_before: object


def _plan(inspection, problems, organisation, deadline=date(2030, 1, 1)):
    plan = domain.start_plan(inspection, by=None, organisation=organisation)
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(organisation, deadline=deadline))
        for p in problems
    ]
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    return measures


def _report(measure, status):
    domain.post_progress(measure, by=None, text="进展", status=status)


def _sign_off(measure, on):
    _report(measure, "done")
    domain.request_sign_off(measure, by=None)
    domain.approve_sign_off(measure, by=None, on=on)


@pytest.fixture
def world(tree) -> World:
    far = timezone.localdate().replace(month=12, day=31)
    far = far.replace(year=far.year + 5)
    previous = make_term(tree.city, name="十二届市委", starts_on=date(2016, 1, 1), ends_on=END)
    city = make_term(tree.city, name="十三届市委", starts_on=date(2021, 1, 1), ends_on=far)
    district = make_term(tree.district, name="十二届思明区委", starts_on=date(2021, 6, 1), ends_on=far)

    old = make_inspection(
        previous, [tree.district], title="十二届市委对思明区的巡察",
        entry_on=date(2019, 3, 1), exit_on=date(2019, 4, 1), feedback_on=date(2019, 5, 1),
    )
    open_m, after, before = _plan(old, feedback_with_problems(old, 3, organisation=tree.district), tree.district,
                                  deadline=date(2020, 10, 1))
    _sign_off(before, date(2020, 6, 1))
    _sign_off(after, date(2022, 3, 1))

    # 市委 inspection of 湖里区: 2 problems, 1 done → 50% / 50%
    huli = make_inspection(
        city, [tree.other_district], title="十三届市委对湖里区的巡察",
        entry_on=date(2022, 3, 1), exit_on=date(2022, 4, 1), feedback_on=date(2022, 5, 1),
    )
    m1, _m2 = _plan(huli, feedback_with_problems(huli, 2, organisation=tree.other_district), tree.other_district)
    _report(m1, "done")

    # 区委 inspection of 梧村街道: 3 problems, 1 done, 1 basically done → 33.33% / 66.67%
    street = make_inspection(
        district, [tree.street], title="十二届思明区委对梧村街道的巡察", team_name="区委第一巡察组",
        entry_on=date(2022, 3, 1), exit_on=date(2022, 4, 1), feedback_on=date(2022, 5, 1),
    )
    s1, s2, _s3 = _plan(street, feedback_with_problems(street, 3, organisation=tree.street), tree.street)
    _report(s1, "done")
    _report(s2, "basically_done")
    return World(previous, city, district, open_m, after, before)


def _terms(user):
    return levels.visible_terms(user)


def test_rates_by_inspecting_level_from_rows(tree, world):
    office = user_with_role(Role.OFFICE, tree.city)
    figures = levels.level_rates(office, world.city, _terms(office))
    assert [t.name for t in (r.term for r in figures.by_term)] == ["十三届市委", "十二届思明区委"]
    city, district = figures.by_level
    assert (city.problems, city.done, city.basically_done, city.not_done) == (2, 1, 0, 1)
    assert (city.completion_rate, city.rectification_rate) == (Decimal("50.00"), Decimal("50.00"))
    assert (district.problems, district.done, district.basically_done) == (3, 1, 1)
    assert (district.completion_rate, district.rectification_rate) == (Decimal("33.33"), Decimal("66.67"))
    assert figures.total.problems == 5 and figures.total.rectification_rate == Decimal("60.00")
    assert (city.measures, city.measures_signed_off, district.measures) == (2, 0, 3)


def test_rates_move_when_one_row_changes(tree, world):
    """The rate is read from rows, not stored: one more measure reported done moves 区委's rate."""
    office = user_with_role(Role.OFFICE, tree.city)
    before = levels.level_rates(office, world.city, _terms(office)).by_level[1]
    street_measure = world.district.inspections.get().plans.get().measures.get(number=3)
    _report(street_measure, "done")
    after = levels.level_rates(office, world.city, _terms(office)).by_level[1]
    assert before.completion_rate == Decimal("33.33")
    assert after.completion_rate == Decimal("66.67")
    assert after.rectification_rate == Decimal("100.00")


def test_carry_over_open_at_end_closed_since_still_open(tree, world):
    office = user_with_role(Role.OFFICE, tree.city)
    carry = levels.carry_over(office, world.city, _terms(office), today=date(2026, 1, 1))
    assert carry.previous == world.previous
    # three measures: one signed off before the end, one after, one still open
    assert (carry.open_at_end, carry.closed_since, carry.still_open) == (2, 1, 1)
    assert carry.overdue == 1
    assert carry.cleared_rate == Decimal("50.00")
    _sign_off(world.open_measure, timezone.localdate())
    carry = levels.carry_over(office, world.city, _terms(office))
    assert (carry.open_at_end, carry.closed_since, carry.still_open) == (2, 2, 0)
    assert carry.cleared_rate == Decimal("100.00")


def test_carry_over_none_for_a_first_term(tree, world):
    office = user_with_role(Role.OFFICE, tree.city)
    assert levels.carry_over(office, world.previous, _terms(office)) is None
    assert levels.carry_over(office, world.district, _terms(office)) is None


def test_clearance_list_lists_the_open_measures_of_ended_terms_only(tree, world, client):
    office = user_with_role(Role.OFFICE, tree.city)
    client.force_login(office)
    response = client.get("/rectification/clearance/")
    assert response.status_code == 200
    body = response.content.decode()
    rows = set(map(int, re.findall(r'data-measure="(\d+)"', body)))
    assert rows == {world.open_measure.pk}
    assert "十二届市委 · 中共厦门市思明区委员会" in body
    assert "逾期" in body


def test_clearance_list_is_as_wide_as_the_ledger(tree, world, client):
    """湖里区's office reads no row of the inspection of 思明区; 思明区's liaison reads its own."""
    client.force_login(user_with_role(Role.OFFICE, tree.other_district))
    assert 'data-measure="' not in client.get("/rectification/clearance/").content.decode()
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    body = client.get("/rectification/clearance/").content.decode()
    assert f'data-measure="{world.open_measure.pk}"' in body


def test_clearance_filters(tree, world, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    marker = f'data-measure="{world.open_measure.pk}"'
    assert marker in client.get(f"/rectification/clearance/?term={world.previous.pk}&overdue=1").content.decode()
    assert marker in client.get("/rectification/clearance/?inspecting_level=city").content.decode()
    assert marker not in client.get("/rectification/clearance/?inspecting_level=district").content.decode()
    assert marker not in client.get(f"/rectification/clearance/?term={world.city.pk}").content.decode()


def test_clearance_export_has_exactly_the_listed_rows(tree, world, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.get("/rectification/clearance/export.xlsx", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "clearance-" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    data = [row for row in values if isinstance(row[0], int)]
    assert [row[0] for row in data] == [world.open_measure.pk]
    assert data[0][1] == "十二届市委"


def test_clearance_list_through_the_api_has_the_pages_rows(tree, world, client):
    from tests.api_client import bearer

    office = bearer(user_with_role(Role.OFFICE, tree.city))
    body = client.get(f"/api/v1/clearance?term={world.previous.pk}", **office).json()
    assert [item["id"] for item in body["items"]] == [world.open_measure.pk]
    assert body["items"][0]["term"] == "十二届市委"
    assert client.get(f"/api/v1/clearance?term={world.city.pk}", **office).json()["count"] == 0
    assert client.get("/api/v1/clearance", **bearer(user_with_role(Role.OFFICE, tree.other_district))).json()[
        "count"] == 0


def test_clearance_list_query_count_does_not_grow_with_rows(tree, world, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/rectification/clearance/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    more = make_inspection(
        world.previous, [tree.other_district], title="十二届市委对湖里区的巡察",
        entry_on=date(2019, 3, 1), exit_on=date(2019, 4, 1), feedback_on=date(2019, 5, 1),
    )
    _plan(more, feedback_with_problems(more, 3, organisation=tree.other_district), tree.other_district)
    assert len(client.get("/rectification/clearance/").context["page"]) == 4
    assert count() == before


def test_levels_page_and_its_drill_downs_list_exactly_the_counted_rows(tree, world, client):
    """Each level's problem count links to the figures page, which counts the same rows; each
    term's measures link to the ledger filtered to that term, which lists exactly them."""
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.get(f"/rectification/levels/?term={world.city.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "市委巡察" in body and "区委巡察" in body
    figures = response.context["figures"]
    for row in figures.by_level:
        page = client.get(f"/rectification/figures/?{row.param}").context["figures"]
        assert (page.problems, page.done, page.basically_done, page.measures) == (
            row.problems, row.done, row.basically_done, row.measures,
        )
    for row in figures.by_term:
        ledger = client.get(f"/ledger/?term={row.term.pk}")
        assert {m.pk for m in ledger.context["page"]} == set(
            levels.measures_for_user(response.wsgi_request.user).filter(plan__inspection__term=row.term)
            .values_list("pk", flat=True)
        )
        assert len(ledger.context["page"]) == row.measures
    assert 'data-testid="open-at-end">2<' in body
    assert f'/rectification/clearance/?term={world.previous.pk}' in body


def test_levels_page_out_of_scope_term_is_404(tree, world, client):
    client.force_login(user_with_role(Role.OFFICE, tree.other_district))
    assert client.get(f"/rectification/levels/?term={world.district.pk}").status_code == 404
    assert client.get("/rectification/levels/?term=999999").status_code == 404


def test_levels_page_district_office_sees_its_own_rows_only(tree, world, client):
    """思明区's office choosing the city's term sees the city's inspections of 思明区 only (none
    in this term) beside its own term: never 湖里区's problems."""
    office = user_with_role(Role.OFFICE, tree.district)
    figures = levels.level_rates(office, world.district, _terms(office))
    assert [r.term for r in figures.by_term] == [world.district]
    assert figures.total.problems == 3


def test_levels_page_query_count_does_not_grow_with_terms(tree, world, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/rectification/levels/?term={world.city.pk}"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    huli_term = make_term(
        tree.other_district, name="十二届湖里区委", starts_on=date(2021, 6, 1), ends_on=world.city.ends_on
    )
    more = make_inspection(
        huli_term, [tree.other_street], title="十二届湖里区委对湖里街道的巡察", team_name="区委第一巡察组",
        entry_on=date(2022, 3, 1), exit_on=date(2022, 4, 1), feedback_on=date(2022, 5, 1),
    )
    _plan(more, feedback_with_problems(more, 2, organisation=tree.other_street), tree.other_street)
    response = client.get(url)
    assert [r.term for r in response.context["figures"].by_term][-1] == huli_term
    assert response.context["figures"].by_level[1].problems == 5
    assert count() == before
