from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings import domain
from xuncha.findings.models import Category, FeedbackRevision, Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(tree):
    return dated_inspection(tree, feedback_on=date(2021, 6, 25))


def test_tree_is_numbered_like_the_documents(inspection):
    before = date(2021, 6, 1)
    first = domain.add_aspect(inspection, by=None, title="落实党的理论和路线方针政策方面", today=before)
    second = domain.add_aspect(inspection, by=None, title="落实全面从严治党战略部署方面", today=before)
    item = domain.add_item(first, by=None, title="学习贯彻还有落差", today=before)
    p1 = domain.add_problem(inspection, by=None, aspect=first, item=item, title="学习还不够到位", today=before)
    item2 = domain.add_item(second, by=None, title="主体责任落实仍有差距", today=before)
    p2 = domain.add_problem(inspection, by=None, aspect=second, item=item2, title="履行一岗双责不够严格", today=before)
    assert (first.number, second.number, item.number, item2.number) == ("一", "二", "1", "1")
    assert (p1.number, p2.number) == ("1", "2")
    with pytest.raises(ValidationError, match="请选择问题所属的项"):
        domain.add_problem(inspection, by=None, aspect=first, title="无项", today=before)


def test_feedback_freezes_on_the_feedback_date_and_corrections_are_versions(inspection):
    aspect = domain.add_aspect(inspection, by=None, title="方面", today=date(2021, 6, 24))
    problem = domain.add_problem(inspection, by=None, aspect=aspect, title="原问题", today=date(2021, 6, 24))
    with pytest.raises(ValidationError, match="冻结"):
        domain.update_problem(problem, by=None, title="改过", text="", today=date(2021, 6, 25))
    assert Problem.objects.get(pk=problem.pk).title == "原问题"
    assert domain.feedback_version(inspection) == 1
    office = user_with_role(Role.OFFICE, inspection.term.owner)
    domain.update_problem(
        problem, by=office, title="改过", text="", correction_reason="文字表述更正", today=date(2021, 7, 1)
    )
    assert domain.feedback_version(inspection) == 2
    revision = FeedbackRevision.objects.get()
    assert (revision.version, revision.reason, revision.made_by) == (2, "文字表述更正", office)
    assert Problem.objects.get(pk=problem.pk).history.first().history_change_reason == "文字表述更正"


def test_finding_promoted_to_problem(tree, inspection):
    domain.ensure_default_categories()
    assert Category.objects.count() == 4
    finding = domain.record_finding(
        inspection,
        by=None,
        text="部分党员干部学习不够深入。存在以干代学现象。",
        source="talk",
        category=Category.objects.first(),
        organisation=tree.district,
    )
    aspect = domain.add_aspect(inspection, by=None, title="方面", today=date(2021, 6, 1))
    problem = domain.promote_finding(finding, by=None, aspect=aspect, today=date(2021, 6, 1))
    assert problem.title == "部分党员干部学习不够深入" and list(problem.findings.all()) == [finding]


def test_inspected_side_sees_feedback_only_once_given(tree, client):
    from django.utils import timezone

    inspection = dated_inspection(
        tree, feedback_on=timezone.localdate(), entry_on=date(2021, 1, 1), exit_on=date(2021, 2, 1)
    )
    domain.add_aspect(inspection, by=None, title="已反馈的方面", today=date(2021, 3, 1))
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    assert "已反馈的方面" in client.get(f"/findings/inspection/{inspection.pk}/feedback/").content.decode()
    later = dated_inspection(
        tree, entry_on=date(2021, 1, 1), exit_on=date(2021, 2, 1), title="未反馈", feedback_on=date(2099, 1, 1)
    )
    domain.add_aspect(later, by=None, title="草稿方面", today=date(2021, 3, 1))
    assert client.get(f"/findings/inspection/{later.pk}/feedback/").status_code == 404
