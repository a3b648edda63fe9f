"""The feedback tree: aspects → (items →) problems, found in a report's paragraphs.

The same marks mean different levels in different reports. Seed 004 puts aspects under
"(一)…方面" inside its section "二、…", items under "1." and problems under "(1)"; seed 001
has aspects "(一)“…”问题整改方面" and problems "1."–"48." with no item level; a provincial
report may use "一、…方面" for aspects. So the levels are inferred, in this order:

1. Top-level sections "一、二、三…" (numbered in sequence) split the report.
2. The aspect run is the sequence of "(一)(二)…" headings inside one section, or the
   sections themselves, whose headings mostly say "方面"; failing that, the run holding
   the most numbered paragraphs. Sections about clues or unfinished items never hold it.
3. Under the aspects, the first mark used is the next level. It is an item level only if
   its headings are directly followed by a deeper mark (an item has no text of its own);
   otherwise it is the problem level and deeper marks stay in the problem's text.

Numbers must run in sequence (restarting under a new parent, or continuing across
parents), so "(1)" or "2." inside a problem's text is not taken for a new problem.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .markers import Mark, Marked, classify
from .measures import extract_measures
from .model import Aspect, Item, Problem

_FANGMIAN = "方面"
# Sections that never hold the feedback tree: unfinished items, clues and petitions (unless
# the heading also names the feedback), plans for later.
_NOT_FEEDBACK_SECTION = re.compile(r"未完成|基本完成|下一步|打算|今后|^(?!.*(?:反馈|方面)).*(?:线索|信访)")
_SENTENCE_END = re.compile(r"[。！？!?]")
_QUOTED_TITLE = re.compile(
    r"^(?:在|关于|针对)?\s*[“\"]([^”\"]{2,})[”\"]\s*"
    r"(?:的|之|问题|整改|落实|情况|方面|工作|进展)*[:。]?$"
)
_ENDING_PUNCT = "。;；:,，"
# A short bracketed tag after a heading, such as a status: "…的问题【已完成】".
_STATUS_TAG = re.compile(r"\s*[【\[][^】\]]{1,8}[】\]]\s*$")
_LEVEL_MARKS = (Mark.PAREN_CN, Mark.NUM_DOT, Mark.PAREN_NUM, Mark.CIRCLED)


@dataclass(slots=True)
class Outline:
    aspects: list[Aspect] = field(default_factory=list)
    # Paragraph indices that belong to problems; figures stated there are the problem's
    # own ("建章立制42项" in one problem), not the report's totals.
    problem_paragraphs: set[int] = field(default_factory=set)


@dataclass(slots=True)
class _Run:
    mark: Mark
    heads: list[int]
    ends: list[int]  # exclusive end of each heading's span
    # No aspect headings: one unnamed aspect whose body starts at heads[0] itself.
    implicit: bool = False


def build_outline(paragraphs: list[str], body_end: int) -> Outline:
    """Read the tree from paragraphs[:body_end] (the signature block is excluded)."""
    marked = [classify(paragraph) for paragraph in paragraphs[:body_end]]
    run = _aspect_run(marked) or _implicit_run(marked)
    outline = Outline()
    if run is None:
        return outline
    offset = 0 if run.implicit else 1
    bodies = [(head + offset, end) for head, end in zip(run.heads, run.ends, strict=True)]
    # An implicit aspect has no mark of its own; every mark may be a level under it.
    levels = _levels(marked, Mark.SECTION if run.implicit else run.mark, bodies)
    global_last: dict[Mark, int] = {}
    for head, (start, end) in zip(run.heads, bodies, strict=True):
        if run.implicit:
            aspect = Aspect(number="", title="")
        else:
            aspect = Aspect(number=marked[head].label, title=_heading_title(marked[head].rest))
        _fill_aspect(aspect, marked, start, end, levels, global_last, outline)
        outline.aspects.append(aspect)
    return outline


# --- finding the aspect run -------------------------------------------------------------


def _sections(marked: list[Marked]) -> list[tuple[int | None, int, int]]:
    """(heading index or None, start, end) of each top-level section; one pseudo-section if none."""
    heads: list[int] = []
    for index, item in enumerate(marked):
        if item.mark is Mark.SECTION and item.number == len(heads) + 1:
            heads.append(index)
    if not heads:
        return [(None, 0, len(marked))]
    bounds = [*heads, len(marked)]
    return [(head, head, bounds[i + 1]) for i, head in enumerate(heads)]


def _aspect_run(marked: list[Marked]) -> _Run | None:
    sections = _sections(marked)
    candidates: list[_Run] = []
    for head, start, end in sections:
        if head is not None and _NOT_FEEDBACK_SECTION.search(marked[head].rest[:40]):
            continue
        candidates.extend(_paren_runs(marked, start if head is None else start + 1, end))
    headed = [(head, end) for head, _, end in sections if head is not None]
    with_fangmian = [(head, end) for head, end in headed if _FANGMIAN in marked[head].rest]
    chosen = with_fangmian or [
        (head, end) for head, end in headed if not _NOT_FEEDBACK_SECTION.search(marked[head].rest[:40])
    ]
    if chosen:
        candidates.append(_Run(Mark.SECTION, [head for head, _ in chosen], [end for _, end in chosen]))
    best: tuple[tuple[int, ...], _Run] | None = None
    for run in candidates:
        score = _score(marked, run)
        if score is not None and (best is None or score > best[0]):
            best = (score, run)
    return best[1] if best else None


def _implicit_run(marked: list[Marked]) -> _Run | None:
    """Numbered problems with no aspect heading above them: "1.关于…问题。整改情况:…".

    Taken only for a sequence of at least three, most of whose blocks speak of 整改, so
    that a numbered list in an unrelated text does not become a feedback tree.
    """
    best: _Run | None = None
    best_size = 0
    for head, start, end in _sections(marked):
        if head is not None and _NOT_FEEDBACK_SECTION.search(marked[head].rest[:40]):
            continue
        for mark in (Mark.NUM_DOT, Mark.PAREN_NUM, Mark.PAREN_CN):
            sequence: list[int] = []
            for index in range(start, end):
                if marked[index].mark is mark and marked[index].number == len(sequence) + 1:
                    sequence.append(index)
            if len(sequence) < 3 or len(sequence) <= best_size:
                continue
            blocks = [*sequence[1:], end]
            talking = sum(any("整改" in marked[j].raw for j in range(i, blocks[k])) for k, i in enumerate(sequence))
            if 2 * talking >= len(sequence):
                best, best_size = _Run(mark, [sequence[0]], [end], implicit=True), len(sequence)
    return best


def _paren_runs(marked: list[Marked], start: int, end: int) -> list[_Run]:
    runs: list[_Run] = []
    heads: list[int] = []
    for index in range(start, end):
        item = marked[index]
        if item.mark is not Mark.PAREN_CN:
            continue
        if item.number == 1:
            if heads:
                runs.append(_Run(Mark.PAREN_CN, heads, [*heads[1:], index]))
            heads = [index]
        elif heads and item.number == len(heads) + 1:
            heads.append(index)
    if heads:
        runs.append(_Run(Mark.PAREN_CN, heads, [*heads[1:], end]))
    return [run for run in runs if not any(_NOT_FEEDBACK_SECTION.search(marked[h].rest[:20]) for h in run.heads)]


def _score(marked: list[Marked], run: _Run) -> tuple[int, ...] | None:
    """Higher is more likely the aspect run; None when the run cannot be aspects at all."""
    fangmian = sum(_FANGMIAN in marked[head].rest for head in run.heads)
    numbered = sum(
        1
        for head, end in zip(run.heads, run.ends, strict=True)
        for index in range(head + 1, end)
        if marked[index].mark in (Mark.NUM_DOT, Mark.PAREN_NUM, Mark.CIRCLED)
    )
    if numbered == 0:
        return None
    majority = 2 * fangmian >= len(run.heads)
    deeper = run.mark is Mark.PAREN_CN
    return (int(majority), int(deeper and numbered >= len(run.heads)), fangmian, numbered)


# --- levels under the aspects ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Levels:
    item: Mark | None
    problem: Mark | None


def _levels(marked: list[Marked], aspect_mark: Mark, bodies: list[tuple[int, int]]) -> _Levels:
    allowed = [mark for mark in _LEVEL_MARKS if mark is not aspect_mark]
    if aspect_mark is not Mark.SECTION:
        allowed = [mark for mark in allowed if mark is not Mark.PAREN_CN]
    first = _majority(
        next((marked[i].mark for i in range(start, end) if marked[i].mark in allowed), None) for start, end in bodies
    )
    if first is None:
        return _Levels(None, None)
    heads = [i for start, end in bodies for i in range(start, end) if marked[i].mark is first]
    deeper = [mark for mark in allowed if mark is not first]
    followed = [marked[i + 1].mark for i in heads if i + 1 < len(marked)]
    second = _majority(mark if mark in deeper else None for mark in followed)
    if second is not None and sum(mark is second for mark in followed) * 10 >= 6 * len(heads):
        return _Levels(first, second)
    return _Levels(None, first)


def _majority(marks: Iterable[Mark | None]) -> Mark | None:
    counts: dict[Mark, int] = {}
    for mark in marks:
        if mark is not None:
            counts[mark] = counts.get(mark, 0) + 1
    return max(counts, key=lambda mark: counts[mark]) if counts else None


# --- filling an aspect --------------------------------------------------------------------


def _accepts(number: int, last_here: int | None, last_global: int | None) -> bool:
    """A number continues its parent's sequence, or starts one (at 1 or after the previous parent)."""
    if last_here is not None:
        return number == last_here + 1
    return number == 1 or (last_global is not None and number == last_global + 1)


def _fill_aspect(
    aspect: Aspect,
    marked: list[Marked],
    start: int,
    end: int,
    levels: _Levels,
    global_last: dict[Mark, int],
    outline: Outline,
) -> None:
    if levels.problem is None:
        return
    item: Item | None = None
    last_item: int | None = None
    last_problem: int | None = None
    open_problem: tuple[int, list[int]] | None = None  # heading index, body paragraph indices

    def close_problem() -> None:
        nonlocal open_problem
        if open_problem is None:
            return
        head, body = open_problem
        problem = _problem(marked, head, body)
        (item.problems if item is not None else aspect.problems).append(problem)
        outline.problem_paragraphs.update([head, *body])
        open_problem = None

    for index in range(start, end):
        current = marked[index]
        number = current.number
        if number is None:
            pass
        elif (
            current.mark is levels.item
            and index + 1 < end
            and marked[index + 1].mark is levels.problem
            and _accepts(number, last_item, global_last.get(levels.item))
        ):
            close_problem()
            item = Item(number=current.label, title=_heading_title(current.rest))
            aspect.items.append(item)
            last_item = global_last[levels.item] = number
            last_problem = None
            continue
        elif (
            current.mark is levels.problem
            and (levels.item is None or item is not None)
            and _accepts(number, last_problem, global_last.get(levels.problem))
        ):
            close_problem()
            open_problem = (index, [])
            last_problem = global_last[levels.problem] = number
            continue
        if open_problem is not None:
            open_problem[1].append(index)
    close_problem()


def _problem(marked: list[Marked], head: int, body: list[int]) -> Problem:
    heading = marked[head]
    number = str(heading.number) if heading.mark is Mark.CIRCLED else heading.label
    paragraphs = [heading.rest, *(marked[i].raw for i in body)]
    title, remainder = _split_title(heading.rest)
    measure_source = ([remainder] if remainder else []) + [marked[i].raw for i in body]
    return Problem(
        number=number,
        title=title,
        text="\n".join(p for p in paragraphs if p),
        measures=extract_measures(measure_source),
    )


def _split_title(rest: str) -> tuple[str, str]:
    """The heading's first sentence is the title; quotes are respected ("关于“甲。乙”问题")."""
    depth = 0
    for index, char in enumerate(rest):
        if char in "“《(":
            depth += 1
        elif char in "”》)" and depth:
            depth -= 1
        elif depth == 0 and _SENTENCE_END.match(char):
            return _heading_title(rest[:index]), rest[index + 1 :].strip()
    return _heading_title(rest), ""


def _heading_title(rest: str) -> str:
    text = _STATUS_TAG.sub("", rest.strip()).rstrip(_ENDING_PUNCT).strip()
    quoted = _QUOTED_TITLE.match(text)
    if quoted:
        return quoted.group(1).strip().rstrip(_ENDING_PUNCT)
    return text
