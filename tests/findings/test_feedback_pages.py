"""The feedback pages take their steps through the declarations: a problem is edited on its
page (in a correction once frozen), a finding is promoted once, and who may not take a step
gets a 404 and changes nothing."""

from datetime import date

import pytest

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings import domain
from xuncha.findings.models import Category, FeedbackRevision, Problem

pytestmark = pytest.mark.django_db
BEFORE = date(2000, 1, 1)


@pytest.fixture
def frozen(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    aspect = domain.add_aspect(inspection, by=None, title="方面", today=BEFORE)
    problem = domain.add_problem(inspection, by=None, aspect=aspect, title="原问题", today=BEFORE)
    return inspection, aspect, problem


def test_a_frozen_problem_is_corrected_on_its_page_in_a_correction(tree, frozen, client):
    inspection, _aspect, problem = frozen
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    feedback = f"/findings/inspection/{inspection.pk}/feedback/"
    tree_page = client.get(feedback).content.decode()
    assert 'data-testid="edit-problem"' not in tree_page and 'data-testid="open-correction"' in tree_page
    url = f"/findings/problems/{problem.pk}/edit/"
    refused = client.post(url, {"title": "改过", "text": "", "correction_reason": "文字更正"})
    assert refused.status_code == 200 and "冻结" in refused.content.decode()  # no correction open
    assert Problem.objects.get(pk=problem.pk).title == "原问题"
    client.post(f"{feedback}correction/open/")
    assert 'data-testid="edit-problem"' in client.get(feedback).content.decode()
    assert client.post(url, {"title": "改过", "text": ""}).status_code == 302
    client.post(f"{feedback}correction/close/", {"close-reason": "文字更正"})
    assert Problem.objects.get(pk=problem.pk).title == "改过"
    assert list(FeedbackRevision.objects.values_list("version", "reason")) == [(2, "文字更正")]


def test_the_inspected_side_reads_the_given_feedback_but_edits_nothing(tree, frozen, client):
    inspection, _aspect, problem = frozen
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    page = client.get(f"/findings/inspection/{inspection.pk}/feedback/").content.decode()
    assert "原问题" in page and 'data-testid="edit-problem"' not in page and 'name="step"' not in page
    assert client.get(f"/findings/problems/{problem.pk}/edit/").status_code == 404
    posted = client.post(
        f"/findings/inspection/{inspection.pk}/feedback/",
        {"step": "aspect", "aspect-title": "新方面", "aspect-correction_reason": "补充"},
    )
    assert posted.status_code == 404 and inspection.aspects.count() == 1


def test_a_finding_is_promoted_once(tree, frozen, client):
    inspection, aspect, _problem = frozen
    domain.ensure_default_categories()
    finding = domain.record_finding(
        inspection, by=None, text="学习不够深入。", source="talk", category=Category.objects.first(),
        organisation=tree.district,
    )
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/findings/{finding.pk}/promote/"
    client.post(f"/findings/inspection/{inspection.pk}/feedback/correction/open/")
    assert client.post(url, {"aspect": aspect.pk}).status_code == 302
    assert 'data-testid="promote"' not in client.get(f"/findings/inspection/{inspection.pk}/").content.decode()
    client.post(url, {"aspect": aspect.pk, "correction_reason": "再次"})
    assert finding.problems.count() == 1 and inspection.problems.count() == 2
