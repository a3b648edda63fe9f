"""Every figure the report states about itself, with the exact words.

Reports state their totals in varied wording and numerals: "4个方面12项共35个问题",
"五方面17项问题56项具体问题", "6个方面17大项问题69子项问题177项任务", "研究制定整改措施112项",
"完成问题整改30个,基本完成整改4个、未完成整改1个", "对21名相关人员已处理".

Two kinds of pattern run over each paragraph of the report's frame (paragraphs inside a
problem are skipped: "建章立制42项" there is that problem's figure, not the report's):

* chains of counts joined without a verb ("4大类、13个大项、26个具体问题"), where the
  position decides the level: the finest problem count is `problems_total`, a coarser
  one before it is `items_total`;
* single rules, tried in order; a span used by an earlier rule is not read again, so
  "基本完成整改4个" is never also read as "完成整改4个".

A count inside "(含…)" or "(其中…)" is a subset already counted outside it and is skipped.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Stated
from .numerals import NUMBER_PATTERN, parse_number

_N = rf"(?<!第)(?P<n>{NUMBER_PATTERN})"
# Where a problem count ends: the clause ends or the sentence goes on about it.
_CLAUSE_END = r"(?=\s*(?:问题)?\s*(?:[,，。;；、:()\n]|$|其中|占|整改|完成率|的|以上))"
_SUBSET = re.compile(r"\((?:含|其中|包括)[^()]*\)")


@dataclass(frozen=True, slots=True)
class _Rule:
    key: str
    pattern: re.Pattern[str]
    unit: str = ""


def _rule(key: str, pattern: str, unit: str = "") -> _Rule:
    return _Rule(key, re.compile(pattern.replace("{N}", _N)), unit)


_PERSON = r"\s*{N}\s*(?P<u>人|名)(?!次)"

RULES: tuple[_Rule, ...] = (
    # Clues and petitions handed over by the inspection team.
    _rule(
        "clues_transferred",
        r"移交[^,，。;；]{0,12}?(?:问题线索|线索|见人见事问题)(?:共|共计)?\s*{N}\s*(?P<u>条|件|个)",
    ),
    _rule("clues_concluded", r"(?:问题)?线索(?:方面)?[,，]?\s*(?:已|已经)?办结\s*{N}\s*(?P<u>条|件)"),
    _rule("clues_concluded", r"办结(?:问题)?线索\s*{N}\s*(?P<u>条|件)"),
    _rule("clues_concluded_rate", r"办结率(?:为|达|达到)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>%)"),
    # Turned into cases (转立案): "信访转立案2件4人" before "转立案2条4人" (clues); the people stay in the phrase.
    _rule("petitions_to_case", r"信访(?:件)?转立案\s*{N}\s*(?P<u>件)(?:\s*\d+\s*人)?"),
    _rule("clues_to_case", r"(?<!信访)(?<!信访件)转立案\s*{N}\s*(?P<u>条)(?:\s*\d+\s*人)?"),
    # Seed 004's opening "移交涉及处、科级干部的信访件16件14人" is not section 三's 65 petitions.
    _rule(
        "petitions_about_cadres",
        r"(?:涉及|反映)[^,，。;；]{0,12}?干部(?:的)?信访(?:件|举报)?(?:共|共计)?\s*{N}\s*(?P<u>件)(?:\s*\d+\s*人)?",
    ),
    _rule("petitions_received", r"(?:受理)?信访(?:举报)?(?:件|事项)?(?:共|共计)?\s*{N}\s*(?P<u>件次|件|人次)"),
    _rule("petitions_concluded", r"(?:已|已经)?办结\s*{N}\s*(?P<u>件)"),
    _rule("petitions_in_progress", r"(?:正在办理|正在处理|在办)\s*{N}\s*(?P<u>件)"),
    # Plan size before problem statuses, so that "措施121项,截至目前,已完成120项" is read as
    # measures; rules made before measures, so that "制度措施11项" is not a measure count.
    _rule(
        "regulations_made",
        r"(?:建立健全|新建|完善|制定|修订|出台|制修订|健全)[^,，。;；]{0,8}?(?:规章制度|工作制度|制度机制|制度措施|长效机制|制度)"
        r"\s*{N}\s*(?P<u>项|个|条|件|部)",
    ),
    _rule(
        "regulations_made",
        r"(?:建立健全|新建|完善|制定|修订|出台|制修订|健全)(?:了)?[^,，。;；\d]{0,6}?{N}\s*(?P<u>项|个|条|件|部)"
        r"[^,，。;；]{0,6}?(?:制度|机制)",
    ),
    _rule("regulations_made", r"建章立制\s*{N}\s*(?P<u>项|个|条|件)"),
    _rule("measures_total", r"(?:整改)?(?:措施|举措)(?:共|共计)?\s*{N}\s*(?P<u>条|项|个)"),
    _rule("measures_total", r"{N}\s*(?P<u>条|项|个)\s*(?:具体|整改|支撑|工作|针对性)*(?:措施|举措)"),
    _rule("tasks_total", r"{N}\s*(?P<u>项|个|条)\s*(?:整改)?任务"),
    _rule("tasks_total", r"(?:整改)?任务\s*{N}\s*(?P<u>项|个|条)"),
    _rule("topics_total", r"{N}\s*(?P<u>个)(?:整改)?专题(?!会|研究|学习|报告|培训|党课|民主生活会)"),
    # Problem statuses; most specific first.
    _rule(
        "problems_basically_done",
        r"基本完成(?:整改)?[^,，。;；、:]{0,20}?{N}\s*(?P<u>个|项|条)" + _CLAUSE_END,
    ),
    _rule(
        "problems_not_done",
        r"(?:尚|仍)?未(?:完成|整改到位|整改完成)(?:整改)?(?:的)?(?:问题)?\s*{N}\s*(?P<u>个|项|条)" + _CLAUSE_END,
    ),
    _rule(
        "problems_in_progress",
        r"(?:正在整改|正在推进|持续整改|整改中)(?:的)?(?:问题)?\s*{N}\s*(?P<u>个|项|条)" + _CLAUSE_END,
    ),
    _rule(
        "problems_done",
        r"(?<!基本)(?<!未)(?:已|已经)?(?:完成|整改完成|整改到位)(?:了)?(?:问题)?(?:整改)?(?:的)?(?:问题)?"
        r"\s*{N}\s*(?P<u>个|项)" + _CLAUSE_END,
    ),
    _rule("problems_done", r"(?:已|已经)整改(?:到位|完成)?(?:的)?(?:问题)?\s*{N}\s*(?P<u>个|项)" + _CLAUSE_END),
    _rule(
        "problems_total",
        r"(?:反馈|指出|发现|交办)(?:的)?(?:具体)?问题(?:共|共计|合计)?\s*{N}\s*(?P<u>个|项|条)" + _CLAUSE_END,
    ),
    _rule(
        "completion_rate",
        r"(?:整改|问题整改)?(?:总体)?(?:整改完成率|完成率|整改率)(?:为|达|达到)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>%)",
    ),
    # People handled, by total, rank and disposition.
    _rule(
        "people_handled",
        r"对\s*{N}\s*(?P<u>名|人)[^,，。;；]{0,14}?(?:作出|作了|进行了?|予以|给予|已)?(?:组织)?(?:处理|问责)",
    ),
    _rule("people_handled", r"(?:共|累计)(?:处理|问责|追责问责)(?:了)?(?:相关)?(?:人员|责任人|干部)?" + _PERSON),
    _rule("people_bureau_level", r"(?:厅局级|厅级)(?:干部)?" + _PERSON),
    _rule("people_division_level", r"(?:县处级|处级)(?:干部)?" + _PERSON),
    _rule("people_section_level", r"(?:乡科级|科级)(?:干部)?" + _PERSON),
    _rule("people_soe_middle", r"国企中层(?:及以上)?(?:干部|人员)?" + _PERSON),
    _rule("people_other_rank", r"(?:一般干部|其他人员|一般工作人员)" + _PERSON),
    _rule("people_case_filed", r"(?:立案审查调查|立案审查|立案调查|立案)" + _PERSON),
    _rule("people_talk_reminder", r"(?:谈话提醒|提醒谈话)" + _PERSON),
    _rule("people_criticism", r"批评教育" + _PERSON),
    _rule("people_criticism_help", r"批评帮助" + _PERSON),
    _rule("people_ordered_review", r"责令(?:作出)?(?:书面)?检查" + _PERSON),
    _rule("people_admonished", r"诫勉(?:谈话)?" + _PERSON),
    _rule("people_sanctioned", r"(?:党纪政务处分|党纪政纪处分|党纪处分|政务处分|纪律处分)" + _PERSON),
    _rule("people_org_handling", r"(?:组织处理|组织调整)" + _PERSON),
    _rule(
        "people_referred",
        r"(?:交由|移交|移送)(?:纪委监委|纪委|纪检监察机关|司法机关|检察机关)(?:调查|处理|审查)?" + _PERSON,
    ),
)

# After a plan-size figure: "措施543条,已完成512条".
_FOLLOW_DONE = re.compile(
    r"\s*[,，;；]?\s*(?:其中|截至目前|截止目前|目前|现)?\s*[,，]?\s*(?:已|已经)?(?:完成|落实|办结)"
    r"(?:整改)?\s*" + _N + r"\s*(?P<u>条|项|个)"
)
_DONE_KEY = {"measures_total": "measures_done", "tasks_total": "tasks_done"}

# --- chains ---------------------------------------------------------------------------------

_PIECES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern.replace("{N}", _N)))
    for kind, pattern in (
        ("problem", r"{N}\s*(?P<u>个|项|条|类)?\s*(?:具体|子项|小项|子|突出)?问题"),
        ("aspect", r"{N}\s*(?:个)?\s*(?P<u>大方面|方面|大类)(?:的)?"),
        ("task", r"{N}\s*(?P<u>项|个|条)\s*(?:整改)?任务"),
        ("measure", r"{N}\s*(?P<u>条|项|个)\s*(?:具体|整改|支撑)*(?:措施|举措)"),
        (
            "item",
            r"{N}\s*(?:个)?\s*(?P<u>大项|项|条)(?:问题)?(?!制度|措施|举措|任务|工作|机制|规定|活动|内容|指标)",
        ),
    )
)
_CHAIN_SEP = re.compile(r"(?:\s|[、,，]|及|和|以及|共计|共|合计|涉及|细化为|分解为|细化|梳理出|梳理为|其中|包括){0,4}")
_NUMBER_START = re.compile(NUMBER_PATTERN)
_PROBLEM_CONTEXT = re.compile(
    r"(?:反馈|指出|发现|交办|移交|梳理|提出|查找|查摆|列出|存在|涉及|共|合计|巡察|巡视)"
    r"[^,，。;；]{0,10}$"
)
_ASPECT_FOLLOW = re.compile(r"\s*(?:的)?(?:突出|主要|具体)?问题")
_ASPECT_CONTEXT = re.compile(r"(?:反馈|指出|存在|涉及|梳理|归纳|聚焦|分为|包括|明确)[^,，。;；]{0,10}$")
_CHAIN_KEY = {
    "aspect": "aspects_total",
    "item": "items_total",
    "problem": "problems_total",
    "task": "tasks_total",
    "measure": "measures_total",
}
_DEFAULT_UNIT = {"aspect": "方面", "item": "项", "problem": "个", "task": "项", "measure": "条"}


@dataclass(frozen=True, slots=True)
class _Piece:
    kind: str
    match: re.Match[str]


def extract_stated(paragraphs: list[str], skip: Iterable[int] = ()) -> list[Stated]:
    """Figures stated in `paragraphs`, except in those whose index is in `skip`."""
    skipped = set(skip)
    found: list[Stated] = []
    for index, paragraph in enumerate(paragraphs):
        if index not in skipped:
            found.extend(_in_paragraph(paragraph, index))
    return found


def _in_paragraph(text: str, paragraph: int) -> list[Stated]:
    used: list[tuple[int, int]] = [match.span() for match in _SUBSET.finditer(text)]
    found: list[Stated] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= start or span[0] >= end for start, end in used)

    def add(key: str, match: re.Match[str], unit: str) -> None:
        value = _value(match["n"])
        if value is None:
            return
        start, end = match.span()
        unit = match.groupdict().get("u") or unit
        found.append(Stated(key, value, unit, text[start:end], paragraph=paragraph, offset=start))
        used.append((start, end))
        follow = _FOLLOW_DONE.match(text, end) if key in _DONE_KEY else None
        done = _value(follow["n"]) if follow else None
        if follow is not None and done is not None and free(follow.span()):
            phrase = text[start : follow.end()]
            found.append(Stated(_DONE_KEY[key], done, follow["u"], phrase, paragraph=paragraph, offset=start))
            used.append(follow.span())

    for chain in _chains(text):
        if not all(free(piece.match.span()) for piece in chain):
            continue
        for key, piece in _chain_keys(chain):
            add(key, piece.match, _DEFAULT_UNIT[piece.kind])
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            if free(match.span()):
                add(rule.key, match, rule.unit)
    found.sort(key=lambda entry: entry.offset)
    return _scoped(found, text)


# "信访件方面,…对5名相关责任人作出处理" are the people handled from petitions, not the
# inspection's people handled; a clue scope ("问题线索方面") ends the petition scope.
_SCOPES = re.compile(r"(?P<petitions>信访(?:件|举报)?(?:办理)?方面)|(?P<clues>(?:问题)?线索(?:处理|办理)?方面)")


def _scoped(found: list[Stated], text: str) -> list[Stated]:
    scopes = [(match.start(), "petitions" if match["petitions"] else "clues") for match in _SCOPES.finditer(text)]
    if not scopes:
        return found
    for entry in found:
        scope = next((kind for start, kind in reversed(scopes) if start <= entry.offset), None)
        if entry.key == "people_handled" and scope == "petitions":
            entry.key = "petitions_people"
    return found


def _chains(text: str) -> list[list[_Piece]]:
    chains: list[list[_Piece]] = []
    position = 0
    for number in _NUMBER_START.finditer(text):
        if number.start() < position:
            continue
        first = _piece_at(text, number.start())
        if first is None:
            continue
        chain = [first]
        end = first.match.end()
        while True:
            separator = _CHAIN_SEP.match(text, end)
            following = _piece_at(text, separator.end()) if separator else None
            if following is None:
                break
            chain.append(following)
            end = following.match.end()
        if _accept_chain(text, chain):
            chains.append(chain)
            position = end
    return chains


def _piece_at(text: str, position: int) -> _Piece | None:
    for kind, pattern in _PIECES:
        match = pattern.match(text, position)
        if match and _value(match["n"]) is not None:
            return _Piece(kind, match)
    return None


def _accept_chain(text: str, chain: list[_Piece]) -> bool:
    if len(chain) > 1:
        return any(piece.kind in ("aspect", "item", "problem") for piece in chain) or len(
            {piece.kind for piece in chain}
        ) == len(chain)
    piece = chain[0]
    before = text[: piece.match.start()]
    if piece.kind == "aspect":
        return bool(_ASPECT_FOLLOW.match(text, piece.match.end()) or _ASPECT_CONTEXT.search(before))
    if piece.kind == "problem":
        return bool(_PROBLEM_CONTEXT.search(before))
    return piece.kind in ("task", "measure")


def _chain_keys(chain: list[_Piece]) -> list[tuple[str, _Piece]]:
    """Level of each count by its position: the finest problem count is the problems total."""
    problems = [piece for piece in chain if piece.kind == "problem"]
    has_item = any(piece.kind == "item" for piece in chain)
    keyed = []
    for piece in chain:
        if piece.kind == "problem" and piece is not problems[-1]:
            if not has_item:
                keyed.append(("items_total", piece))
            continue
        keyed.append((_CHAIN_KEY[piece.kind], piece))
    return keyed


def _value(text: str | None) -> int | float | None:
    if not text:
        return None
    try:
        return parse_number(text)
    except ValueError:
        return None
