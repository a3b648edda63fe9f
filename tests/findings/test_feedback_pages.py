"""The feedback pages take their steps through the declarations: a problem is edited on its
page (a correction with a reason once frozen), a finding is promoted once, and who may not take
a step gets a 404 and changes nothing."""

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


def test_a_frozen_problem_is_corrected_on_its_page_with_a_reason(tree, frozen, client):
    inspection, _aspect, problem = frozen
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    tree_page = client.get(f"/findings/inspection/{inspection.pk}/feedback/").content.decode()
    assert 'data-testid="edit-problem"' in tree_page
    url = f"/findings/problems/{problem.pk}/edit/"
    refused = client.post(url, {"title": "改过", "text": ""})
    assert refused.status_code == 200 and "冻结" in refused.content.decode()
    assert Problem.objects.get(pk=problem.pk).title == "原问题"
    assert client.post(url, {"title": "改过", "text": "", "correction_reason": "文字更正"}).status_code == 302
    assert Problem.objects.get(pk=problem.pk).title == "改过" and FeedbackRevision.objects.get().version == 2


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
    assert client.post(url, {"aspect": aspect.pk, "correction_reason": "补充"}).status_code == 302
    assert 'data-testid="promote"' not in client.get(f"/findings/inspection/{inspection.pk}/").content.decode()
    client.post(url, {"aspect": aspect.pk, "correction_reason": "再次"})
    assert finding.problems.count() == 1 and inspection.problems.count() == 2
