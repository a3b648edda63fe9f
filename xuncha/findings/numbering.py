"""The feedback tree's numbering: generated from position, never typed.

Aspects are numbered （一）（二）… across the inspection, items 1. 2. … within their aspect, and
problems （1）（2）… across the whole inspection, as the published reports number them (seed 004:
"(一)…方面", "1.", "(1)"–"(35)"). A clerk who types a number anyway ("一、…", "（1）…", "1．…",
or two of them, "（一）一、…") gets it stripped, so the page never shows it twice.

What counts as a typed number is the report parser's reading of a paragraph's opening mark
(`xuncha.reports.parsing.markers.classify`, on text folded by `normalize_chars`): full-width or
ASCII brackets, "1." or "1．" or "1、", no-break spaces. An ordinal "一是…" is wording, not a
number, and stays.
"""

from xuncha.reports.parsing.markers import Mark, classify
from xuncha.reports.parsing.normalize import normalize_chars
from xuncha.reports.parsing.numerals import int_to_chinese

_NOT_NUMBERS = (Mark.TEXT, Mark.ORDINAL)
_LONGEST_MARK = 24  # characters of the original that one mark with its spaces may take


def strip_numbering(text: str) -> str:
    """`text` without the numbers typed before it (at most three, "（一）一、" is two)."""
    text = (text or "").strip()
    for _ in range(3):
        folded = normalize_chars(text).strip()
        marked = classify(folded)
        if marked.mark in _NOT_NUMBERS:
            return text
        text = _original_tail(text, marked.rest)
    return text


def _original_tail(text: str, rest: str) -> str:
    """The end of `text`, in its own spelling, that folds to `rest` (the text after the mark):
    full-width punctuation inside a title is kept, only the mark goes."""
    for start in range(1, min(len(text), _LONGEST_MARK) + 1):
        if normalize_chars(text[start:]).strip() == rest:
            return text[start:].strip()
    return rest


def aspect_label(position: int) -> str:
    return f"（{int_to_chinese(position)}）"


def item_label(position: int) -> str:
    return f"{position}."


def problem_label(position: int) -> str:
    return f"（{position}）"
