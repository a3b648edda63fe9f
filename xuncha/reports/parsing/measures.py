"""The labelled steps inside one problem's text.

Reports tell what was done as "一是…二是…三是…", one paragraph each or run together in
one paragraph, sometimes grouped under "①针对…的问题。" sub-splits. Each ordinal becomes a
measure labelled "一是" (or "①一是" inside a sub-split); a sub-split with no ordinals is
one measure labelled "①". Unlabelled prose is not a measure: it would be a guess.

These are not the report's "措施N项": a plan's measures are not enumerated in the text,
so counted measures are never compared with that figure (see checks.py).
"""

import re

from .markers import CN, Mark, classify
from .model import Measure
from .numerals import chinese_to_int

# An ordinal opens a paragraph or follows the end of a clause; "整改情况:一是" has a lead-in.
_ORDINAL = re.compile(rf"(?:^|(?<=[。;；!?！？:]))\s*([{CN}]{{1,3}})是(?!否)", re.MULTILINE)


def extract_measures(paragraphs: list[str]) -> list[Measure]:
    measures: list[Measure] = []
    for prefix, heading, body in _sub_splits(paragraphs):
        found = _ordinal_measures(body, prefix)
        if found:
            measures.extend(found)
        elif prefix:
            text = "\n".join(part for part in (heading, *body) if part)
            measures.append(Measure(label=prefix, text=text))
    return measures


def _sub_splits(paragraphs: list[str]) -> list[tuple[str, str, list[str]]]:
    """(label, heading, body paragraphs); the part before any "①" has label ""."""
    groups: list[tuple[str, str, list[str]]] = [("", "", [])]
    for paragraph in paragraphs:
        marked = classify(paragraph)
        if marked.mark is Mark.CIRCLED:
            groups.append((marked.label, marked.rest, []))
        else:
            groups[-1][2].append(paragraph)
    return [group for group in groups if group[0] or group[2]]


def _ordinal_measures(paragraphs: list[str], prefix: str) -> list[Measure]:
    """Ordinals in sequence (一是, 二是, …) across the paragraphs; out-of-sequence ones are text."""
    text = "\n".join(paragraphs)
    starts: list[tuple[int, int, str]] = []  # (match start, text start, label)
    expected = 1
    for match in _ORDINAL.finditer(text):
        label = match.group(1)
        try:
            number = chinese_to_int(label)
        except ValueError:
            continue
        if number == expected or (number == 1 and starts):
            starts.append((match.start(1), match.end(), f"{label}是"))
            expected = number + 1
    measures = []
    for index, (_, text_start, label) in enumerate(starts):
        text_end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        body = text[text_start:text_end].strip()
        measures.append(Measure(label=f"{prefix}{label}", text=body))
    return measures
