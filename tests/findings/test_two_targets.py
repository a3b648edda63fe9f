"""The feedback tree of an inspection of two sibling organisations: each inspected organisation
reads only its own problems (and the aspects holding them); oversight and the policy's own
control read all."""

import pytest

from tests.factories import OTHER_ASPECT, OTHER_PROBLEM, OWN_PROBLEM, two_target_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import restrict
from xuncha.findings.models import Aspect, Problem

pytestmark = pytest.mark.django_db


def test_problem_and_aspect_policies_keep_each_inspected_organisation_to_its_own(tree):
    two = two_target_inspection(tree)
    own, other = two.problems["own"], two.problems["other"]
    office = user_with_role(Role.OFFICE, tree.city)
    assert set(restrict(Problem.objects.all(), office)) == {*own, *other}
    assert set(restrict(Aspect.objects.all(), office)) == {two.aspect, two.apart}
    for role, scope, mine in [
        (Role.LIAISON, tree.district, own),
        (Role.RESPONSIBLE_UNIT, tree.district, own),
        (Role.LIAISON, tree.other_district, other),
    ]:
        user = user_with_role(role, scope)
        assert set(restrict(Problem.objects.all(), user)) == set(mine)
        assert set(restrict(Aspect.objects.all(), user)) == {
            a for a in (two.aspect, two.apart) if any(p.aspect_id == a.pk for p in mine)
        }
    # the street below 思明区 is not an inspected organisation here: its liaison reads nothing
    assert not restrict(Problem.objects.all(), user_with_role(Role.LIAISON, tree.street)).exists()


def test_feedback_page_shows_an_inspected_organisation_only_its_own_problems(tree, client):
    two = two_target_inspection(tree)
    url = f"/findings/inspection/{two.inspection.pk}/feedback/"
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    office = client.get(url).content.decode()
    assert OWN_PROBLEM in office and OTHER_PROBLEM in office and OTHER_ASPECT in office
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert all(f"{OWN_PROBLEM}{n}" in body for n in (1, 2, 3))
    assert OTHER_PROBLEM not in body and OTHER_ASPECT not in body
