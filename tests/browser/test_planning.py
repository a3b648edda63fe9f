"""The office creates a round, staffs a team (hitting a recusal refusal on the way) and checks coverage."""

import pytest

from tests.browser.pages import log_in, pick
from xuncha.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Demo-pass-2025"


def test_create_round_staff_team_and_check_coverage(live_server, browser, artifacts):
    from xuncha.plans.models import Term

    load_demo(passwords={"office": PASSWORD}, casework=False)
    term = Term.objects.get(name="十二届市委")
    page = browser.new_page(locale="zh-CN")
    log_in(page, live_server.url, "office")  # the password, then the code (the office requires two factors)

    page.click("text=巡察计划")
    page.click(f"a[href='/plans/{term.pk}/']")
    page.click("text=新建轮次")
    page.fill("#id_number", "16")
    page.fill("#id_starts_on", "2021-03-01")
    page.fill("#id_ends_on", "2021-08-31")
    page.click("button[type=submit]")
    page.wait_for_selector("text=轮次已创建")
    assert "第16轮" in page.inner_text("[data-testid=rounds]")

    page.click("text=新建巡察")
    page.fill("#id_title", "对中共厦门市湖里区委员会的巡察“回头看”")
    page.select_option("#id_kind", "follow_up")
    page.fill("#id_team_name", "市委第二巡察组")
    page.select_option("#id_round", label="第16轮")
    pick(page, "id_targets", "湖里区委员会")  # typed into the searchable picker
    assert page.locator("#id_targets option:checked").all_inner_texts() == ["中共厦门市委员会 / 中共厦门市湖里区委员会"]
    page.screenshot(path=str(artifacts / "inspection-form-picker.png"), full_page=True)
    page.fill("#id_entry_on", "2021-04-06")
    page.fill("#id_exit_on", "2021-05-28")
    page.click("button[type=submit]")
    page.wait_for_selector("text=巡察已创建")

    page.click("text=配备组员")
    pick(page, "id_person", "刘德明")
    page.select_option("#id_role", "deputy")
    page.click("button[type=submit]")
    warning = page.inner_text("[data-testid=recusal]")
    assert "刘德明" in warning and "湖里区" in warning and "应当回避" in warning
    page.screenshot(path=str(artifacts / "recusal-refused.png"), full_page=True)
    pick(page, "id_person", "邱晓东")
    page.select_option("#id_role", "leader")
    page.fill("#id_override_reason", "")
    page.click("button[type=submit]")
    page.wait_for_selector("text=组员已配备")
    assert "邱晓东" in page.inner_text("[data-testid=team]")

    page.goto(f"{live_server.url}/plans/{term.pk}/coverage/")
    rate = page.inner_text("[data-testid=coverage-rate]")
    missing = page.inner_text("[data-testid=not-inspected]")
    assert rate.endswith("%") and "中共厦门市集美区委员会" in missing and "中共厦门市湖里区委员会" not in missing
    page.goto(f"{live_server.url}/plans/{term.pk}/")
    page.wait_for_selector("#timeline-chart svg")
    page.screenshot(path=str(artifacts / "term-plan.png"), full_page=True)
