"""The dashboard reads the tallies: it shows oversight users exactly what the figures page
computes from the rows for the same scope, term by term, in a number of queries that does not
grow with the inspections."""

from datetime import date
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tests.factories import complete_measure_fields, feedback_with_problems, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import restrict
from xuncha.audit.lifecycle import archive
from xuncha.findings.models import Problem
from xuncha.rectification import domain
from xuncha.rectification.deadlines import done_q
from xuncha.rectification.figures import rectification_figures
from xuncha.rectification.queries import measures_for_user

pytestmark = pytest.mark.django_db

URL = "/rectification/dashboard/"
PAST, FUTURE = date(2022, 12, 31), date(2099, 1, 1)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _approved(inspection, organisation, unit, problems, fields):
    """A plan of `organisation` with one measure per (problem, extra fields), approved."""
    plan = domain.start_plan(inspection, by=None, organisation=organisation)
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(unit, **f))
        for p, f in zip(problems, fields, strict=True)
    ]
    domain.submit_plan(plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(plan, by=None)
    return measures


def _signed_off(measure, status="done"):
    domain.post_progress(measure, by=None, text="完成", status=status)
    domain.request_sign_off(measure, by=None)
    domain.approve_sign_off(measure, by=None)


def _inspection(term, targets, title, year=2021):
    return make_inspection(
        term,
        targets,
        title=title,
        entry_on=date(year, 1, 11),
        exit_on=date(year, 2, 6),
        feedback_on=date(year, 6, 25),
    )


@pytest.fixture
def world(tree):
    """Term 十二届 (current): 思明区 (4 problems in 方面1/方面2) and 梧村街道 (2 problems in a
    second 方面1) inspected together, 湖里区 (3 problems) apart. Term 十一届 (older): 文灶社区."""
    term = make_term(tree.city)
    old = make_term(tree.city, name="十一届市委", starts_on=date(2011, 1, 1), ends_on=date(2015, 12, 31))
    siming = _inspection(term, [tree.district, tree.street], "对思明区的巡察")
    district = feedback_with_problems(siming, 4, organisation=tree.district, aspects=2)
    street = feedback_with_problems(siming, 2, organisation=tree.street)
    # the fifth measure, on problem (1) too, is archived: (1) counts as done by the first alone
    d = _approved(siming, tree.district, tree.street, [*district, district[0]], [{}, {}, {}, {"deadline": FUTURE}, {}])
    domain.archive_measure(d[4], by=None, reason="重复录入")
    _signed_off(d[0])
    domain.post_progress(d[1], by=None, text="完成", status="done")
    domain.request_sign_off(d[1], by=None)
    domain.post_progress(d[2], by=None, text="基本完成", status="basically_done")
    s = _approved(
        siming,
        tree.street,
        tree.community,
        street,
        [{"deadline": None, "ongoing": True, "stage_target": "每季度检查一次"}, {"deadline": FUTURE}],
    )
    _signed_off(s[0], status="ongoing")
    domain.post_progress(s[1], by=None, text="推进中", status="in_progress")
    huli = _inspection(term, [tree.other_district], "对湖里区的巡察")
    other = feedback_with_problems(huli, 3, organisation=tree.other_district)
    h = _approved(huli, tree.other_district, tree.other_street, other, [{}, {}, {}])
    _signed_off(h[0])
    domain.archive_measure(h[2], by=None, reason="重复录入")
    wenzao = _inspection(old, [tree.community], "对文灶社区的巡察", year=2013)
    old_problems = feedback_with_problems(wenzao, 2, organisation=tree.community)
    w = _approved(wenzao, tree.community, tree.community, old_problems, [{}, {}])
    domain.post_progress(w[0], by=None, text="基本完成", status="basically_done")
    return term, old, siming, huli, wenzao


def _slow(user, term, **filters):
    """rectification_figures over the rows of the term's inspections (the figures page's way)."""
    problems = restrict(Problem.objects.filter(inspection__term=term, inspection__archived_at__isnull=True), user)
    measures = measures_for_user(user).filter(plan__inspection__term=term, plan__archived_at__isnull=True)
    if "level" in filters:
        problems = problems.filter(organisation__level=filters["level"])
        measures = measures.filter(plan__organisation__level=filters["level"])
    if "organisation" in filters:
        problems = problems.filter(organisation_id=filters["organisation"])
        measures = measures.filter(plan__organisation_id=filters["organisation"])
    if "aspect_title" in filters:
        problems = problems.filter(aspect__title=filters["aspect_title"])
    return rectification_figures(problems, measures, today=timezone.localdate()), measures


def _same(rates, slow) -> None:
    assert (rates.problems, rates.done, rates.basically_done, rates.not_done, rates.not_stated) == (
        slow.problems,
        slow.done,
        slow.basically_done,
        slow.not_done,
        slow.not_stated,
    )
    assert (rates.completion_rate, rates.rectification_rate) == (slow.completion_rate, slow.rectification_rate)


def _dashboard(client, user, query="", **headers):
    client.force_login(user)
    response = client.get(URL + query, **headers)
    assert response.status_code == 200
    return response


def test_figures_equal_the_slow_path_for_the_same_scope(tree, world, client):
    term, _old, *_ = world
    office = user_with_role(Role.OFFICE, tree.city)
    response = _dashboard(client, office)
    figures = response.context["figures"]
    assert response.context["term"] == term  # the latest term by default
    slow, measures = _slow(office, term)
    _same(figures.total, slow)
    # 思明区 (1), (2) (reported done, awaiting sign-off), 梧村街道 (5), 湖里区 (7)
    assert (figures.total.problems, figures.total.done) == (9, 4)
    assert figures.measures.by_status == slow.measures_by_status
    assert (figures.measures.measures, figures.measures.overdue) == (slow.measures, slow.overdue)
    assert figures.measures.signed_off == measures.filter(done_q()).count() == 3
    assert figures.measures.overdue == 3  # 思明区 (2), (3); 湖里区 (8)
    assert [r.param for r in figures.by_level] == ["level=district", "level=town"]
    for rates in figures.by_level:
        _same(rates, _slow(office, term, **dict(parse_qsl(rates.param)))[0])
    assert {r.rates.label for r in figures.organisations} == {
        tree.district.name,
        tree.street.name,
        tree.other_district.name,
    }
    for row in figures.organisations:
        slow_org, _ = _slow(office, term, **dict(parse_qsl(row.rates.param)))
        _same(row.rates, slow_org)
        assert (row.measures.measures, row.measures.overdue) == (slow_org.measures, slow_org.overdue)
    assert [r.label for r in figures.by_aspect][:1] == ["方面1"]  # 思明区's and 梧村街道's and 湖里区's
    assert figures.by_aspect[0].problems == 2 + 2 + 3
    for rates in figures.by_aspect:
        _same(rates, _slow(office, term, **dict(parse_qsl(rates.param)))[0])
    assert response.context["coverage"] is not None


def test_every_group_drills_down_to_the_same_number_on_the_figures_page(tree, world, client):
    office = user_with_role(Role.OFFICE, tree.city)
    response = _dashboard(client, office)
    base, figures = response.context["base"], response.context["figures"]
    page = response.content.decode()
    for rates in [figures.by_level[0], figures.organisations[0].rates, figures.by_aspect[0]]:
        url = f"/rectification/figures/?{base}&{rates.param}"
        assert f'href="{url}"'.replace("&", "&amp;") in page
        drilled = client.get(url).context["figures"]
        assert (drilled.problems, drilled.done, drilled.not_done) == (rates.problems, rates.done, rates.not_done)


def test_terms_are_counted_apart(tree, world, client):
    term, old, *_ = world
    office = user_with_role(Role.OFFICE, tree.city)
    figures = _dashboard(client, office, f"?term={old.pk}").context["figures"]
    assert (figures.total.problems, figures.total.basically_done) == (2, 1)
    assert [r.param for r in figures.by_level] == ["level=village"]
    assert figures.measures.measures == 2
    assert client.get(f"{URL}?term={term.pk + old.pk + 1000}").status_code == 404


def test_all_terms_together_add_up_the_terms(tree, world, client):
    term, old, *_ = world
    office = user_with_role(Role.OFFICE, tree.city)
    every = _dashboard(client, office, "?term=all")
    assert every.context["term"] is None and every.context["coverage"] is None
    figures = every.context["figures"]
    latest = _dashboard(client, office, f"?term={term.pk}").context["figures"]
    earlier = _dashboard(client, office, f"?term={old.pk}").context["figures"]
    assert figures.total.problems == latest.total.problems + earlier.total.problems == 9 + 2
    assert figures.total.done == latest.total.done + earlier.total.done
    assert figures.measures.measures == latest.measures.measures + earlier.measures.measures


def test_a_district_office_counts_only_what_it_oversees(tree, world, client):
    term, *_ = world
    office = user_with_role(Role.OFFICE, tree.district)
    response = _dashboard(client, office)
    figures = response.context["figures"]
    assert response.context["term"] == term
    assert response.context["coverage"] is None  # the city's term plan is not the district's to read
    assert figures.total.problems == 6
    assert tree.other_district.name not in {r.rates.label for r in figures.organisations}
    slow, _ = _slow(office, term)
    _same(figures.total, slow)


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [
        (Role.OFFICE, "city", 200),
        (Role.DISCIPLINE_REVIEWER, "city", 200),
        (Role.ORGANISATION_REVIEWER, "city", 200),
        (Role.LEADERSHIP, "city", 200),
        (Role.LIAISON, "district", 404),
        (Role.RESPONSIBLE_UNIT, "street", 404),
        (Role.TEAM_MEMBER, "city", 404),
        (Role.SYSTEM_ADMIN, "city", 404),
        (Role.SECURITY_ADMIN, "city", 404),
        (Role.AUDITOR, "city", 404),
    ],
)
def test_who_sees_the_dashboard(tree, world, client, role, scope, status):
    user = user_with_role(role, getattr(tree, scope))
    client.force_login(user)
    assert client.get(URL).status_code == status
    link = 'href="/rectification/dashboard/"' in client.get("/").content.decode()
    assert link is (status == 200)


def _count(client) -> int:
    client.get(URL)  # the session's idle timeout is refreshed at most once a minute: not in the count
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_inspections(tree, client):
    term = make_term(tree.city)
    client.force_login(user_with_role(Role.OFFICE, tree.city))

    def inspect(organisation, unit, title):
        inspection = _inspection(term, [organisation], title)
        problems = feedback_with_problems(inspection, 3, organisation=organisation, aspects=2)
        measures = _approved(inspection, organisation, unit, problems, [{}, {"deadline": FUTURE}, {}])
        _signed_off(measures[0])

    inspect(tree.district, tree.street, "对思明区的巡察")
    one = _count(client)
    inspect(tree.other_district, tree.other_street, "对湖里区的巡察")
    inspect(tree.street, tree.community, "对梧村街道的巡察")
    assert _count(client) == one
    figures = client.get(URL).context["figures"]
    assert (figures.total.problems, figures.total.done, len(figures.organisations)) == (9, 3, 3)


def test_organisations_rank_by_problems_then_measures_and_the_rest_are_counted(tree, world):
    from xuncha.inspections.models import Inspection
    from xuncha.rectification.dashboard import dashboard_figures
    from xuncha.rectification.models import Measure

    # 梧村街道 and 文灶社区 both have 2 problems; with one of its measures archived the street has
    # fewer measures, so the community ranks first although its id is higher
    assert tree.street.pk < tree.community.pk
    last = Measure.objects.filter(plan__organisation=tree.street).order_by("pk").last()
    domain.archive_measure(last, by=None, reason="重复录入")
    everything = Inspection.objects.all()
    names = lambda figures: [row.rates.label for row in figures.organisations]  # noqa: E731
    figures = dashboard_figures(everything, today=timezone.localdate(), top=3)
    assert names(figures) == [tree.district.name, tree.other_district.name, tree.community.name]
    assert figures.more_organisations == 1
    assert [row.measures.measures for row in figures.organisations] == [4, 2, 2]
    figures = dashboard_figures(everything, today=timezone.localdate(), top=50)
    assert names(figures)[-1] == tree.street.name and figures.more_organisations == 0
    assert sum(row.rates.problems for row in figures.organisations) == figures.total.problems == 11
    empty = dashboard_figures(Inspection.objects.none(), today=timezone.localdate())
    assert (empty.organisations, empty.more_organisations, empty.total.problems) == ([], 0, 0)


@pytest.mark.parametrize("scope", ["city", "district"])
def test_whole_terms_and_single_inspections_give_the_same_figures(tree, world, monkeypatch, scope):
    """The city office's terms are whole (read from the term tallies); the district office sees
    only part of the city's term (its inspections one by one). Forcing every inspection through
    the inspection tallies gives the same dashboard either way."""
    from xuncha.rectification import dashboard
    from xuncha.rectification.queries import oversight_inspections, oversight_part

    term, old, siming, _huli, _wenzao = world
    user = user_with_role(Role.OFFICE, getattr(tree, scope))
    inspections = oversight_inspections(user)
    split = dashboard._split(inspections)
    if scope == "city":
        assert (split.whole_terms, split.rest) == (sorted([term.pk, old.pk]), None)
    else:  # the old term holds only 文灶社区's inspection, in the district: whole for its office
        assert split.whole_terms == [old.pk]
        assert split.rest == Q(inspection_id__in=[siming.pk])
    today = timezone.localdate()
    figures = dashboard.dashboard_figures(inspections, today=today)
    # the district office reads the city's inspection of 思明区 in part (its own share): the same
    # rows here, since that inspection concerns only the district's organisations
    assert dashboard.dashboard_figures(inspections, today=today, part=oversight_part(user)) == figures
    monkeypatch.setattr(dashboard, "SCOPE_LISTED", 0)  # the scope as subqueries, not listed once
    assert dashboard._split(inspections).whole_terms == split.whole_terms
    assert dashboard.dashboard_figures(inspections, today=today) == figures
    assert dashboard.dashboard_figures(inspections, today=today, part=oversight_part(user)) == figures
    monkeypatch.setattr(dashboard, "REST_LISTED", 0)  # and the inspections left over as a subquery
    assert dashboard.dashboard_figures(inspections, today=today) == figures
    assert dashboard.dashboard_figures(inspections, today=today, part=oversight_part(user)) == figures
    every_id = list(inspections.values_list("pk", flat=True))
    monkeypatch.setattr(dashboard, "_split", lambda *_: dashboard._Scope([], Q(inspection_id__in=every_id)))
    assert dashboard.dashboard_figures(inspections, today=today) == figures
    assert figures.total.problems == (11 if scope == "city" else 8)


def test_an_archived_inspection_makes_its_term_partial(tree, world):
    from xuncha.inspections.models import Inspection
    from xuncha.rectification import dashboard

    _term, old, _siming, huli, _wenzao = world
    archive(huli, by=None, reason="录入错误")
    active = Inspection.objects.filter(archived_at__isnull=True)
    split = dashboard._split(active)
    assert split.whole_terms == [old.pk]  # the current term has an inspection out of scope now
    figures = dashboard.dashboard_figures(active, today=timezone.localdate())
    assert figures.total.problems == 8  # 思明区 4, 梧村街道 2, 文灶社区 2: 湖里区's 3 are gone


def test_a_move_outside_the_domain_never_carries_figures_across_scopes(tree, world, client):
    """湖里区's inspection moved into the old term by QuerySet.update (no tally refresh): the old term's
    rows do not count it, the current term's still do. Neither term may be read whole now: the
    district office must not see 湖里区 through either."""
    from xuncha import tallies
    from xuncha.inspections.models import Inspection
    from xuncha.rectification import dashboard
    from xuncha.rectification.queries import oversight_inspections

    term, old, _siming, huli, _wenzao = world
    office = user_with_role(Role.OFFICE, tree.district)
    before = dashboard.dashboard_figures(oversight_inspections(office), today=timezone.localdate())
    Inspection.objects.filter(pk=huli.pk).update(term=old)
    assert {d.term_id for d in tallies.differences() if d.term_id} == {term.pk, old.pk}
    split = dashboard._split(Inspection.objects.all())
    assert split.whole_terms == []  # neither term's rows are read for anyone until a refresh
    figures = dashboard.dashboard_figures(oversight_inspections(office), today=timezone.localdate())
    assert tree.other_district.name not in {r.rates.label for r in figures.organisations}
    assert figures.total.problems == before.total.problems == 8
    tallies.rebuild_all()
    assert tallies.differences() == []
    assert dashboard._split(Inspection.objects.all()).whole_terms == sorted([term.pk, old.pk])


def test_a_new_inspection_keeps_its_term_whole(tree, world):
    from xuncha.inspections.models import Inspection
    from xuncha.rectification import dashboard

    term, old, *_ = world
    _inspection(term, [tree.other_street], "对新单位的巡察")  # no problems yet
    assert dashboard._split(Inspection.objects.all()).whole_terms == sorted([term.pk, old.pk])


# the dashboard's rate tables as its template wrote them before their rows were prepared in the
# view (issue 19): the page must give the same rows
_FORMER_RATE_ROW = (
    '<td><a href="{{ link }}">{{ r.problems }}</a></td><td><a href="{{ link }}">{{ r.done }}</a></td>'
    '<td><a href="{{ link }}">{{ r.basically_done }}</a></td><td><a href="{{ link }}">{{ r.not_done }}</a></td>'
    '<td><a href="{{ link }}">{{ r.not_stated }}</a></td>'
    "<td>{% if r.completion_rate is not None %}{{ r.completion_rate }}%{% endif %}</td>"
    "<td>{% if r.rectification_rate is not None %}{{ r.rectification_rate }}%{% endif %}</td>"
)
_FORMER_ORGANISATION_ROW = (
    "<tr><td>{{ r.label }}</td><td>{{ level_label }}</td>" + _FORMER_RATE_ROW + '<td><a href="{{ link }}">'
    '{{ measures }}</a></td><td><a class="{% if overdue %}text-red{% endif %}" href="{{ link }}">{{ overdue }}</a>'
    "</td></tr>"
)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_prepared_tables_give_what_the_template_gave(tree, world, client, language):
    from django.template import Context, Template

    office = user_with_role(Role.OFFICE, tree.city)
    response = _dashboard(client, office, "?term=all", HTTP_ACCEPT_LANGUAGE=language)
    figures, base = response.context["figures"], response.context["base"]
    page = response.content.decode()
    with translation.override(language):
        organisation_row = Template(_FORMER_ORGANISATION_ROW)
        rate_row = Template("<tr><td>{{ r.label }}</td>" + _FORMER_RATE_ROW + "</tr>")
        link = "/rectification/figures/?{}&{}"
        for row in figures.organisations:
            expected = organisation_row.render(
                Context(
                    {
                        "r": row.rates,
                        "link": link.format(base, row.rates.param),
                        "level_label": row.level_label,
                        "measures": row.measures.measures,
                        "overdue": row.measures.overdue,
                    }
                )
            )
            assert expected in page, expected
        for rates in [*figures.by_level, *figures.by_aspect]:
            expected = rate_row.render(Context({"r": rates, "link": link.format(base, rates.param)}))
            assert expected in page, expected
    assert figures.organisations and figures.by_aspect and figures.by_level
    assert any(row.rates.completion_rate is not None for row in figures.organisations)
    assert any(row.measures.overdue for row in figures.organisations)


def test_the_workbench_shows_coverage_only_to_those_who_read_the_terms_plan(tree, world):
    """The home page's figures read the dashboard's terms, each marked with whether its plan is
    the user's to read (`dashboard_terms`): coverage for the city's office, none for a district's."""
    from xuncha.workbench import agenda

    term, *_ = world
    today = timezone.localdate()
    city = agenda.scope_figures(user_with_role(Role.OFFICE, tree.city), today=today)
    assert city.term == term and city.coverage is not None and city.coverage.term == term
    district = agenda.scope_figures(user_with_role(Role.OFFICE, tree.district), today=today)
    assert district.term == term and district.coverage is None
