"""No dead ends: every link a page shows opens for the user who sees it."""

import re

HREF = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)"')
# not pages: downloads, files, the language switch, logging out
NOT_PAGES = re.compile(r"logout|\.xlsx|\.docx|/files/|/static/|/i18n/|/download/")


def links_on(html: str) -> list[str]:
    return sorted({h.replace("&amp;", "&") for h in HREF.findall(html) if not NOT_PAGES.search(h)})


def dead_links(client, url: str) -> dict[str, int]:
    """The links on `url` (as `client`'s user sees it) that do not open: {href: status}."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    found = {}
    for href in links_on(page.content.decode()):
        status = client.get(href).status_code
        if status not in (200, 302):
            found[href] = status
    return found
