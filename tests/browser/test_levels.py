"""Rates by inspecting level and the 清零 list in a browser, in Chinese at 1280 px, as the office
and as leadership, on the demo (screenshots in /tmp/shots-levels)."""

from pathlib import Path

import pytest
from django.test import Client

from xuncha.accounts.models import User
from xuncha.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def session(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


def test_levels_and_clearance_pages_in_a_browser(live_server, browser):
    load_demo()
    shots = Path("/tmp/shots-levels")
    shots.mkdir(exist_ok=True)
    for who in ("office", "leader"):
        tab = session(browser, live_server, User.objects.get(username=who))
        tab.goto(f"{live_server.url}/rectification/levels/")
        sentence = tab.locator("[data-testid=levels-sentence]").inner_text()
        assert "市委巡察整改率" in sentence and "区委巡察整改率" in sentence
        assert tab.locator("[data-testid=open-at-end]").inner_text() == "3"
        tab.screenshot(path=str(shots / f"levels-{who}.png"), full_page=True)
        tab.locator("[data-testid=still-open] a").click()
        assert tab.locator("[data-testid=clearance-row]").count() == 2
        tab.screenshot(path=str(shots / f"clearance-{who}.png"), full_page=True)
        tab.context.close()
