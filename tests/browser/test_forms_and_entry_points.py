"""The office ticks a 覆盖层级 box on the new-term form (it used to sit under 保存, out of reach),
then finds 新建巡察 on the inspection list and 安排巡察 beside an organisation not yet inspected;
screenshots of each page, and of the 404 page, in Chinese."""

import re

import pytest

from tests.browser.pages import log_in
from xuncha.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Demo-pass-2025"


def test_term_levels_are_clickable_and_entry_points_lead_to_forms(live_server, browser, artifacts):
    from xuncha.plans.models import Term

    load_demo(passwords={"office": PASSWORD}, casework=False)
    base = live_server.url
    page = browser.new_page(locale="zh-CN", viewport={"width": 1440, "height": 900})
    log_in(page, base, "office")

    page.goto(f"{base}/plans/new/")
    page.fill("#id_name", "十三届市委")
    page.select_option("#id_owner", index=1)
    page.fill("#id_starts_on", "2026-01-01")
    page.fill("#id_ends_on", "2030-12-31")
    box = page.locator("[data-testid=choices-scope_levels] input[value=district]")
    box.click()  # Playwright refuses a click another element would receive
    assert box.is_checked()
    page.screenshot(path=str(artifacts / "term-form-levels.png"), full_page=True)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    assert Term.objects.get(name="十三届市委").scope_levels == ["district"]

    page.goto(f"{base}/inspections/")
    page.click("[data-testid=new-inspection]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=choose]").count() == 1  # the office plans several terms
    page.screenshot(path=str(artifacts / "new-inspection-choose-term.png"), full_page=True)
    page.select_option("#id_term", label="十二届市委")
    page.click("[data-testid=choose] button[type=submit]")
    page.wait_for_selector("#id_title")

    term = Term.objects.get(name="十二届市委")
    page.goto(f"{base}/plans/{term.pk}/coverage/")
    row = page.locator("[data-testid=not-inspected] tr", has=page.locator("[data-testid=arrange]")).first
    name = row.locator("td").first.inner_text()
    page.screenshot(path=str(artifacts / "coverage-arrange.png"), full_page=True)
    row.locator("[data-testid=arrange]").click()
    page.wait_for_selector("#id_title")
    chosen = page.locator("#id_targets option:checked").all_inner_texts()  # tree paths: "厦门市 / 集美区"
    assert any(text.endswith(name) for text in chosen), chosen

    page.goto(f"{base}/inspections/999999/")
    assert "页面不存在" in page.content()
    page.screenshot(path=str(artifacts / "404.png"), full_page=True)
