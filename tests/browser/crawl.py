"""The acceptance crawler: as one user, visit every page reachable from the home page (bounded),
following every link, htmx GET and GET form shown, and collect what a user would meet as a
dead end (a 404, 500, 403, 405 or a redirect to the login page) and English words on the
zh-hans pages.

The English-text rule (a heuristic, see `english_words`): in the visible text of a page (text
nodes outside script/style/code/pre/textarea and outside elements marked translate="no", plus
the placeholder, title, aria-label and alt attributes and the value of buttons) every ASCII word
of two letters or more is English unless it is
- part of a token that carries data: an e-mail address, a URL or path, a file name, or any
  token with a digit in it (organisation codes such as 350203-XCB, versions such as v2, dates);
- written against a Chinese character with no space between ("已有TCL华星Micro-LED显示"): a
  name inside Chinese prose is data; an untranslated message is English words between spaces;
- an abbreviation in capitals of up to six letters (TCL, TOD, LED, PDF);
- one of `ALLOWED_WORDS`: abbreviations and product names a Chinese interface keeps in Latin
  letters (PDF, Excel, API, ID…), and the demo's user names (data the crawler sees everywhere).
A page of data in English (a person's name typed in English) would be a false alarm: mark the
element that shows it translate="no" (the HTML attribute for "this is not interface text").
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import lxml.html

# Abbreviations and names kept in Latin letters in a Chinese interface, and the demo's account
# names (data). Compared in lower case.
ALLOWED_WORDS = {
    # abbreviations, formats, products
    "pdf",
    "excel",
    "word",
    "xlsx",
    "docx",
    "csv",
    "json",
    "api",
    "id",
    "ids",
    "url",
    "ip",
    "ok",
    "totp",
    "otp",
    "oathtool",
    "echarts",
    "openapi",
    "swagger",
    "rest",
    "http",
    "https",
    "html",
    "xuncha",
    "tabler",
    "htmx",
    "django",
    "www",
    # the language chooser names English in English
    "english",
    # the demo's user names (data)
    "office",
    "office_province",
    "office2",
    "office_siming",
    "team",
    "liaison",
    "unit",
    "discipline",
    "orgdept",
    "leader",
    "sysadmin",
    "secadmin",
    "auditor",
    "province",
    "siming",
    "clerk",  # the account waiting for the security administrator (xuncha/demo/current.py)
}

# skipped: leaving the session, switching the language (POST only), machine endpoints
SKIPPED_PREFIXES = ("/logout/", "/i18n/", "/static/", "/media/", "/healthz", "/api/v1/", "/api/tokens/", "/bench/")

_ID = re.compile(r"^(\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{32})$")
_DATA_TOKEN = re.compile(
    r"\S+@\S+"  # e-mail
    r"|https?://\S+"  # URL
    r"|/[\w/.\-?=&%]*"  # path
    r"|[\w\-.()（）\u4e00-\u9fff]+\.[A-Za-z]{2,4}\b"  # file name
    r"|[\w\-.:/]*\d[\w\-.:/]*"  # any token with a digit
)
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_GLUED = re.compile(rf"(?<=[{_CJK}])[A-Za-z][\w\-.]*|[A-Za-z][\w\-.]*(?=[{_CJK}])")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z_']+")
_INVISIBLE = "script", "style", "noscript", "template", "code", "pre", "kbd", "samp", "textarea"
_TEXT_XPATH = (
    "//text()[not(" + " or ".join(f"ancestor::{tag}" for tag in _INVISIBLE) + ") and not(ancestor::*[@translate='no'])]"
)
_ATTR_XPATH = (
    "//*[not(ancestor-or-self::*[@translate='no'])]/@placeholder"
    " | //*[not(ancestor-or-self::*[@translate='no'])]/@title"
    " | //*[not(ancestor-or-self::*[@translate='no'])]/@aria-label"
    " | //img/@alt"
    " | //input[@type='submit' or @type='button']/@value"
)


def english_words(text: str) -> list[str]:
    """The words of `text` that the rule above counts as English interface text."""
    stripped = _ACRONYM.sub(" ", _DATA_TOKEN.sub(" ", _GLUED.sub(" ", text)))
    return [w for w in _WORD.findall(stripped) if w.lower().strip("'") not in ALLOWED_WORDS]


def pattern_of(url: str) -> str:
    """/x/12/edit/?page=2&q=a → /x/<id>/edit/?page&q: ids count once, query values do not matter."""
    parts = urlsplit(url)
    path = "/".join("<id>" if _ID.match(segment) else segment for segment in parts.path.split("/"))
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return path + ("?" + "&".join(keys) if keys else "")


@dataclass
class Problem:
    username: str
    url: str
    found_on: str
    what: str

    def __str__(self):
        return f"{self.username}: {self.url} (linked from {self.found_on}): {self.what}"


@dataclass
class Crawl:
    username: str
    max_patterns: int = 40
    visited: dict[str, str] = field(default_factory=dict)  # pattern -> first URL
    problems: list[Problem] = field(default_factory=list)
    truncated: int = 0


def _targets(doc, page_url: str) -> list[str]:
    """Every GET target shown on the page: links, htmx GETs, GET forms with their default values."""
    found = []
    for href in doc.xpath("//a/@href | //*/@hx-get"):
        found.append(urljoin(page_url, href.strip()))
    for form in doc.xpath("//form[not(@method) or translate(@method,'GET','get')='get']"):
        action = urljoin(page_url, form.get("action") or page_url)
        values = []
        for control in form.xpath(".//input[@name] | .//select[@name]"):
            kind = (control.get("type") or "").lower()
            if kind in {"submit", "button", "file", "password"} or (
                kind in {"checkbox", "radio"} and control.get("checked") is None
            ):
                continue
            if control.tag == "select":
                chosen = control.xpath(".//option[@selected]/@value") or []
                values += [(control.get("name"), v) for v in chosen]
            elif control.get("value"):
                values.append((control.get("name"), control.get("value")))
        query = urlencode(values)
        found.append(f"{action.split('?')[0]}?{query}" if query else action.split("?")[0])
    return found


def _inside(url: str, base: str) -> str | None:
    """The local path+query of `url`, or None for other hosts, fragments-only and skipped paths."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", ""} or (parts.netloc and parts.netloc != urlsplit(base).netloc):
        return None
    local = parts.path + (f"?{parts.query}" if parts.query else "")
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return local


def check_language(doc, *, full_page: bool) -> list[str]:
    """What on the page is not Chinese: a lang other than zh, English words in visible text."""
    problems = []
    if full_page:
        lang = doc.xpath("string(/html/@lang)")
        if not lang.lower().startswith("zh"):
            problems.append(f"<html lang={lang!r}>, not zh-hans")
    words = []
    for text in doc.xpath(_TEXT_XPATH) + doc.xpath(_ATTR_XPATH):
        words += [(w, " ".join(str(text).split())[:80]) for w in english_words(str(text))]
    if words:
        shown = "; ".join(f"{w!r} in {context!r}" for w, context in dict(words).items())
        problems.append(f"English text: {shown}"[:600])
    return problems


def crawl(client, username: str, *, start: str = "/", max_patterns: int = 40) -> Crawl:
    """Breadth-first from `start` as the client's logged-in user, one URL per pattern."""
    result = Crawl(username, max_patterns)
    base = "http://testserver"
    queue = [(start, "(start)")]
    while queue:
        url, found_on = queue.pop(0)
        key = pattern_of(url)
        if key in result.visited:
            continue
        if len(result.visited) >= max_patterns:
            result.truncated += 1
            continue
        result.visited[key] = url
        response = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
        final = response.request["PATH_INFO"]
        if response.status_code != 200:
            result.problems.append(Problem(username, url, found_on, f"HTTP {response.status_code}"))
        elif final.startswith("/login/"):
            result.problems.append(Problem(username, url, found_on, "sent to the login page"))
        content_type = response.get("Content-Type", "")
        if "text/html" not in content_type or response.get("Content-Disposition") or not response.content.strip():
            continue
        doc = lxml.html.fromstring(response.content)
        full_page = doc.tag == "html"
        for what in check_language(doc, full_page=full_page):
            result.problems.append(Problem(username, url, found_on, what))
        for target in _targets(doc, base + final):
            local = _inside(target, base)
            if local is not None and pattern_of(local) not in result.visited:
                queue.append((local, url))
    return result
