"""Chinese punctuation in Chinese text, for what the report takes from the ledger.

Ledgers and imported reports mix ASCII "(1)" ":" "," ";" with the full-width forms, and
quote inside quotes with the same marks (“…“…”…”). A published document uses the Chinese
forms throughout and nests quotes as “…‘…’…” (GB/T 15834). ASCII is kept where it belongs:
inside numbers ("1,000", "2.0"), times ("8:30") and Latin text ("mg/L").

The parser folds the forms back (parsing/normalize.py), so what is written here reads back
to the same tree.
"""

import re

_CJK = r"\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》、。"
_CJK_CHAR = re.compile(rf"[{_CJK}]")
# A bracket pair holding no Chinese and sitting between Latin or digits ("f(x)", "(2.0版" is Chinese).
_PAIR = re.compile(r"\(([^()]*)\)")
_ASCII_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def chinese_punctuation(text: str) -> str:
    """The text with full-width brackets and Chinese punctuation wherever it is Chinese."""
    if not text or not _CJK_CHAR.search(text):
        return text
    text = _punct(text)
    text = _PAIR.sub(_bracket, text)
    return nest_quotes(text)


def _bracket(match: re.Match[str]) -> str:
    inner = match.group(1)
    start, end = match.start(), match.end()
    source = match.string
    before = source[start - 1 : start]
    after = source[end : end + 1]
    chinese = bool(_CJK_CHAR.search(inner) or _CJK_CHAR.match(before) or _CJK_CHAR.match(after) or start == 0)
    if not chinese:
        return match.group(0)
    return f"（{inner}）"


def _punct(text: str) -> str:
    out = []
    for index, char in enumerate(text):
        replacement = _ASCII_PUNCT.get(char)
        if replacement is None:
            out.append(char)
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if before.isdigit() and after.isdigit():  # 1,000 and 8:30 stay
            out.append(char)
        elif _CJK_CHAR.match(before) or _CJK_CHAR.match(after) or after in ("", " "):
            out.append(replacement)
        else:
            out.append(char)
    return "".join(out)


def nest_quotes(text: str) -> str:
    """Straight and repeated double quotes as “…‘…’…”: the inner pair single, by depth."""
    out = []
    depth = 0
    for char in text:
        if char == '"':
            char = "“" if depth == 0 else "”"  # straight quotes cannot nest: open, then close
        if char == "“":
            out.append("“" if depth % 2 == 0 else "‘")
            depth += 1
        elif char == "”" and depth:
            depth -= 1
            out.append("”" if depth % 2 == 0 else "’")
        else:
            out.append(char)
    return "".join(out)
