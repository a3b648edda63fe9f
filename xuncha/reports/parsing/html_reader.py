"""HTML to text with the standard library: block elements become line breaks.

A saved report page is one article inside navigation, scripts and share buttons. Scripts,
styles and the <head> are dropped; the rest keeps the page's paragraph breaks, and the
normaliser then removes furniture such as "打印本页" or "【字体：大 中 小】".
"""

import re
from html.parser import HTMLParser

from . import messages
from .errors import ReportParseError

_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "iframe",
        "object",
        "select",
        "button",
        "textarea",
    }
)
# Source line breaks between Chinese characters are layout, not spaces.
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff，。、；：“”（）])\s+(?=[\u3400-\u9fff，。、；：“”（）])")
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skip_depth = 0  # a page that never closed its <head>
        if tag in _SKIP:
            self.skip_depth += 1
        if tag == "pre":
            self.pre_depth += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if not self.pre_depth:
            data = _WHITESPACE.sub(" ", _CJK_GAP.sub("", data))
        self.parts.append(data)


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    try:
        extractor.feed(html)
        extractor.close()
    except Exception as error:  # html.parser rejects a few malformed declarations
        raise ReportParseError(messages.HTML_UNREADABLE, error=type(error).__name__) from None
    return "".join(extractor.parts)
