"""Titles broken into balanced lines (GB/T 9704-2012 7.3.1: "标题回行时，要做到词意完整，排列对称，
长短适宜，间距恰当，标题排列应当使用梯形或菱形").

A title in 2号 type holds 20 characters on a line of the text area. A longer one is broken
into the fewest lines that hold it, as evenly as possible, preferring breaks at word
boundaries the words of official titles give (before 关于 but never after it, after 的, after
委员会, 巡察组 and 局, before 第, after 、), never leaving a short word such as "通报" alone on a
line, never inside digits, Latin words or brackets, and never before closing punctuation.
"""

import math
from itertools import combinations, pairwise

from xuncha.documents.content import text_width

TITLE_CHARS = 20  # 156 mm of 22 pt characters
MIN_LINE = 4  # characters: shorter lines ("通报", "的通报") look orphaned

_BREAK_AFTER = set("的、于对会组局")
_BREAK_BEFORE_WORDS = ("整改", "情况", "工作", "进展", "问题", "落实", "第")
_NO_LINE_START = set("，。、；：？！）》〕】”’…")
_NO_LINE_END = set("（《〔【“‘")
_OPEN, _CLOSE = "（《〔【“‘(", "）》〕】”’)"


def _cost_of_break(title: str, index: int) -> float | None:
    """The cost of a break before title[index]; None where a break is not allowed."""
    before, after = title[index - 1], title[index]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return None
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return None
    depth = 0
    for char in title[:index]:
        depth += (char in _OPEN) - (char in _CLOSE)
    if depth > 0:
        return None
    if title.endswith("关于", 0, index):
        return 4  # "关于" opens its subject: keep them on one line
    if before in _BREAK_AFTER or before in "，：" or title.startswith("关于", index):
        return 0  # between the issuing body and "关于…"
    if title.startswith(_BREAK_BEFORE_WORDS, index):
        return 0.5
    return 3  # inside a word, as far as these rules can tell


def balance(title: str, *, width: float = TITLE_CHARS) -> list[str]:
    """The title's lines: one if it fits, else the fewest lines, balanced, broken at words."""
    title = "".join(title.split())
    total = text_width(title)
    if total <= width:
        return [title]
    count = math.ceil(total / width)
    while count <= len(title):
        best = _best_split(title, count, width)
        if best is not None:
            return best
        count += 1
    return [title]


def _best_split(title: str, count: int, width: float) -> list[str] | None:
    allowed = {i: c for i in range(1, len(title)) if (c := _cost_of_break(title, i)) is not None}
    best, best_cost = None, math.inf
    if len(allowed) > 40 and count > 2:  # keep the search small: only the likely positions
        allowed = {i: c for i, c in allowed.items() if c < 3}
    ideal = text_width(title) / count
    for cuts in combinations(sorted(allowed), count - 1):
        bounds = (0, *cuts, len(title))
        lines = [title[a:b] for a, b in pairwise(bounds)]
        widths = [text_width(line) for line in lines]
        if max(widths) > width or min(widths) < MIN_LINE:
            continue
        cost = sum(abs(w - ideal) for w in widths) + sum(allowed[c] for c in cuts) * 3
        # 梯形 or 菱形: a last line longer than the one before it reads as a leftover
        cost += 0.5 * sum(1 for a, b in pairwise(widths) if b > a + 2)
        if cost < best_cost:
            best, best_cost = lines, cost
    return best
