"""After `xuncha demo`, every demo account finds work on its workbench (issue 14), dated from the
day of the load: the current term has not ended, the unit has a deadline in the next 20 days.

The demo is loaded once for the module, inside a transaction rolled back at its end
(as tests/restapi/conftest.py does)."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from xuncha.accounts.permissions import roles_of
from xuncha.clues.models import Clue
from xuncha.demo.current import CITY_TERM, term_dates
from xuncha.plans.models import Term
from xuncha.supervision.models import Notification
from xuncha.workbench import agenda, queues

pytestmark = pytest.mark.django_db

# the queues each account must find (it may find more)
EXPECTED = {
    "office": {
        "clue.sign",
        "clue.transfer",
        "petition.triage",
        "fix.answer",
        "plan.review",
        "measure.sign_off",
        "change.decide",
        "document.issue",
        "document.close",
    },
    "office2": {"clue.sign", "clue.transfer", "plan.review", "measure.sign_off", "change.decide", "document.issue"},
    "office_province": {"clue.sign", "clue.transfer", "plan.review", "measure.sign_off", "change.decide"},
    "office_siming": {"petition.triage"},
    "team": {"petition.triage", "fix.answer"},
    "liaison": {"measure.progress", "measure.request_sign_off", "document.answer", "fix.record_result"},
    "unit": {"measure.progress", "measure.request_sign_off", "fix.record_result"},
    "discipline": {"clue.receive"},
    "orgdept": {"clue.receive", "plan.review"},
    "secadmin": {"user.confirm"},
    "leader": set(),
    "sysadmin": set(),
    "auditor": set(),
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from xuncha.accounts.models import User
    from xuncha.demo.loader import load_demo

    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo()
            yield {u.username: u for u in User.objects.filter(username__in=EXPECTED)}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _queues(user) -> dict:
    return {q.queue.key: q for q in queues.for_user(user, frozenset(roles_of(user)))}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_demo_account_finds_its_todos_after_loading(demo, username):
    found = _queues(demo[username])
    assert EXPECTED[username] <= set(found), sorted(found)
    if not EXPECTED[username]:  # read-only and administrators: nothing to do, nothing offered
        assert found == {}
    for shown in found.values():
        assert all(todo.steps and todo.url for todo in shown.todos)


def test_demo_second_signer_and_receiving_bodies_find_the_right_clues(demo):
    """The clue signed once waits for another signer, never for the one who signed; each
    receiving body finds only the clue transferred to a body of its own kind."""
    signed_once = Clue.objects.get(inspection__title="对梧村街道党工委的提级巡察", status="received")
    assert signed_once.pk in {t.obj.pk for t in _queues(demo["office2"])["clue.sign"].todos}
    assert signed_once.pk not in {t.obj.pk for t in _queues(demo["office"])["clue.sign"].todos}
    received = {t.obj.receiving_body.code for t in _queues(demo["orgdept"])["clue.receive"].todos}
    assert received == {"350200-ZZB"}
    assert "350200-ZZB" not in {t.obj.receiving_body.code for t in _queues(demo["discipline"])["clue.receive"].todos}


def test_demo_joint_review_waits_for_the_organisation_department_only(demo):
    orgdept = _queues(demo["orgdept"])["plan.review"].todos
    assert [a.name for a in orgdept[0].steps] == ["plan.sign", "plan.return_joint"]  # approve or return
    assert "plan.review" not in _queues(demo["discipline"])  # it has signed already


def test_demo_current_term_has_not_ended(demo):
    today = timezone.localdate()
    term = Term.objects.get(name=CITY_TERM, owner__code="350200")
    assert term.starts_on <= today - timedelta(days=365 * 3) and term.ends_on >= today + timedelta(days=300)
    assert term.inspections.filter(feedback_on__lt=today, entry_on__lt=today).exists()


def test_demo_term_dates_follow_the_day_of_loading():
    for today in (date(2026, 12, 2), date(2031, 2, 28), date(2024, 1, 31)):
        starts, ends = term_dates(today)
        assert starts < today < ends and starts >= date(2021, 10, 1)


def test_demo_unit_has_a_deadline_in_the_next_20_days(demo):
    today = timezone.localdate()
    due = agenda.deadlines(demo["unit"], today=today).deadlines
    assert any(today <= d.due <= today + timedelta(days=agenda.HORIZON) for d in due)
    assert agenda.standing_warnings(demo["unit"]).exists()


def test_demo_leader_sees_the_current_terms_figures_and_warnings(demo):
    figures = agenda.scope_figures(demo["leader"], today=timezone.localdate())
    assert figures.kind == "oversight" and figures.term.name == CITY_TERM
    # the current round's 10 (xuncha/demo/current.py), and the 回头看's (xuncha/followup/demo.py):
    # the three of the earlier inspection's ledger and the two its 反弹 and 不到位 re-checks opened
    assert figures.dashboard.total.problems == 15 and figures.dashboard.measures.overdue == 4
    assert agenda.unread_notifications(demo["leader"]).exists()


def test_demo_handoffs_notified_without_confidential_text(demo):
    """Hand-offs reached the next actors; none carries a clue's allegation, a petition's content
    or a reporter's name, and the inspected side hears nothing of clues."""
    for username in ("office", "office2", "liaison", "unit", "discipline", "secadmin"):
        assert agenda.unread_notifications(demo[username]).exists(), username
    texts = " ".join(Notification.objects.values_list("title", flat=True)) + " ".join(
        Notification.objects.values_list("body", flat=True)
    )
    secrets = ("陈女士", "13806001111", "黄先生", "反映社区养老服务站", "消防通道被占用", "违规收受", "虚报冒领")
    for secret in secrets:
        assert secret not in texts
    inspected = Notification.objects.filter(user__in=[demo["liaison"], demo["unit"]])
    assert not inspected.filter(url__contains="/clues/").exists()
    assert not inspected.filter(url__regex=r"^/petitions/[0-9]").exists()  # a fix's page, never a petition's


def test_the_current_inspections_have_their_public_pages(demo):
    """码上巡: 中华街道's page open with a report waiting and counts, 梧村's closed since the exit."""
    from xuncha.public.codes import page_state
    from xuncha.public.figures import channel_figures
    from xuncha.public.models import PublicPage

    pages = {p.organisation_name: p for p in PublicPage.objects.select_related("inspection")}
    zhonghua = next(p for name, p in pages.items() if "中华街道" in name)
    wucun = next(p for name, p in pages.items() if "梧村街道" in name)
    assert page_state(zhonghua).is_open and page_state(wucun).key == "closed"
    figures = channel_figures(zhonghua.inspection)
    assert sum(c.total for c in figures.accepted) > 0 and figures.refused_total.total > 0
    assert zhonghua.inspection.petitions.filter(channel="qr", status="received").exists()
