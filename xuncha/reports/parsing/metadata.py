"""Title, signature (issuer and date) and the inspection's dates, from the frame of the report.

Reports open with one sentence that dates the inspection and the feedback
("2021年1月11日至2月6日,省委巡视一组对湖里区委开展巡视。6月25日,巡视组反馈巡视意见")
and close with the issuing committee and a date. Dates inside a sentence omit the year
when it repeats; it carries over from the last full date, rolling into the next year
when the month goes backwards.
"""

import re
from dataclasses import dataclass
from datetime import date

from .model import Inspection
from .numerals import chinese_to_int

_DATE_LINE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DATE_LINE = re.compile(
    r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月"
    r"\s*([一二三四五六七八九十]{1,3})\s*日"
)
_ISSUER_LINE = re.compile(r"(?:中共|中国共产党)[^,，。:;]{1,40}|[^,，。:;]{2,40}?(?:党委|党组|党工委|委员会|党总支)")
_CLOSING = re.compile(r"(?:欢迎|如有意见|如对|联系电话|联系方式|通信地址|通讯地址|电子邮箱|邮政编码|来信请寄)")
_TITLE_WORDS = re.compile(r"(?:通报|报告|公告|公示|情况)")
_TITLE_TOPIC = re.compile(r"(?:整改|巡视|巡察)")

_PERIOD = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|-|~)\s*"
    r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日\s*[,，]?\s*"
    r"(?P<body>[^,，。;；]{2,40}?)\s*(?:对|向|进驻)[^。;；]{0,60}?(?:开展|进行|实施)?(?:了)?[^,，。;；]{0,12}?"
    r"(?:巡视|巡察)"
)
_FEEDBACK = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日[^。;；]{0,40}?反馈(?:了)?"
    r"[^。;；,，]{0,8}?(?:意见|情况)"
)
_BODY_LEAD = re.compile(r"^(?:根据[^,，]*[,，])?\s*(?:由)?")


@dataclass(frozen=True, slots=True)
class Signature:
    start: int  # index of the first closing paragraph (appeal, contacts, issuer, date)
    issuer: str | None
    issued_on: date | None


def find_signature(paragraphs: list[str]) -> Signature:
    """Locate the closing block, so that it never ends up in the last problem's text."""
    end = len(paragraphs)
    window = range(end - 1, max(-1, end - 16), -1)
    date_index = next((i for i in window if _date_line(paragraphs[i]) is not None), None)
    issuer: str | None = None
    issued_on: date | None = None
    if date_index is not None:
        issued_on = _date_line(paragraphs[date_index])
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


def find_inspection(paragraphs: list[str]) -> Inspection:
    """Dates of the inspection and of the feedback, from the report's opening paragraphs."""
    opening = "\n".join(paragraphs[:6])
    inspection = Inspection()
    search_from = 0
    period = _PERIOD.search(opening)
    if period:
        year = int(period["y1"])
        inspection.start = _date(year, period["m1"], period["d1"])
        end_year = (
            int(period["y2"]) if period["y2"] else _roll(year, period["m1"], period["d1"], period["m2"], period["d2"])
        )
        inspection.end = _date(end_year, period["m2"], period["d2"])
        inspection.body = _clean_body(period["body"])
        search_from = period.end()
    feedback = _FEEDBACK.search(opening, search_from)
    if feedback:
        if feedback["y"]:
            year = int(feedback["y"])
        elif inspection.end:
            year = inspection.end.year
            if (int(feedback["m"]), int(feedback["d"])) < (inspection.end.month, inspection.end.day):
                year += 1
        else:
            year = None
        if year is not None:
            inspection.feedback_on = _date(year, feedback["m"], feedback["d"])
    return inspection


def _clean_body(body: str) -> str | None:
    body = _BODY_LEAD.sub("", body.strip()).strip()
    return body or None


def _roll(year: int, m1: str, d1: str, m2: str, d2: str) -> int:
    return year + 1 if (int(m2), int(d2)) < (int(m1), int(d1)) else year


def _date(year: int, month: str | int, day: str | int) -> date | None:
    try:
        return date(year, int(month), int(day))
    except ValueError:
        return None


def _date_line(paragraph: str) -> date | None:
    match = _DATE_LINE.fullmatch(paragraph)
    if match:
        return _date(int(match[1]), match[2], match[3])
    match = _CN_DATE_LINE.fullmatch(paragraph)
    if match:
        try:
            return _date(chinese_to_int(match[1]), chinese_to_int(match[2]), chinese_to_int(match[3]))
        except ValueError:
            return None
    return None


def _is_issuer(paragraph: str) -> bool:
    return len(paragraph) <= 40 and bool(_ISSUER_LINE.fullmatch(paragraph))
