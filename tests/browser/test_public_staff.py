"""The staff pages of 码上巡 in a browser, in Chinese at 1280 px: the office's and the team's view
of the channel page and the announcement with its code (screenshots in test-artifacts/)."""

from pathlib import Path

import pytest
from django.test import Client

from tests.public.conftest import public_base, publish, world  # noqa: F401  (fixtures of the 码上巡 world)
from xuncha.petitions import domain as petitions
from xuncha.public.enums import RefusalReason, TallyKind
from xuncha.public.models import Tally

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def session(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


def test_the_channel_page_and_the_announcement_in_a_browser(world, live_server, browser, artifacts, settings):  # noqa: F811
    settings.XUNCHA_PUBLIC_BASE_URL = live_server.url
    page = publish(world)[0]
    petitions.receive_petition(
        world["inspection"], by=None, channel="qr", received_on=page.reports_open_on, content="反映某社区问题。"
    )
    Tally.objects.create(page=page, kind=TallyKind.REPORT, count=3)
    Tally.objects.create(page=page, kind=TallyKind.REFUSED, reason=RefusalReason.CAPTCHA, count=2)
    pk = world["inspection"].pk
    shots = Path("/tmp/shots-qr")
    shots.mkdir(exist_ok=True)
    for who in ("office", "team", "liaison"):
        tab = session(browser, live_server, world["users"][who])
        tab.goto(f"{live_server.url}/qr/inspections/{pk}/")
        assert tab.locator("[data-testid=qr] svg").is_visible()
        assert (tab.locator("[data-testid=waiting]").count() == 1) == (who != "liaison")
        for folder in (shots, artifacts):
            tab.screenshot(path=str(folder / f"qr-staff-{who}.png"), full_page=True)
        if who == "office":
            tab.goto(f"{live_server.url}/inspections/{pk}/announcement/")
            assert tab.locator("[data-testid=announcement-codes] svg").is_visible()
            tab.screenshot(path=str(shots / "qr-announcement-office.png"), full_page=True)
            tab.goto(f"{live_server.url}/inspections/{pk}/")
            tab.locator("[data-testid=open-qr]").click()
            tab.wait_for_url(f"{live_server.url}/qr/inspections/{pk}/")
        tab.context.close()
