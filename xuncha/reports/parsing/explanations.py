"""Section "未完成和基本完成事项的说明": why each unfinished problem is not finished, what
comes next, and by when (seed 004 section 四).

Each problem there is named by a reference line ("“存在问题12:老旧小区、城中村隐患较多”问题。",
"1.“存在问题4:…”的问题。") and explained by labelled paragraphs: "有关情况说明:", "下一步措施:",
"完成时限:". A reason or next steps may run on over several paragraphs; the deadline is one
line, so the first unlabelled paragraph after it closes the explanation (seed 004's closing
paragraph follows problem 21's deadline).
"""

import re

from .dates import find_dates
from .markers import Mark, classify
from .model import Explanation, Problem
from .statuses import referenced_number, referenced_problem

_SECTION = re.compile(r"未完成|基本完成")
_LABELS = (
    ("reason", re.compile(r"^(?:有关情况说明|情况说明|未完成原因|原因说明|原因分析|主要原因)\s*:\s*")),
    ("next_steps", re.compile(r"^(?:下一步措施|下一步工作措施|下一步工作|下步措施|下一步打算|后续措施)\s*:\s*")),
    ("deadline", re.compile(r"^(?:完成时限|整改时限|计划完成时间|预计完成时间|完成时间)\s*:\s*")),
)


def find_explanations(paragraphs: list[str], *, skip: set[int], end: int, problems: list[Problem]) -> list[Explanation]:
    """The explanations of the section on unfinished problems, in the order the report gives them."""
    found: list[Explanation] = []
    current: Explanation | None = None
    field: str | None = None
    in_section = False
    for index in range(min(end, len(paragraphs))):
        if index in skip:
            continue
        paragraph = paragraphs[index]
        marked = classify(paragraph)
        if marked.mark is Mark.SECTION:
            in_section = bool(_SECTION.search(paragraph))
            current, field = None, None
            continue
        if not in_section:
            continue
        label = next(((name, match) for name, pattern in _LABELS if (match := pattern.match(paragraph))), None)
        if label is not None:
            name, match = label
            if current is not None:
                _append(current, name, paragraph[match.end() :])
                field = name
            continue
        number = _number(problems, marked.rest)
        if number is not None:
            current, field = Explanation(number=number), None
            found.append(current)
            continue
        if current is not None and field in ("reason", "next_steps") and marked.mark is Mark.TEXT:
            _append(current, field, paragraph)
        else:
            current, field = None, None
    for explanation in found:
        explanation.deadline = explanation.deadline.rstrip("。.; ；")
        dated = [entry.value for entry in find_dates(explanation.deadline) if entry.has_year]
        explanation.complete_by = max(dated) if dated else None
    return [
        explanation for explanation in found if explanation.reason or explanation.next_steps or explanation.deadline
    ]


def _number(problems: list[Problem], text: str) -> str | None:
    problem = referenced_problem(problems, text)
    if problem is not None:
        return problem.number
    return referenced_number(text)


def _append(explanation: Explanation, field: str, text: str) -> None:
    previous = getattr(explanation, field)
    setattr(explanation, field, f"{previous}\n{text}" if previous else text)
