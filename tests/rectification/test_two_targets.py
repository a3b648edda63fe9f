"""An inspection of two sibling organisations (思明区 and 湖里区): each inspected organisation's
liaison and responsible units see only their own organisation's problems, measures and plan on
every rectification page; oversight sees both (the positive control)."""

import pytest

from tests.factories import (
    OTHER_ASPECT,
    OTHER_MEASURE,
    OTHER_PROBLEM,
    OWN_MEASURE,
    OWN_PROBLEM,
    two_target_inspection,
    user_with_role,
)
from xuncha.accounts.enums import Role
from xuncha.rectification import domain

pytestmark = pytest.mark.django_db
INSPECTED = [(Role.LIAISON, "district"), (Role.RESPONSIBLE_UNIT, "district")]


@pytest.fixture
def two(tree):
    return two_target_inspection(tree)


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response


def _page(client, url):
    return _get(client, url).content.decode()


def _hidden(body):
    """Nothing of 湖里区's feedback or rectification appears."""
    for word in (OTHER_PROBLEM, OTHER_MEASURE, OTHER_ASPECT):
        assert word not in body


def test_board_shows_the_office_both_organisations(tree, two, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    body = _page(client, f"/rectification/inspection/{two.inspection.pk}/board/")
    assert body.count('data-testid="board-problem"') == 5
    assert OWN_PROBLEM in body and OTHER_PROBLEM in body and OTHER_ASPECT in body
    assert tree.other_street.name in body  # the other side's lead unit is a filter


@pytest.mark.parametrize(("role", "scope"), INSPECTED)
def test_board_shows_an_inspected_organisation_only_its_own(tree, two, client, role, scope):
    client.force_login(user_with_role(role, getattr(tree, scope)))
    url = f"/rectification/inspection/{two.inspection.pk}/board/"
    body = _page(client, url)
    assert body.count('data-testid="board-problem"') == 3
    assert f"{OWN_PROBLEM}1" in body and f"{OWN_PROBLEM}3" in body
    _hidden(body)
    assert tree.other_street.name not in body  # the other side's units are not offered as a filter
    assert _get(client, url).context["figures"].problems == 3
    # filtering by the other side's unit or by status finds nothing of theirs
    assert 'data-testid="board-problem"' not in _page(client, f"{url}?unit={tree.other_street.pk}")
    _hidden(_page(client, f"{url}?status=not_done"))


def test_board_shows_the_other_liaison_only_its_own(tree, two, client):
    client.force_login(user_with_role(Role.LIAISON, tree.other_district))
    body = _page(client, f"/rectification/inspection/{two.inspection.pk}/board/")
    assert body.count('data-testid="board-problem"') == 2 and OTHER_ASPECT in body
    assert OWN_PROBLEM not in body


def test_overview_lists_only_the_liaisons_own_plan_and_figures(tree, two, client):
    url = f"/rectification/inspection/{two.inspection.pk}/"
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    office = _get(client, url)
    assert office.context["figures"].problems == 5 and office.context["figures"].measures == 5
    assert f'href="/rectification/plans/{two.plans["other"].pk}/"' in office.content.decode()
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    response = _get(client, url)
    body = response.content.decode()
    assert (response.context["figures"].problems, response.context["figures"].measures) == (3, 3)
    assert f'href="/rectification/plans/{two.plans["own"].pk}/"' in body
    assert f'href="/rectification/plans/{two.plans["other"].pk}/"' not in body
    _hidden(body)


@pytest.mark.parametrize(("role", "scope"), INSPECTED)
def test_problem_page_opens_only_the_inspected_organisations_own_problems(tree, two, client, role, scope):
    own, other = two.problems["own"][0], two.problems["other"][0]
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert f"{OTHER_PROBLEM}1" in _page(client, f"/rectification/problems/{other.pk}/")
    client.force_login(user_with_role(role, getattr(tree, scope)))
    body = _page(client, f"/rectification/problems/{own.pk}/")
    assert f"{OWN_PROBLEM}1" in body and f"{OWN_MEASURE}1" in body
    _hidden(body)
    _get(client, f"/rectification/problems/{other.pk}/", 404)
    _get(client, f"/rectification/plans/{two.plans['other'].pk}/", 404)
    _get(client, f"/rectification/measures/{two.measures['other'][0].pk}/", 404)


def test_figures_page_counts_only_the_liaisons_own_under_every_filter(tree, two, client):
    domain.post_progress(two.measures["other"][0], by=None, text="湖里区已完成", status="done")
    domain.request_sign_off(two.measures["other"][0], by=None)
    domain.approve_sign_off(two.measures["other"][0], by=None)
    domain.reopen_problem(two.problems["other"][0], by=None, reason="湖里区反弹")
    inspection = two.inspection
    filters = [
        "",
        f"?term={inspection.term_id}",
        f"?inspection={inspection.pk}",
        f"?aspect={two.aspect.pk}",
        "?aspect_title=共同方面",
        f"?level={tree.district.level}",
    ]

    def counts(query):
        figures = _get(client, f"/rectification/figures/{query}").context["figures"]
        return figures.problems, figures.measures, figures.rebounds

    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert [counts(q) for q in filters] == [(5, 5, 1), (5, 5, 1), (5, 5, 1), (4, 4, 1), (4, 4, 1), (5, 5, 1)]
    assert counts(f"?organisation={tree.other_district.pk}") == (2, 2, 1)
    assert counts(f"?aspect={two.apart.pk}") == (1, 1, 0)
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    assert [counts(q) for q in filters] == [(3, 3, 0)] * len(filters)
    assert counts(f"?organisation={tree.other_district.pk}") == (0, 0, 0)
    assert counts(f"?aspect={two.apart.pk}") == (0, 0, 0)
    _hidden(_page(client, "/rectification/figures/"))


OVERSIGHT_INSIDE = [Role.DISCIPLINE_REVIEWER, Role.LEADERSHIP, Role.ORGANISATION_REVIEWER]


@pytest.mark.parametrize("role", OVERSIGHT_INSIDE)
def test_oversight_inside_one_inspected_organisation_reads_only_its_share(tree, two, client, role):
    """A district's reviewer or leadership under a city's inspection of two districts reads its
    own district's problems, plans and measures on every page, never the other district's."""
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert OTHER_PROBLEM in _page(client, f"/rectification/inspection/{two.inspection.pk}/board/")
    client.force_login(user_with_role(role, tree.district))
    board = f"/rectification/inspection/{two.inspection.pk}/board/"
    body = _page(client, board)
    assert body.count('data-testid="board-problem"') == 3
    assert OWN_PROBLEM in body
    _hidden(body)
    assert _get(client, board).context["figures"].problems == 3
    overview = _get(client, f"/rectification/inspection/{two.inspection.pk}/")
    assert (overview.context["figures"].problems, overview.context["figures"].measures) == (3, 3)
    _hidden(overview.content.decode())
    figures = _get(client, "/rectification/figures/")
    assert (figures.context["figures"].problems, figures.context["figures"].measures) == (3, 3)
    _hidden(figures.content.decode())
    _page(client, f"/rectification/problems/{two.problems['own'][0].pk}/")
    _get(client, f"/rectification/problems/{two.problems['other'][0].pk}/", 404)
    _get(client, f"/rectification/plans/{two.plans['other'].pk}/", 404)
    _get(client, f"/rectification/measures/{two.measures['other'][0].pk}/", 404)
    _page(client, f"/rectification/plans/{two.plans['own'].pk}/")


@pytest.mark.parametrize("role", OVERSIGHT_INSIDE)
def test_oversight_inside_one_inspected_organisation_reads_only_its_share_through_the_policies(tree, two, role):
    """Every restricted query (lists, exports, search, API) goes through the policies."""
    from xuncha.accounts.permissions import restrict
    from xuncha.findings.models import Aspect, FeedbackRevision, Item, Problem
    from xuncha.rectification.models import Measure, Plan

    user = user_with_role(role, tree.district)
    problems = restrict(Problem.objects.filter(inspection=two.inspection), user)
    assert {p.title for p in problems} == {f"{OWN_PROBLEM}{n}" for n in (1, 2, 3)}
    assert set(restrict(Plan.objects.all(), user)) == {two.plans["own"]}
    assert {m.content for m in restrict(Measure.objects.all(), user)} == {f"{OWN_MEASURE}{n}" for n in (1, 2, 3)}
    assert [a.title for a in restrict(Aspect.objects.all(), user)] == ["共同方面"]  # not 湖里区's own aspect
    assert all(i.aspect.title == "共同方面" for i in restrict(Item.objects.all(), user))
    assert not restrict(FeedbackRevision.objects.all(), user).exists()  # the whole feedback's history


@pytest.mark.parametrize("role", OVERSIGHT_INSIDE)
def test_dashboard_counts_only_the_share_of_oversight_inside_one_inspected_organisation(tree, two, client, role):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert _get(client, "/rectification/dashboard/").context["figures"].total.problems == 5
    client.force_login(user_with_role(role, tree.district))
    response = _get(client, "/rectification/dashboard/")
    figures = response.context["figures"]
    assert (figures.total.problems, figures.measures.measures) == (3, 3)
    assert [row.rates.label for row in figures.organisations] == [tree.district.name]
    _hidden(response.content.decode())
    assert tree.other_district.name not in response.content.decode()


def test_oversight_of_the_inspecting_committee_still_reads_the_whole_inspection(tree, two, client):
    """The positive control: the city's own reviewers read both districts."""
    from xuncha.accounts.permissions import restrict
    from xuncha.findings.models import Problem

    user = user_with_role(Role.DISCIPLINE_REVIEWER, tree.city)
    assert restrict(Problem.objects.filter(inspection=two.inspection), user).count() == 5
    client.force_login(user)
    assert _get(client, "/rectification/dashboard/").context["figures"].total.problems == 5
