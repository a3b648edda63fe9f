"""Acceptance (issue 14): logged in as every demo role, every page reachable from the home page
(bounded: 40 URL patterns per role, ids normalised) answers, with no dead end (404, 500, 403,
405, a redirect to the login page) and no English interface text on the zh-hans pages.

The crawl uses Django's test client: the pages' links are plain links, htmx GETs and GET forms
(no script builds a URL), so a browser adds nothing but time; the browser visits of the main
pages are in test_main_pages.py. The rule for English text is in tests/browser/crawl.py."""

import time

import pytest

from tests.browser.crawl import crawl
from tests.demo_world import demo_world  # noqa: F401  (the fixture)
from xuncha.demo.world import ACCOUNTS

pytestmark = pytest.mark.django_db

# every demo account but office2, who has the same role and scope as office
CRAWLED = [username for username, *_rest in ACCOUNTS if username != "office2"]
MAX_PATTERNS = 40


@pytest.mark.parametrize("username", CRAWLED)
def test_crawl_from_home_finds_no_dead_end_nor_english(demo_world, client, username):  # noqa: F811
    client.force_login(demo_world[username])
    started = time.monotonic()
    result = crawl(client, username, max_patterns=MAX_PATTERNS)
    elapsed = time.monotonic() - started

    # the crawl saw the role's pages: the home page and more than it alone
    assert "/" in result.visited
    assert len(result.visited) >= 3, f"{username} reached only {list(result.visited)}"
    print(f"{username}: {len(result.visited)} patterns in {elapsed:.1f}s, {result.truncated} links past the bound")
    assert not result.problems, "\n" + "\n".join(str(p) for p in result.problems)
