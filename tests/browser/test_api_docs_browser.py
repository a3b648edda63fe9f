"""The API docs pages render in a real browser under the site's CSP: Swagger UI from our own
static files, every operation listed, no CSP violation in the console."""

import pytest

from tests.browser.pages import PASSWORD, log_in
from tests.factories import OrganisationFactory, user_with_role
from xuncha.accounts.enums import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("url", ["/api/docs", "/api/v1/docs"])
def test_swagger_renders_under_the_csp(live_server, browser, url):
    user = user_with_role(Role.LEADERSHIP, OrganisationFactory(name="中共厦门市委员会"))  # no second factor needed
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    page = browser.new_page(locale="zh-CN")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}{url}")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30000)
    page.wait_for_selector(".opblock", timeout=30000)
    assert "Xuncha API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock").count() >= 4
    assert errors == []
    page.close()
