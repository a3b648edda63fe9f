"""Problem statuses, taken only from what the report says.

Seed 004 has a section "四、未完成和基本完成事项的说明" with sub-headings "(一)未完成的整改事项"
and "(二)基本完成的整改事项" naming problems as "存在问题12:老旧小区、城中村隐患较多". When a
report names its exceptions like that, every problem it does not name is done. A problem
may also carry its own label ("完成情况:已完成", "【基本完成】"). A report that says
neither leaves every status None: the parser never guesses completion from prose.
"""

import re

from .markers import Mark, classify
from .model import Problem, ProblemStatus
from .numerals import chinese_to_int

_BASICALLY = re.compile(r"基本完成")
_NOT_DONE = re.compile(r"未完成|尚未完成|未整改到位|正在整改")
_REFERENCE = re.compile(
    r"(?:存在)?问题\s*(?P<n>\d{1,3})\s*[:]\s*(?P<title>[^”\"]{2,160})"
    r"|第\s*(?P<n2>\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:个|项|条)?问题"
    r"|问题\s*\(\s*(?P<n3>\d{1,3})\s*\)"
)
_QUOTED = re.compile(r"[“\"‘]([^”\"’]{4,160})[”\"’]")
_WORDS = r"已完成|已整改完成|已整改到位|已整改|基本完成|未完成|正在整改|持续整改"
# "完成情况:已完成" anywhere in the problem's text.
_LABEL = re.compile(rf"(?:完成情况|整改进度|整改状态|整改进展|整改结果|完成状态)\s*:\s*(?P<word>{_WORDS})")
# "【已完成】" only closing the heading or the whole text: inside the text a bracketed word
# may describe one step ("①…(已完成)").
_TAG = re.compile(rf"[【\[(](?P<word>{_WORDS})(?:整改)?[】\])]\s*[。.]?\s*$")
_WORD_STATUS = {
    "已完成": ProblemStatus.DONE,
    "已整改完成": ProblemStatus.DONE,
    "已整改到位": ProblemStatus.DONE,
    "已整改": ProblemStatus.DONE,
    "基本完成": ProblemStatus.BASICALLY_DONE,
    "未完成": ProblemStatus.NOT_DONE,
    "正在整改": ProblemStatus.NOT_DONE,
    "持续整改": ProblemStatus.NOT_DONE,
}
_PUNCT = re.compile(r"[\s“”\"‘’'「」『』《》()、,，.。:;；!！?？\-—]")


def assign_statuses(problems: list[Problem], paragraphs: list[str], skip: set[int]) -> None:
    """Set each problem's status from the status section and from per-problem labels.

    `skip` holds the paragraph indices inside problems: a status section is outside the tree.
    """
    named = _named_in_status_section(problems, paragraphs, skip)
    for problem in problems:
        if id(problem) in named:
            problem.status = named[id(problem)]
            continue
        lines = problem.text.split("\n")
        label = _LABEL.search(problem.text) or _TAG.search(lines[0]) or _TAG.search(lines[-1])
        if label:
            problem.status = _WORD_STATUS[label["word"]]
        elif named:
            problem.status = ProblemStatus.DONE


def _named_in_status_section(
    problems: list[Problem], paragraphs: list[str], skip: set[int]
) -> dict[int, ProblemStatus]:
    named: dict[int, ProblemStatus] = {}
    mode: ProblemStatus | None = None
    in_section = False
    for index, paragraph in enumerate(paragraphs):
        if index in skip:
            continue
        marked = classify(paragraph)
        heading = marked.mark in (Mark.SECTION, Mark.PAREN_CN) or (
            len(paragraph) <= 40 and "。" not in paragraph and _REFERENCE.search(paragraph) is None
        )
        if heading:
            basically = bool(_BASICALLY.search(paragraph))
            not_done = bool(_NOT_DONE.search(_BASICALLY.sub("", paragraph)))
            if basically or not_done:
                in_section = True
                mode = (
                    None
                    if basically and not_done
                    else (ProblemStatus.BASICALLY_DONE if basically else ProblemStatus.NOT_DONE)
                )
                continue
            if marked.mark is Mark.SECTION:
                in_section, mode = False, None
            continue
        if not in_section or mode is None:
            continue
        problem = referenced_problem(problems, marked.rest)
        if problem is not None:
            named[id(problem)] = mode
    return named


def referenced_number(text: str) -> str | None:
    """The number of the problem a line names ("存在问题12:…", "第三个问题"), as digits."""
    reference = _REFERENCE.search(text[:200])
    if reference is None:
        return None
    number_text = reference["n"] or reference["n2"] or reference["n3"]
    try:
        return str(int(number_text) if number_text.isdigit() else chinese_to_int(number_text))
    except ValueError:
        return None


def referenced_problem(problems: list[Problem], text: str) -> Problem | None:
    """The problem a status line names, by its title if quoted, else by its number."""
    head = text[:200]
    reference = _REFERENCE.search(head)
    if reference is None and not head.startswith(("“", '"', "‘", "关于“")):
        return None
    titles = []
    if reference is not None and reference["title"]:
        titles.append(reference["title"])
    titles.extend(_QUOTED.findall(head))
    for title in titles:
        problem = _by_title(problems, title)
        if problem is not None:
            return problem
    if reference is None:
        return None
    number_text = reference["n"] or reference["n2"] or reference["n3"]
    try:
        number = int(number_text) if number_text.isdigit() else chinese_to_int(number_text)
    except ValueError:
        return None
    matches = [problem for problem in problems if problem.number == str(number)]
    return matches[0] if len(matches) == 1 else None


def _by_title(problems: list[Problem], title: str) -> Problem | None:
    wanted = _PUNCT.sub("", title)
    if len(wanted) < 4:
        return None
    exact = [problem for problem in problems if _PUNCT.sub("", problem.title) == wanted]
    if len(exact) == 1:
        return exact[0]
    near = [
        problem
        for problem in problems
        if len(_PUNCT.sub("", problem.title)) >= 6
        and (wanted in _PUNCT.sub("", problem.title) or _PUNCT.sub("", problem.title) in wanted)
    ]
    return near[0] if len(near) == 1 else None
