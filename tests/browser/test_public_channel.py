"""码上巡 in a phone's browser (390 px, WeChat's user agent): the QR code's page, an anonymous
report with a photo, the tracking code and passphrase; the office finds the report in its
petition intake and replies; the reporter reads the reply with the code."""

import secrets
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.pages import PASSWORD, log_in
from tests.factories import UserFactory, dated_inspection
from tests.public.helpers import photo_bytes
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.accounts.twofactor.domain import enrol_without_code
from xuncha.petitions.domain import conclude_petition, refuse_petition
from xuncha.petitions.models import Petition
from xuncha.public import abuse
from xuncha.public.publishing import publish_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WECHAT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN"
)


def _solve_captcha(page):
    challenge = page.locator("input[name=challenge]").get_attribute("value")
    page.fill("#id_captcha", abuse._open_challenge(challenge)[0])


def test_scan_report_with_a_photo_and_read_the_reply(live_server, browser, artifacts, tmp_path, tree):
    from xuncha.public import counters

    counters.clear()
    today = timezone.localdate()
    inspection = dated_inspection(
        tree, entry_on=today - timedelta(days=2), exit_on=today + timedelta(days=25), phone="0592-5551234"
    )
    public_page = publish_pages(inspection, by=None)[0]
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(photo_bytes())

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True, user_agent=WECHAT
    )
    page = phone.new_page()
    page.goto(f"{live_server.url}/m/{public_page.token}/")  # what the QR code opens
    assert page.locator("h1").first.inner_text() == tree.district.name
    page.screenshot(path=str(artifacts / "public-page-390.png"), full_page=True)
    page.get_by_role("link", name="我要反映问题").click()
    page.fill("#id_content", "社区居委会违规收取停车管理费，每月每车200元，没有票据。")
    page.set_input_files("#id_files", str(photo))
    assert page.locator("#id_name").is_hidden()  # anonymous: no name asked
    _solve_captcha(page)
    page.screenshot(path=str(artifacts / "public-report-390.png"), full_page=True)
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector("#tracking-code")
    code = page.locator("#tracking-code").inner_text()
    passphrase = page.locator("#passphrase").inner_text()
    page.screenshot(path=str(artifacts / "public-receipt-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at 390 px ({width} px)"

    # the office finds it in its intake
    office = UserFactory(username="office", password=PASSWORD, organisation=tree.city)
    grant_role(by=None, grantee=office, role=Role.OFFICE, organisation=tree.city)
    enrol_without_code(office, secret=secrets.token_hex(20))
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    log_in(desk, live_server.url, office.username)
    desk.goto(f"{live_server.url}/petitions/")
    desk.screenshot(path=str(artifacts / "public-intake-list.png"), full_page=True)
    desk.locator("tr", has_text="社区居委会违规收取停车管理费").get_by_role("link").first.click()
    desk.wait_for_load_state()
    desk.screenshot(path=str(artifacts / "public-report-in-intake.png"), full_page=True)
    desk.wait_for_selector("[data-testid=public-report]")
    assert desk.locator("[data-testid=public-report] a").first.inner_text() == "附件1.jpg"
    desk.screenshot(path=str(artifacts / "public-report-in-intake.png"), full_page=True)
    petition = Petition.objects.get(tracking_code=code)
    refuse_petition(petition, by=None, reason="属物业收费问题，转街道处理。")
    conclude_petition(petition, by=None, reply="已转筼筜街道核查，物业公司已停止收费并退还。", on=today)

    # the reporter looks it up with the code
    page.goto(f"{live_server.url}/m/track/")
    page.fill("#id_code", code)
    page.fill("#id_passphrase", passphrase)
    page.get_by_role("button", name="查询").click()
    page.wait_for_selector("#reply")
    assert "物业公司已停止收费并退还" in page.locator("#reply").inner_text()
    assert page.locator("#status").inner_text() == "已办结"
    page.screenshot(path=str(artifacts / "public-tracked-390.png"), full_page=True)
