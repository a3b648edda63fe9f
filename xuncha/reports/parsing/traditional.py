"""Traditional characters read as simplified, before anything else looks at the text.

Reports from Hong Kong, Macao and Taiwan collections, and copies passed through a converter,
reach us in traditional characters ("巡視組對湖裡區委開展巡視"); every pattern of the parser is
written in simplified ones. OpenCC converts by phrase, not character by character (乾 in 乾淨
and in 乾隆 differ), with the Taiwan variants (裡, 著) folded by its tw2s table.

Only a text that is traditional converts: a simplified text keeps every character as it is
(OpenCC would turn a simplified name written with 乾 or 於 into 干 or 于). A character counts
as traditional-only when the converter changes it and GB2312, the simplified character set,
cannot encode it; the text converts when at least one CJK character in fifty is such.
"""

import re
from collections import Counter
from functools import cache

import opencc

THRESHOLD = 1 / 50
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def to_simplified(text: str) -> str:
    """`text` in simplified characters when it is written in traditional ones, else unchanged."""
    if not is_traditional(text):
        return text
    try:
        return _converter().convert(text)
    except UnicodeError:  # a lone surrogate: the converter works on UTF-8
        return _converter().convert(text.encode("utf-8", "replace").decode("utf-8"))


def is_traditional(text: str) -> bool:
    counts = Counter(_CJK.findall(text))
    total = sum(counts.values())
    if not total:
        return False
    traditional = sum(count for char, count in counts.items() if _traditional_only(char))
    return traditional >= THRESHOLD * total


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("tw2s")


@cache
def _traditional_only(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return _converter().convert(char) != char
    return False
