"""The feedback tree of an inspection of two sibling organisations: each inspected organisation
reads only its own problems (and the aspects holding them); oversight and the policy's own
control read all."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

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
    # a heading no problem stands under yet is the whole feedback's: each side reads it
    from xuncha.findings.domain import add_aspect

    empty = add_aspect(two.inspection, by=None, title="尚无问题的方面", today=date(2000, 1, 1))
    for scope in (tree.district, tree.other_district):
        assert empty in restrict(Aspect.objects.all(), user_with_role(Role.LIAISON, scope))
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


def test_a_problem_of_an_inspection_of_two_names_the_organisation_it_concerns(tree, client):
    """Adding a problem used to give it the first target: typed for 湖里区, read by 思明区."""
    from xuncha.findings.domain import add_problem

    two = two_target_inspection(tree, own=1, other=1)
    url = f"/findings/inspection/{two.inspection.pk}/feedback/"
    office = user_with_role(Role.OFFICE, tree.city)
    from xuncha.findings import tree as feedback_tree

    feedback_tree.open_correction(two.inspection, by=office)  # the feedback is given: edits gather in a correction
    client.force_login(office)
    form = {"step": "problem", "problem-aspect": two.aspect.pk, "problem-title": "湖里区新问题"}
    unnamed = client.post(url, form)
    assert unnamed.status_code == 200 and not Problem.objects.filter(title="湖里区新问题").exists()
    assert "organisation" in unnamed.context["problem_form"].errors
    assert client.post(url, {**form, "problem-organisation": tree.other_district.pk}).status_code == 302
    assert Problem.objects.get(title="湖里区新问题").organisation == tree.other_district
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    assert "湖里区新问题" not in client.get(url).content.decode()
    with pytest.raises(ValidationError):  # an organisation the inspection does not inspect
        add_problem(
            two.inspection, by=None, aspect=two.aspect, title="x", organisation=tree.city, today=date(2000, 1, 1)
        )
    with pytest.raises(ValidationError):  # none named, several inspected
        add_problem(two.inspection, by=None, aspect=two.aspect, title="x", today=date(2000, 1, 1))
    inside = add_problem(
        two.inspection, by=None, aspect=two.aspect, title="x", organisation=tree.street, today=date(2000, 1, 1)
    )
    assert inside.organisation == tree.street  # a body inside an inspected organisation


def test_pasting_is_refused_when_the_text_cannot_say_which_organisation_a_problem_concerns(tree):
    from tests.factories import make_inspection, make_term
    from xuncha.workflow import actions

    term = make_term(tree.city)
    future = {"entry_on": date(2030, 1, 1), "exit_on": date(2030, 2, 1), "feedback_on": date(2030, 3, 1)}
    one = make_inspection(term, [tree.district], **future)
    two = make_inspection(term, [tree.district, tree.other_district], **future)
    paste = actions.get("inspection.paste_feedback")
    assert paste.refusal(one) is None  # positive control: one inspected organisation may paste
    assert "逐条" in paste.refusal(two) or "several" in paste.refusal(two)
