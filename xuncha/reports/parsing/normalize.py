"""Turn text from any reader into one paragraph per line, in a single spelling.

The same report reaches us typed with full-width or ASCII brackets, "1." or "1．",
no-break spaces, Windows line ends, web-page furniture and PDF page numbers. Everything
downstream (markers, structure, stated figures) sees only the normalised form, so two
spellings of one report parse to the same tree.

Full NFKC is not used: it would turn "①" into "1" and "⑴" into "(1)" and so erase the
difference between levels. Only the full-width ASCII block and odd spaces are folded.
Chinese punctuation with no ASCII twin (。、“”《》) is kept.
"""

import re
from collections import Counter

from .markers import Mark, classify, is_marker_only

_CHAR_MAP: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
# Control characters go, except the line feed; a tab is a space.
_CHAR_MAP.update(dict.fromkeys((code for code in range(0x20) if code != 0x0A), ""))
_CHAR_MAP[0x7F] = ""
_CHAR_MAP.update(dict.fromkeys((0x0009, 0x00A0, 0x1680, 0x202F, 0x205F, 0x3000), " "))
_CHAR_MAP.update(dict.fromkeys(range(0x2000, 0x200B), " "))
# Zero-width characters and the soft hyphen carry nothing.
_CHAR_MAP.update(dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD), ""))
_CHAR_MAP.update({0x2474 + i: f"({i + 1})" for i in range(20)})  # ⑴ … ⒇
_CHAR_MAP.update({0x2488 + i: f"{i + 1}." for i in range(20)})  # ⒈ … ⒛
_CHAR_MAP.update({0xFE59: "(", 0xFE5A: ")", 0x2236: ":"})

_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r" {2,}")
_CJK = r"[\u3400-\u9fff]"
_LETTER_SPACED = re.compile(rf"(?:{_CJK} ){{3,}}{_CJK}")

_FURNITURE = tuple(
    re.compile(pattern)
    for pattern in (
        r"扫一扫在手机(?:上)?(?:查看|打开)当前页(?:面)?",
        r"(?:[【\[]?\s*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|收藏本页|保存本页|我要纠错)"
        r"\s*[】\]]?\s*)+",
        r"[【\[]?\s*(?:字体|字号)\s*:?\s*[【\[]?\s*大\s*中\s*小\s*[】\]]?\s*[】\]]?.{0,20}",
        r"(?:发布时间|发布日期|时间|日期|来源|文章来源|信息来源|作者|编辑|责任编辑|审核|浏览次数|浏览量|浏览"
        r"|点击数|点击量|阅读量|阅读次数|访问量|分享到|分享|发布机构)\s*:.{0,80}",
        r"(?:当前位置|您当前的位置|您的位置|当前所在位置)\s*:.*",
        r".{0,40}首页\s*>.{0,80}",
        r"(?:上一篇|下一篇)\s*:.*",
        r"[—–\-－―]+\s*\d{1,4}\s*[—–\-－―]+",
        r"第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?",
        r"共\s*\d{1,4}\s*页",
        r"\d{1,4}\s*/\s*\d{1,4}",
        r"\d{1,3}",
        r"(?i)page\s*\d+(?:\s*of\s*\d+)?",
    )
)

# A line ending in one of these is mid-sentence whatever the layout.
_OPEN_ENDINGS = tuple(",、(“《‘—-[")
# A line ending in one of these may end a paragraph.
_CLOSED_ENDINGS = tuple("。！？!?；;:…")


def normalize_chars(text: str) -> str:
    """Fold the spellings that mean the same thing; keep paragraph breaks."""
    text = _LINE_BREAKS.sub("\n", text).translate(_CHAR_MAP)
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line.strip())
        if _LETTER_SPACED.fullmatch(line):
            line = line.replace(" ", "")
        lines.append(line)
    return "\n".join(lines)


def is_furniture(line: str) -> bool:
    """Web and print furniture that is never part of a report's content."""
    return any(pattern.fullmatch(line) for pattern in _FURNITURE)


def normalize_text(text: str) -> str:
    """One paragraph per line, furniture dropped, broken lines joined."""
    lines = [None if is_furniture(line) else line for line in normalize_chars(text).split("\n")]
    return "\n".join(_join_broken_lines(lines))


def _join_broken_lines(lines: list[str | None]) -> list[str]:
    """Join lines that a PDF, an HTML page or a text editor split inside a paragraph.

    Only safe joins: a line that is nothing but a mark ("1." then the text), a line that
    ends in an opening or listing punctuation (",", "、", "“"), and, when the whole
    document is hard-wrapped at a fixed width, a full-width line without a closing
    punctuation. A heading never ends in a comma and is never full-width in a wrapped
    document, so headings stay on their own lines. Dropped furniture (None) is not a
    paragraph break: a PDF sentence runs on across the page number.
    """
    width = _wrap_width([line for line in lines if line])
    out: list[str] = []
    gap = False  # a blank line since the last kept line
    for line in lines:
        if line is None:
            continue
        if not line:
            gap = True
            continue
        if out and _continues(out[-1], line, width, gap):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
        gap = False
    return out


def _continues(previous: str, line: str, width: int | None, gap: bool) -> bool:
    if is_marker_only(previous):
        return True
    if classify(line).mark is not Mark.TEXT:
        return False
    if previous.endswith(_OPEN_ENDINGS):
        return True
    if gap or width is None or previous.endswith(_CLOSED_ENDINGS):
        return False
    return len(previous) >= width - 1


def _glue(previous: str, line: str) -> str:
    # Latin words keep a space between them; Chinese text never had one.
    if previous[-1:].isascii() and previous[-1:].isalnum() and line[:1].isascii() and line[:1].isalpha():
        return f"{previous} {line}"
    return previous + line


def _wrap_width(lines: list[str]) -> int | None:
    """The fixed line width of a hard-wrapped document, or None when lines are paragraphs."""
    lengths = [len(line) for line in lines if len(line) >= 8]
    if len(lengths) < 5:
        return None
    mode, _ = Counter(lengths).most_common(1)[0]
    near = sum(1 for length in lengths if abs(length - mode) <= 1)
    if mode >= 15 and near >= 5 and near >= 0.35 * len(lengths):
        return mode
    return None
