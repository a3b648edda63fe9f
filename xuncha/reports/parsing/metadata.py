"""Title and signature (issuer and date), from the frame of the report.

Reports close with the issuing committee and a date; what the report says of the inspection
itself (body, target, kind, dates) is read by inspection.py.
"""

import re
from dataclasses import dataclass
from datetime import date

from .dates import parse_date

_ISSUER_LINE = re.compile(
    r"(?:中共|中国共产党)[^,，。:;]{1,40}"
    r"|[^,，。:;]{2,40}?(?:党委|党组|党工委|委员会|党总支|巡视办|巡察办|领导小组办公室|纪委监委)"
)
# A news item's source closing it: "…全部完成整改。(厦门市纪委监委)", "(省委巡视办)".
_BYLINE = re.compile(r"[(]\s*(?P<issuer>[^()]{2,30}?(?:委|办|委员会|纪委监委|监委|部|组))\s*[)]\s*$")
_CLOSING = re.compile(r"(?:欢迎|如有意见|如对|联系电话|联系方式|通信地址|通讯地址|电子邮箱|邮政编码|来信请寄)")
_TITLE_WORDS = re.compile(r"(?:通报|报告|公告|公示|情况)")
_TITLE_TOPIC = re.compile(r"(?:整改|巡视|巡察)")


@dataclass(frozen=True, slots=True)
class Signature:
    start: int  # index of the first closing paragraph (appeal, contacts, issuer, date)
    issuer: str | None
    issued_on: date | None


def find_signature(paragraphs: list[str]) -> Signature:
    """Locate the closing block, so that it never ends up in the last problem's text."""
    end = len(paragraphs)
    window = range(end - 1, max(-1, end - 16), -1)
    date_index = next((i for i in window if parse_date(paragraphs[i]) is not None), None)
    issuer: str | None = None
    issued_on: date | None = None
    if date_index is not None:
        issued_on = parse_date(paragraphs[date_index])
        start = date_index
        if date_index > 0 and _is_issuer(paragraphs[date_index - 1]):
            issuer = paragraphs[date_index - 1]
            start = date_index - 1
    else:
        issuer_index = next((i for i in range(end - 1, max(-1, end - 6), -1) if _is_issuer(paragraphs[i])), None)
        start = end if issuer_index is None else issuer_index
        issuer = None if issuer_index is None else paragraphs[issuer_index]
    while start > 0 and _CLOSING.match(paragraphs[start - 1]):
        start -= 1
    return Signature(start=start, issuer=issuer, issued_on=issued_on)


def find_title(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs[:4]:
        if (
            6 <= len(paragraph) <= 80
            and "。" not in paragraph
            and _TITLE_WORDS.search(paragraph)
            and _TITLE_TOPIC.search(paragraph)
        ):
            return paragraph
    return None


def issuer_from_title(title: str | None) -> str | None:
    if not title or "关于" not in title:
        return None
    head = title.split("关于", 1)[0].strip()
    return head if _ISSUER_LINE.fullmatch(head) else None


def issuer_from_byline(paragraphs: list[str]) -> str | None:
    """The source a news item names in brackets at its end, when it has no signature."""
    for paragraph in reversed(paragraphs[-3:]):
        match = _BYLINE.search(paragraph)
        if match:
            return match["issuer"]
    return None


def _is_issuer(paragraph: str) -> bool:
    return len(paragraph) <= 40 and bool(_ISSUER_LINE.fullmatch(paragraph))
