"""At 1280 px: the office's common-problem list (seed 003's 6 categories / 82 items, with the
figures, the proposals and the reach table), a reached liaison answering a self-check on its own
page, and the rebound warning after a finding is entered."""

from datetime import date

import pytest

from tests.browser.pages import log_in
from tests.common import conftest as common
from tests.common.conftest import TODAY, make_list
from tests.factories import PASSWORD
from xuncha.common import domain
from xuncha.common.demo import CATEGORIES
from xuncha.common.enums import CheckStatus
from xuncha.common.models import Reach

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
world = common.world

DESK = {"width": 1280, "height": 900}


def _similar_problems(world):
    from tests.factories import make_inspection
    from xuncha.findings.domain import add_aspect, add_problem

    second = make_inspection(world.term, [world.third], title="对鹭江街道的巡察", entry_on=date(2024, 6, 1))
    for inspection, org, titles in (
        (world.inspection, world.inspected, ["社区财务报销白条入账，大额资金以现金支付", "党员发展程序不规范"]),
        (second, world.third, ["社区财务管理不规范，存在白条入账、大额现金支付现象", "惠民资金发放未公示"]),
    ):
        aspect = add_aspect(inspection, by=None, title="方面", today=date(2000, 1, 1))
        for title in titles:
            add_problem(inspection, by=None, aspect=aspect, title=title, organisation=org, today=date(2000, 1, 1))


def test_office_and_reached_liaison_pages(live_server, browser, artifacts, world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    common_list = make_list(world, CATEGORIES, publish=True)
    reach = Reach.objects.get(common_list=common_list, organisation=world.tree.street)
    for check, (status, note) in zip(
        reach.checks.order_by("pk")[:3],
        [
            (CheckStatus.FIXED, "补齐审批手续12笔"),
            (CheckStatus.FIXING, "对公结算制度修订中"),
            (CheckStatus.NOT_APPLICABLE, "经核查不存在"),
        ],
        strict=True,
    ):
        domain.record_check(check, by=world.users.liaison, status=status, note=note, today=TODAY)
    _similar_problems(world)
    TOTPDevice.objects.create(user=world.users.office, name="test", confirmed=True)
    base = live_server.url

    page = log_in(browser.new_page(locale="zh-CN"), base, world.users.office.username, PASSWORD)
    page.set_viewport_size(DESK)
    page.goto(f"{base}/common/{common_list.pk}/")
    assert page.locator("[data-testid=figure-categories] .h1").inner_text() == "6"
    assert page.locator("[data-testid=figure-items] .h1").inner_text() == "82"
    assert page.locator("[data-testid=figure-reached] .h1").inner_text() == "2"
    assert page.locator("[data-testid=figure-fixed] .h1").inner_text() == "1"
    assert page.locator("[data-testid=proposal]").count() >= 1
    page.screenshot(path=str(artifacts / "common-list-office-1280.png"), full_page=True)
    page.context.close()

    page = log_in(browser.new_page(locale="zh-CN"), base, world.users.liaison.username, PASSWORD)
    page.set_viewport_size(DESK)
    page.goto(f"{base}/common/self-checks/")
    page.click(f"[data-testid=reaches] a[href='/common/reach/{reach.pk}/']")
    page.wait_for_load_state()
    check = reach.checks.order_by("pk")[3]
    row = page.locator(f"#check-{check.pk}")
    row.locator("select[name=status]").select_option("fixed")
    row.locator("input[name=note]").fill("已建立现金支付审批制度")
    row.locator(f"[data-testid=record-{check.pk}]").click()
    page.wait_for_load_state()
    assert page.locator(f"[data-testid=status-{check.pk}]").inner_text() == "已整改"
    page.screenshot(path=str(artifacts / "common-reach-liaison-1280.png"), full_page=True)
    page.context.close()

    # a finding at 梧村街道 of a later inspection reads like a published common item
    from tests.factories import make_inspection
    from xuncha.findings.domain import ensure_default_categories
    from xuncha.findings.models import Category, Finding

    ensure_default_categories()
    later = make_inspection(world.term, [world.tree.street], title="对梧村街道的巡察", entry_on=date(2024, 7, 1))
    finding = Finding.objects.create(
        inspection=later,
        text="社区财务报销仍有白条入账，无审批凭证",
        source="talk",
        category=Category.objects.first(),
        organisation=world.tree.street,
    )
    page = log_in(browser.new_page(locale="zh-CN"), base, world.users.office.username, PASSWORD)
    page.set_viewport_size(DESK)
    page.goto(f"{base}/common/rebound/finding/{finding.pk}/")
    assert "可能是反弹" in page.locator("[data-testid=rebound-warning]").inner_text()
    page.locator("[data-testid=rebound-warning] input[type=checkbox]").first.check()
    page.click("[data-testid=confirm-rebound]")
    page.wait_for_selector("[data-testid=rebound-links]")
    page.screenshot(path=str(artifacts / "common-rebound-office-1280.png"), full_page=True)
    page.context.close()
