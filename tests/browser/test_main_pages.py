"""Acceptance (issue 14): the main pages of every demo role, in chromium, in Chinese.

The main pages of a role are its home page and the pages its home page links to (navigation and
workbench; ids normalised, so one measure page stands for all; at most `MAX_PAGES`). Each is
opened at 1440 px and must answer 200; axe-core (npm, `node_modules/axe-core`) then finds no
serious or critical violation, colour contrast included, on each page pattern the first time a
role opens it (a template's faults are the same for the next role; checking once keeps the
suite short). The pages a unit uses (the responsible unit's and the liaison's) are opened
again at 390 px, a phone.

With XUNCHA_SCREENSHOTS=1 the test also saves a screenshot of each into
docs/screenshots/<account>/<page>.png (the phone ones as <page>-390.png) and rewrites the gallery
docs/screenshots/README.md; without it, nothing under docs/ is written, so the committed images
change only when someone regenerates them on purpose:

    XUNCHA_SCREENSHOTS=1 XUNCHA_ENV=test .venv/bin/python -m pytest -p no:cacheprovider -q \
        tests/browser/test_main_pages.py
"""

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.browser.crawl import SKIPPED_PREFIXES, pattern_of
from tests.browser.pages import PASSWORD, log_in
from xuncha.demo.loader import load_demo
from xuncha.demo.world import ACCOUNTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
SAVE = os.environ.get("XUNCHA_SCREENSHOTS") == "1"
MAX_PAGES = 16
# one account per role (office2, office_province and office_siming are the office in other scopes)
ROLES = [username for username, *_rest in ACCOUNTS if username not in {"office2", "office_province", "office_siming"}]
PHONE_ROLES = ["unit", "liaison"]
# the main pages that are personal settings, the same for everyone: seen once, as the office
PERSONAL = ("/me/",)


def _slug(pattern: str) -> str:
    """/rectification/measures/<id>/ → rectification-measures-n; / → home; a query → its keys."""
    path, _, query = pattern.partition("?")
    slug = path.strip("/").replace("<id>", "n").replace("/", "-") or "home"
    return slug + (f"--{query.replace('&', '-')}" if query else "")


def _main_pages(page, base: str, username: str) -> list[str]:
    """The home page and the local pages it links to, one per URL pattern, in the order shown."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    urls, seen = ["/"], {"/"}
    for href in hrefs:
        if not href.startswith("/") or href.startswith(SKIPPED_PREFIXES):
            continue
        if href.startswith(PERSONAL) and username != "office":
            continue
        key = pattern_of(href)
        if key not in seen and len(urls) < MAX_PAGES:
            seen.add(key)
            urls.append(href)
    return urls


def _axe(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] in {"serious", "critical"}:
            nodes = violation["nodes"]
            where = ", ".join(" ".join(node["target"][0:1]) for node in nodes[:3])
            found.append(f"{violation['id']} ({violation['impact']}, {len(nodes)}×: {where}): {violation['help']}")
    return found


def _visit(page, base, url, *, problems, where, shot: Path | None, run_axe: bool):
    response = page.goto(base + url)
    page.wait_for_load_state("networkidle" if shot else "load")
    if response is None or response.status != 200:
        problems.append(f"{where} {url}: HTTP {response.status if response else 'none'}")
        return
    if run_axe:
        problems += [f"{where} {url}: {line}" for line in _axe(page)]
    if shot is not None:
        shot.parent.mkdir(parents=True, exist_ok=True)
        # one screen at 1440 px, two on a phone: enough to show the page, small enough to commit
        screens = 2 if page.viewport_size["width"] < 800 else 1
        height = min(page.evaluate("document.documentElement.scrollHeight"), screens * page.viewport_size["height"])
        page.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": 0, **page.viewport_size, "height": height})


def _gallery(shots: dict[str, list[tuple[str, str, Path]]]) -> str:
    labels = {username: f"{role.label}（{username}）" for username, _d, _h, role, *_rest in ACCOUNTS}
    lines = [
        "# 界面截图 (Screenshots)",
        "",
        "Every main page of each demo role (its home page and the pages linked from it) at 1440 px, and",
        "the pages a unit uses at 390 px (a phone), made by `tests/browser/test_main_pages.py` on the demo",
        "data. Regenerate them with:",
        "",
        "    XUNCHA_SCREENSHOTS=1 XUNCHA_ENV=test .venv/bin/python -m pytest -p no:cacheprovider -q \\",
        "        tests/browser/test_main_pages.py",
        "",
    ]
    for username, items in shots.items():
        lines += [f"## {labels[username]}", ""]
        for url, width, path in items:
            rel = path.relative_to(SCREENSHOTS).as_posix()
            lines += [f"### `{url}` ({width} px)", "", f"![{username} {url} {width}px]({rel})", ""]
    return "\n".join(lines)


def test_main_pages_of_every_role_answer_and_pass_axe(live_server, browser):
    assert AXE.exists(), "axe-core is missing: npm install (package.json devDependencies)"
    load_demo(passwords={username: PASSWORD for username, *_rest in ACCOUNTS})
    base = live_server.url
    if SAVE:
        shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    problems: list[str] = []
    shots: dict[str, list[tuple[str, str, Path]]] = {}
    timings, checked = [], set()
    for username in ROLES:
        started = time.monotonic()
        context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900}, bypass_csp=True)
        page = log_in(context.new_page(), base, username)
        urls = _main_pages(page, base, username)
        assert len(urls) >= 3, f"{username}'s home page links to too little: {urls}"
        for url in urls:
            shot = SCREENSHOTS / username / f"{_slug(pattern_of(url))}.png" if SAVE else None
            run_axe = pattern_of(url) not in checked
            checked.add(pattern_of(url))
            _visit(page, base, url, problems=problems, where=f"{username} 1440px", shot=shot, run_axe=run_axe)
            if shot is not None:
                shots.setdefault(username, []).append((pattern_of(url), "1440", shot))
        context.close()
        if username in PHONE_ROLES:
            phone = browser.new_context(
                locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
            )
            page = log_in(phone.new_page(), base, username)
            for url in urls:
                shot = SCREENSHOTS / username / f"{_slug(pattern_of(url))}-390.png" if SAVE else None
                _visit(page, base, url, problems=problems, where=f"{username} 390px", shot=shot, run_axe=False)
                if shot is not None:
                    shots.setdefault(username, []).append((pattern_of(url), "390", shot))
            phone.close()
        timings.append(f"{username}: {len(urls)} pages in {time.monotonic() - started:.1f}s")
    if SAVE:
        (SCREENSHOTS / "README.md").write_text(_gallery(shots) + "\n", encoding="utf-8")
    print("\n".join(timings))
    assert not problems, "\n" + "\n".join(problems)
