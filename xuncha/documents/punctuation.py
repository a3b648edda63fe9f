"""Chinese punctuation in Chinese text (GB/T 15834-2011), for what comes from the ledger.

Text typed into the platform or imported from spreadsheets mixes half-width marks into Chinese
sentences: "(一)", "(1)", ",", ":", and quotes nested as “…“…”…”. A printed document uses
full-width marks, and a quote inside a quote takes single quotes: “…‘…’…”.

Only text with Chinese characters is touched. Within it, marks between two digits stay as they
are (1,000 and 8:00), as do the half-width full stop after an Arabic numeral ("1." is the
standard's third-level numbering) and everything in Latin words.
"""

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[,:](?=\d)")
_SIMPLE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_OPENING_QUOTES = {"“", "‘"}
_CLOSING_QUOTES = {"”", "’"}
_DOUBLE = ("“", "”")
_SINGLE = ("‘", "’")


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def _simple_marks(text: str) -> str:
    protected = {m.start() for m in _BETWEEN_DIGITS.finditer(text)}
    out = []
    for index, char in enumerate(text):
        if char in _SIMPLE and index not in protected:
            out.append(_SIMPLE[char])
            continue
        out.append(char)
    # a half-width space left after a mark that is now full-width
    return re.sub(r"([，：；？！（）]) +", r"\1", "".join(out))


def _quotes(text: str) -> str:
    """Curly or straight double quotes set by depth: “ at even depth, ‘ at odd depth."""
    out = []
    depth = 0
    for char in text:
        if char == '"':
            char = "”" if depth > 0 and (out and out[-1] != " ") and _closes(out, depth) else "“"
        if char in _OPENING_QUOTES:
            out.append((_DOUBLE if depth % 2 == 0 else _SINGLE)[0])
            depth += 1
        elif char in _CLOSING_QUOTES and depth > 0:
            depth -= 1
            out.append((_DOUBLE if depth % 2 == 0 else _SINGLE)[1])
        else:
            out.append(char)
    return "".join(out)


def _closes(out: list[str], depth: int) -> bool:
    """A straight quote after an open quote closes it unless it directly follows an opening."""
    return out[-1] not in "“‘（(：:，,"


def normalise(text: str) -> str:
    """Full-width Chinese punctuation and nested quotes; text without Chinese is left alone."""
    if not text or not has_chinese(text):
        return text
    return _quotes(_simple_marks(text))


def normalise_number(number: str) -> str:
    """发文字号: the year in hexagonal brackets 〔〕, as 厦巡督〔2025〕3号."""
    return re.sub(r"[\[［【(（](\d{4})[\]］】)）]", r"〔\1〕", number)
