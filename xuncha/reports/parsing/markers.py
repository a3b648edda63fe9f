"""The numbering marks that open a paragraph: "一、", "(一)", "1.", "(1)", "①", "一是".

Patterns run on normalised text (ASCII brackets and dots, see normalize.py), so "（一）",
"1．" and "1、" need no separate cases. Which mark means aspect, item or problem differs
between reports; that is decided in structure.py, not here.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from .numerals import chinese_to_int


class Mark(StrEnum):
    SECTION = "section"  # 一、
    PAREN_CN = "paren_cn"  # (一)
    NUM_DOT = "num_dot"  # 1.  1、
    PAREN_NUM = "paren_num"  # (1)
    CIRCLED = "circled"  # ①
    ORDINAL = "ordinal"  # 一是
    TEXT = "text"


CN = "一二三四五六七八九十"
CIRCLED_CHARS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_PATTERNS: tuple[tuple[Mark, re.Pattern[str]], ...] = (
    # "一、二季度" is a pair of numbers, not a heading: no numeral right after the mark.
    (Mark.SECTION, re.compile(rf"^([{CN}]{{1,3}})\s*[、.](?![{CN}])\s*")),
    (Mark.PAREN_CN, re.compile(rf"^\(\s*([{CN}]{{1,3}})\s*\)[、.]?\s*")),
    # "1.8平方公里" and "2.56万" are numbers, not headings: no digit after the dot.
    (Mark.NUM_DOT, re.compile(r"^(\d{1,3})\s*(?:\.(?!\d)|、)\s*")),
    (Mark.PAREN_NUM, re.compile(r"^\(\s*(\d{1,3})\s*\)[、.]?\s*")),
    (Mark.CIRCLED, re.compile(rf"^([{CIRCLED_CHARS}])\s*")),
    (Mark.ORDINAL, re.compile(rf"^([{CN}]{{1,3}})是(?!否)")),
)


@dataclass(frozen=True, slots=True)
class Marked:
    """A paragraph split into its opening mark and the rest."""

    mark: Mark
    number: int | None
    label: str  # the number as written, without brackets or dot: "一", "12", "①"
    rest: str
    raw: str


def classify(paragraph: str) -> Marked:
    for mark, pattern in _PATTERNS:
        match = pattern.match(paragraph)
        if match is None:
            continue
        label = match.group(1)
        number = _value(mark, label)
        if number is None:
            continue
        rest = paragraph[match.end() :] if mark is not Mark.ORDINAL else paragraph[len(label) + 1 :]
        return Marked(mark, number, label, rest.strip(), paragraph)
    return Marked(Mark.TEXT, None, "", paragraph, paragraph)


def _value(mark: Mark, label: str) -> int | None:
    if mark in (Mark.NUM_DOT, Mark.PAREN_NUM):
        value = int(label)
        return value if value > 0 else None
    if mark is Mark.CIRCLED:
        return CIRCLED_CHARS.index(label) + 1
    try:
        return chinese_to_int(label)
    except ValueError:
        return None


def circled(number: int) -> str:
    return CIRCLED_CHARS[number - 1] if 1 <= number <= len(CIRCLED_CHARS) else f"({number})"


def is_marker_only(paragraph: str) -> bool:
    """A line holding nothing but a mark, as PDFs and HTML lists sometimes split them."""
    marked = classify(paragraph)
    return marked.mark not in (Mark.TEXT, Mark.ORDINAL) and not marked.rest
