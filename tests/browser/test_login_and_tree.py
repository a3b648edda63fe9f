import pytest

from tests.browser.pages import PASSWORD, log_in
from xuncha.demo.loader import load_demo
from xuncha.demo.world import ACCOUNTS
from xuncha.orgs.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_demo_role_sees_only_its_subtree(live_server, browser, artifacts):
    load_demo(passwords={a[0]: PASSWORD for a in ACCOUNTS}, casework=False)
    for username, display, _home, _role, scope_code, *_ in ACCOUNTS:
        scope = Organisation.objects.get(code=scope_code)
        in_scope = set(Organisation.objects.active().subtree(scope).values_list("pk", flat=True))
        outside = Organisation.objects.exclude(pk__in=in_scope).first()
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        log_in(page, live_server.url, username)
        assert display in page.inner_text("[data-testid=current-user]")
        page.goto(f"{live_server.url}/orgs/")
        roots = page.locator("[data-testid=org-tree] > li > .branch > a, [data-testid=org-tree] > li > .leaf > a")
        assert roots.all_inner_texts() == [scope.name], username
        page.goto(f"{live_server.url}/orgs/list/")
        shown = {
            int(h.split("/")[2])
            for h in page.locator("[data-testid=org-list] a").evaluate_all(
                "els => els.map(e => e.getAttribute('href'))"
            )
        }
        assert shown <= in_scope and shown, username
        if outside is not None:  # city-wide roles see everything
            assert page.goto(f"{live_server.url}/orgs/{outside.pk}/").status == 404, username
        context.close()


def test_browse_the_tree_with_htmx_and_screenshot(live_server, browser, artifacts):
    load_demo(passwords={"office": PASSWORD}, casework=False)
    page = browser.new_page(locale="zh-CN")
    log_in(page, live_server.url, "office")
    page.goto(f"{live_server.url}/orgs/")
    page.locator("summary", has_text="中共厦门市委员会").click()  # open the city's node: htmx loads its children
    page.wait_for_selector("text=中共厦门市思明区委员会")
    page.locator("summary", has_text="中共厦门市思明区委员会").click()
    page.wait_for_selector("text=梧村街道党工委")
    page.locator("summary", has_text="梧村街道党工委").click()
    page.wait_for_selector("text=文灶社区党委")
    page.screenshot(path=str(artifacts / "org-tree.png"), full_page=True)
    page.click("text=文灶社区党委")
    page.wait_for_url("**/orgs/*/")
    assert "文灶社区党委" in page.inner_text("h1")
    assert "梧村街道党工委" in page.inner_text(".breadcrumb")
    csp = page.evaluate("() => document.querySelectorAll('script:not([src])').length")
    assert csp == 0  # no inline scripts: the CSP stays strict
