"""The feedback editor's pages: the office and the team edit the tree in its rows (numbers shown
once, items and problems added under their parent), a frozen tree is corrected in one session,
versions are shown with their changes, pasted text is reviewed before it is saved; the inspected
side and a reviewer may read the given feedback but edit nothing (404, nothing changes)."""

from datetime import date

import pytest

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings import domain
from xuncha.findings.models import Aspect, FeedbackRevision, Item, Problem

pytestmark = pytest.mark.django_db
BEFORE = date(2000, 1, 1)
PASTED = (
    "（一）落实党的理论和路线方针政策方面\n"
    "1．学习贯彻还有落差\n"
    "（1）学习还不够到位。以干代学现象仍然存在。\n"
    "（二）落实全面从严治党战略部署方面\n"
    "1.主体责任落实仍有差距\n"
    "（2）监督检查流于形式。\n"
)


@pytest.fixture
def draft(tree):
    return dated_inspection(tree, feedback_on=date(2099, 6, 25))


@pytest.fixture
def frozen(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    aspect = domain.add_aspect(inspection, by=None, title="落实党的理论方面", today=BEFORE)
    domain.add_problem(inspection, by=None, aspect=aspect, title="学习不够", today=BEFORE)
    return inspection


def test_the_office_builds_the_draft_tree_in_its_rows_numbered_once(tree, draft, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/findings/inspection/{draft.pk}/feedback/"
    client.post(url, {"step": "aspect", "aspect-title": "（一）一、落实党的理论方面"})
    client.post(url, {"step": "aspect", "aspect-title": "二、落实全面从严治党方面"})
    first, second = Aspect.objects.filter(inspection=draft).order_by("position")
    client.post(url, {"step": "item", "item-aspect": second.pk, "item-title": "1．主体责任落实仍有差距"})
    item = Item.objects.get()
    assert item.aspect == second
    client.post(url, {"step": "problem", "problem-aspect": second.pk, "problem-item": item.pk,
                      "problem-title": "（1）监督检查流于形式"})
    client.post(url, {"step": "problem", "problem-aspect": first.pk, "problem-title": "（9）学习不够"})
    page = client.get(url).content.decode()
    assert "（一）落实党的理论方面" in page and "（一）一、" not in page
    assert "1.主体责任落实仍有差距" in page and "1.1." not in page
    assert "（1）</strong>学习不够" in page and "（2）</strong>监督检查流于形式" in page  # numbered by position
    assert f'data-testid="add-item-{first.pk}"' in page and f'data-testid="add-problem-{second.pk}-{item.pk}"' in page
    response = client.post(f"/findings/feedback/aspect/{second.pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert list(Aspect.objects.filter(inspection=draft).order_by("position").values_list("title", flat=True)) == [
        "落实全面从严治党方面",
        "落实党的理论方面",
    ]
    assert Problem.objects.get(title="监督检查流于形式").number == "1"
    client.post(f"/findings/feedback/item/{item.pk}/update/", {"title": "2.主体责任落实有差距"})
    assert Item.objects.get().title == "主体责任落实有差距"
    client.post(f"/findings/feedback/problem/{Problem.objects.get(title='学习不够').pk}/delete/")
    assert list(Problem.objects.filter(inspection=draft).values_list("title", flat=True)) == ["监督检查流于形式"]


def test_a_frozen_tree_is_corrected_in_one_session_and_shown_as_a_version(tree, frozen, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/findings/inspection/{frozen.pk}/feedback/"
    aspect = Aspect.objects.get(inspection=frozen)
    refused = client.post(f"/findings/feedback/aspect/{aspect.pk}/update/", {"title": "改过"}, follow=True)
    assert "请先开启更正" in refused.content.decode() and Aspect.objects.get().title == "落实党的理论方面"
    client.post(f"{url}correction/open/")
    client.post(f"/findings/feedback/aspect/{aspect.pk}/update/", {"title": "落实党的理论和路线方针政策方面"})
    client.post(url, {"step": "problem", "problem-aspect": aspect.pk, "problem-title": "漏列的问题"})
    client.post(f"/findings/feedback/problem/{Problem.objects.get(title='学习不够').pk}/delete/")
    assert FeedbackRevision.objects.get().closed_at is None  # three edits, no version yet
    closed = client.post(f"{url}correction/close/", {"close-reason": "补充漏列问题"})
    assert closed.status_code == 302 and closed.url == f"{url}versions/2/"
    revision = FeedbackRevision.objects.get()
    assert (revision.version, revision.reason) == (2, "补充漏列问题")
    page = client.get(closed.url).content.decode()
    assert 'data-change="added"' in page and "漏列的问题" in page
    assert 'data-change="removed"' in page and 'data-change="changed"' in page
    original = client.get(f"{url}versions/1/").content.decode()
    assert "学习不够" in original and "漏列的问题" not in original
    assert "v2" in client.get(url).content.decode()
    assert client.get(f"{url}versions/3/").status_code == 404


def test_pasted_text_is_reviewed_and_saved_only_on_confirmation(tree, draft, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/findings/inspection/{draft.pk}/feedback/paste/"
    bad = client.post(url, {"text": "没有编号的一段文字。", "review": "1"}).content.decode()
    assert "未能识别出反馈意见的层次结构" in bad and not Aspect.objects.exists()
    review = client.post(url, {"text": PASTED, "review": "1"}).content.decode()
    assert "（2）</strong>监督检查流于形式" in review and 'data-testid="confirm"' in review
    assert not Aspect.objects.exists()  # reviewing saves nothing
    saved = client.post(url, {"text": PASTED, "confirm": "1"})
    assert saved.status_code == 302
    assert [p.title for p in Problem.objects.filter(inspection=draft).order_by("position")] == [
        "学习还不够到位",
        "监督检查流于形式",
    ]
    assert client.get(url).status_code == 200 and "粘贴文本只用于新建" in client.get(url).content.decode()
    again = client.post(url, {"text": PASTED, "confirm": "1"})
    assert again.status_code == 200 and "粘贴文本只用于新建" in again.content.decode()
    assert Problem.objects.filter(inspection=draft).count() == 2  # a second paste changes nothing


@pytest.mark.parametrize(("role", "scope"), [(Role.LIAISON, "district"), (Role.DISCIPLINE_REVIEWER, "city")])
def test_who_may_read_the_feedback_edits_nothing(tree, frozen, client, role, scope):
    office = user_with_role(Role.OFFICE, tree.city)
    client.force_login(office)
    url = f"/findings/inspection/{frozen.pk}/feedback/"
    client.post(f"{url}correction/open/")  # positive control: an open correction the reader may not use
    client.force_login(user_with_role(role, getattr(tree, scope)))
    page = client.get(url).content.decode()
    assert "学习不够" in page and "move-up" not in page and "open-correction" not in page
    aspect, problem = Aspect.objects.get(), Problem.objects.get()
    for path, data in [
        (f"/findings/feedback/aspect/{aspect.pk}/update/", {"title": "改过"}),
        (f"/findings/feedback/problem/{problem.pk}/move/", {"direction": "down"}),
        (f"/findings/feedback/problem/{problem.pk}/delete/", {}),
        (f"{url}correction/close/", {"close-reason": "越权"}),
        (f"{url}paste/", {"text": PASTED, "confirm": "1"}),
    ]:
        assert client.post(path, data).status_code == 404, path
    assert client.get(f"{url}versions/1/").status_code == 404
    assert Aspect.objects.get().title == "落实党的理论方面" and Problem.objects.count() == 1
    assert FeedbackRevision.objects.get().closed_at is None
