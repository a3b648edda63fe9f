"""A petition walks from entry to a clue, is dual-signed by two office users and transferred."""

import pytest

from tests.browser.pages import PASSWORD, new_session, pick
from xuncha.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_petition_to_clue_dual_signed_and_transferred(live_server, browser, artifacts):
    from xuncha.inspections.models import Inspection

    load_demo(passwords={"office": PASSWORD, "office2": PASSWORD, "discipline": PASSWORD}, casework=False)
    inspection = Inspection.objects.get(title__startswith="对中共厦门市委政策研究室")
    base = live_server.url

    page = new_session(browser, base, "office")
    page.goto(f"{base}/inspections/{inspection.pk}/")
    page.click("text=登记信访件")
    page.select_option("#id_channel", "qr")
    page.fill("#id_content", "反映某处长在课题经费报销中虚开发票。")
    page.fill("#id_reporter_name", "陈某某")
    page.fill("#id_reporter_phone", "13912345678")
    page.click("button[type=submit]")
    page.wait_for_selector("text=信访件已登记")
    assert "陈某某" not in page.inner_text("[data-testid=reporter]")  # sealed

    page.fill("#id_clue-allegation", "反映某处长在课题经费报销中虚开发票（据陈某某反映）。")
    page.fill("#id_clue-person_name", "钟某")
    page.select_option("#id_clue-person_rank", "division")
    page.click("[data-testid=step-clue]")
    page.wait_for_selector("text=已分办")
    page.click("text=查看问题线索")
    page.click("[data-testid=sign]")
    page.wait_for_selector("text=已保存")
    assert page.locator("[data-testid=sign]").count() == 0  # no second signature by the same person
    assert "已受理" in page.inner_text("[data-testid=clue-status]")
    clue_url = page.url
    page.close()

    page = new_session(browser, base, "office2")
    page.goto(clue_url)
    page.click("[data-testid=sign]")
    page.wait_for_selector("text=已双签")
    page.select_option("#id_receiving_kind", "discipline")
    pick(page, "id_receiving_body", "中共厦门市纪律检查委员会 厦门市监察委员会")
    page.click("[data-testid=transfer]")
    page.wait_for_selector("[data-testid=clue-status] >> text=已移交")
    page.screenshot(path=str(artifacts / "clue-transferred.png"), full_page=True)
    page.close()

    page = new_session(browser, base, "discipline")
    page.goto(clue_url)
    body = page.inner_text("body")
    assert "虚开发票" in body and "陈某某" not in body  # the copy handed over is redacted
    assert "〔已隐去〕" in body
