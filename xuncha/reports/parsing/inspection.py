"""What any document about an inspection says of it: who inspected whom, what kind, and when.

A progress report opens with it ("2021年1月11日至2月6日,省委巡视一组对湖里区委开展巡视。6月25日,
巡视组反馈巡视意见"); an opening notice (进驻, 动员会), a feedback notice (反馈会) or a news item
states some of it and nothing else. All of it is read from the report's frame, never from a
problem's text: seed 004's problems quote the district's own 巡察 and its own dates.

The word follows the inspecting committee's level (central and provincial committees 巡视,
city and county committees 巡察), as xuncha/inspections/words.py does for the platform's own
documents; the level is read from the body's name (省委巡视一组 → province).
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .dates import FoundDate, find_dates
from .model import DocumentKind, Inspection

# The committee: "中央", "省委", or a place's committee ("厦门市委", "湖里区委"). A place is
# two to four characters after a punctuation mark or a line start, never a lead-in word.
_WHO = (
    r"(?P<who>中央|(?:(?:(?<=[,，。;；、:\s“”()（）])|^)(?P<place>[\u4e00-\u9fff]{2,4}?))?"
    r"(?P<unit>省|自治区|市|州|盟|地|区|县|旗)(?:党)?委)"
)
_TEAM = re.compile(
    _WHO + r"(?:组建(?:了)?)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})个)?"
    r"(?:[“\"][^”\"]{1,20}[”\"])?(?:第[一二三四五六七八九十\d]{1,3})?(?:专项|机动)?"
    r"(?P<word>巡视|巡察)(?:[一二三四五六七八九十\d]{1,3})?组",
    re.MULTILINE,
)
# No team named: the committee's inspection bodies ("市委巡察机构", "市委巡察办") or its
# round ("十二届市委第十五轮第三批巡察").
_COMMITTEE = re.compile(
    _WHO + r"(?:第[一二三四五六七八九十\d]{1,3}轮)?(?:第[一二三四五六七八九十\d]{1,3}批)?"
    r"(?P<word>巡视|巡察)(?:机构|工作领导小组办公室|办)",
    re.MULTILINE,
)
_FORMED = re.compile(r"组建(?:了)?")
_LEVELS = {
    "省": "province",
    "自治区": "province",
    "市": "city",
    "州": "city",
    "盟": "city",
    "地": "city",
    "区": "district",
    "县": "district",
    "旗": "district",
}
_WORD_BY_LEVEL = {"central": "巡视", "province": "巡视", "city": "巡察", "district": "巡察"}

_XUN = r"(?:巡视|巡察)"
_TARGETS = (
    re.compile(r"对\s*(?P<t>[^,，。;；:：]{2,80}?)\s*(?:开展|进行|实施)(?:了)?[^,，。;；]{0,16}?" + _XUN),
    re.compile(r"向\s*(?P<t>[^,，。;；:：]{2,40}?)\s*(?:集中)?反馈(?:了)?[^,，。;；]{0,10}?" + _XUN),
    re.compile(
        _XUN + r"(?:[一二三四五六七八九十\d]{1,3})?组\s*(?:巡视|巡察|进驻|对)\s*(?P<t>[\u4e00-\u9fff()（）]{2,30}?)"
        r"(?:工作)?(?:动员会|(?:情况)?反馈会)"
    ),
    re.compile(r"(?:进驻|入驻)\s*(?P<t>[^,，。;；:：\d]{2,30}?)\s*(?:开展|进行)(?:了)?[^,，。;；]{0,10}?" + _XUN),
)
_TARGET_SPLIT = re.compile(r"、")  # never 和 or 及: "市住房和城乡建设局" is one name
_TARGET_NOISE = re.compile(r"^(?:了|其|全市|全区|全县)")

_KINDS = (
    ("routine", re.compile(r"常规(?:巡视|巡察|巡)")),
    ("special", re.compile(r"专项(?:巡视|巡察|巡)(?!办)")),
    ("ad_hoc", re.compile(r"机动(?:式)?(?:巡视|巡察)")),
    ("follow_up", re.compile(_XUN + r"\s*[“\"‘]?\s*回头看|回头看\s*[”\"’]?\s*" + _XUN)),
    ("escalated", re.compile(r"提级(?:巡视|巡察)")),
    ("cross", re.compile(r"交叉(?:巡视|巡察)")),
    ("joint", re.compile(r"(?:市区|市县|上下|省市)联动[^,，。;；]{0,24}?" + _XUN + r"|联动(?:巡视|巡察)")),
)

_SENTENCE_END = re.compile(r"(?<=[。;；!！?？])")
_RANGE_JOIN = re.compile(r"^\s*(?:起)?\s*(?:至|到|—|-|~|～)\s*$")
_ENTRY = re.compile(r"进驻|入驻|动员会|动员部署会")
_FEEDBACK = re.compile(r"反馈(?:了)?[^。;；,，]{0,10}?(?:意见|情况|问题)|反馈会")
_PLAN_ISSUED = re.compile(r"印发")
_PLAN = re.compile(r"整改[^。;；]{0,12}?方案|方案[^。;；]{0,6}?整改|整改工作方案")
_PROGRESS_TITLE = re.compile(r"整改(?:进展)?(?:落实)?情况的?(?:通报|报告)|整改进展")


@dataclass(frozen=True, slots=True)
class _Sentence:
    paragraph: int
    text: str
    dates: list[FoundDate]


def find_inspection(paragraphs: list[str], skip: Iterable[int] = ()) -> Inspection:
    """The inspection the document is about, from its frame paragraphs (not those in `skip`)."""
    skipped = set(skip)
    frame = [(index, paragraph) for index, paragraph in enumerate(paragraphs) if index not in skipped]
    text = "\n".join(paragraph for _, paragraph in frame)
    sentences = _sentences(frame)
    inspection = Inspection()
    inspection.targets, target_sentence = _targets(text)
    body = _body(text, target_sentence)
    if body:
        inspection.body, inspection.level = body
        inspection.word = _WORD_BY_LEVEL[inspection.level]
    inspection.kinds = [kind for _, kind in sorted(_kinds(text))]
    _dates(inspection, sentences)
    return inspection


def find_plan_issued_on(paragraphs: list[str], skip: Iterable[int], inspection: Inspection) -> date | None:
    """When the rectification plan was issued: the date of the sentence that says it was 印发.

    Seed 004: "7月3日,区委召开区委常委会会议,…,会后即印发了具体整改工作方案" — the year is the
    feedback's, since a plan follows its feedback.
    """
    skipped = set(skip)
    reference = inspection.feedback_on or inspection.end or inspection.start
    for index, paragraph in enumerate(paragraphs):
        if index in skipped:
            continue
        for sentence in _split(paragraph):
            issued = _PLAN_ISSUED.search(sentence)
            if not issued or not _PLAN.search(sentence):
                continue
            before = [found for found in find_dates(sentence, reference=reference) if found.start < issued.start()]
            if before:
                return before[-1].value
    return None


def classify_document(paragraphs: list[str], *, has_tree: bool, inspection: Inspection) -> DocumentKind:
    """What kind of document this is, for the message that says what it lacks: a tree or a
    title makes a progress report; stated totals alone do not (a news item states some)."""
    head = "\n".join(paragraphs[:3])
    text = "\n".join(paragraphs)
    if has_tree or _PROGRESS_TITLE.search(head):
        return DocumentKind.PROGRESS_REPORT
    if not re.search(_XUN, text):
        return DocumentKind.UNRELATED
    if _FEEDBACK.search(head) or (inspection.feedback_on and not _ENTRY.search(head)):
        return DocumentKind.FEEDBACK
    if _ENTRY.search(head) or (inspection.start and not inspection.feedback_on and _ENTRY.search(text)):
        return DocumentKind.OPENING
    return DocumentKind.NEWS


# --- pieces --------------------------------------------------------------------------------------


def _split(paragraph: str) -> list[str]:
    return [sentence for sentence in _SENTENCE_END.split(paragraph) if sentence.strip()]


def _sentences(frame: list[tuple[int, str]]) -> list[_Sentence]:
    """Sentences with their dates; a year carries over from the last date stated with one."""
    sentences: list[_Sentence] = []
    last_full: date | None = None
    for index, paragraph in frame:
        reference = last_full
        for sentence in _split(paragraph):
            found = find_dates(sentence, reference=reference)
            if found:
                reference = found[-1].value
                full = [entry.value for entry in found if entry.has_year]
                if full:
                    last_full = full[-1]
            sentences.append(_Sentence(index, sentence, found))
    return sentences


def _dates(inspection: Inspection, sentences: list[_Sentence]) -> None:
    for sentence in sentences:
        if inspection.start is None and re.search(_XUN, sentence.text):
            period = _period(sentence)
            if period:
                inspection.start, inspection.end = period
        if inspection.start is None and _ENTRY.search(sentence.text) and sentence.dates:
            entry = _ENTRY.search(sentence.text)
            before = [found for found in sentence.dates if found.start < entry.start()]
            inspection.start = (before[-1] if before else sentence.dates[0]).value
        if inspection.feedback_on is None and sentence.dates:
            feedback = _FEEDBACK.search(sentence.text)
            if feedback and re.search(_XUN + r"|意见", sentence.text):
                before = [found for found in sentence.dates if found.start < feedback.start()]
                if before and (inspection.start is None or before[-1].value >= inspection.start):
                    inspection.feedback_on = before[-1].value


def _period(sentence: _Sentence) -> tuple[date, date] | None:
    for first, second in zip(sentence.dates, sentence.dates[1:], strict=False):
        if _RANGE_JOIN.match(sentence.text[first.end : second.start]) and first.value <= second.value:
            return first.value, second.value
    return None


def _targets(text: str) -> tuple[list[str], str]:
    """The inspected organisations, and the sentence that names them."""
    for pattern in _TARGETS:
        for match in pattern.finditer(text):
            names = [_clean_target(name) for name in _TARGET_SPLIT.split(match["t"])]
            names = [name for name in names if name and len(name) >= 2 and not _TEAM.search(name)]
            if names:
                start = max(text.rfind(mark, 0, match.start()) for mark in "。；;\n")
                return names, text[start + 1 : match.end()]
    return [], ""


def _body(text: str, target_sentence: str) -> tuple[str, str] | None:
    """The inspecting body and its level: the team in the sentence naming the target, else
    the team or committee body the document names most often (a news item's "市委巡察机构")."""
    places: dict[str, bool] = {}
    found = [(_named(text, match, places), match) for match in _TEAM.finditer(target_sentence)]
    if not found:
        candidates = sorted([*_TEAM.finditer(text), *_COMMITTEE.finditer(text)], key=lambda match: match.start())
        if not candidates:
            return None
        named = [(_named(text, match, places), match) for match in candidates]
        counts = Counter(name for name, _ in named)
        best = max(counts, key=lambda name: (counts[name], -next(i for i, (n, _) in enumerate(named) if n == name)))
        found = [next(entry for entry in named if entry[0] == best)]
    name, match = found[0]
    level = "central" if match["who"] == "中央" else _LEVELS[match["unit"]]
    return name, level


def _named(text: str, match: re.Match[str], places: dict[str, bool]) -> str:
    """The body as named; a place before the committee ("厦门市委") only when the text names
    that place elsewhere too, so that a lead-in ("抽调参与市委第四巡察组") is not a place.
    `places` remembers the answer per place."""
    name = _FORMED.sub("", match[0])  # "区委组建4个巡察组" → "区委4个巡察组"
    place = match["place"]
    if not place:
        return name
    key = place + match["unit"]
    if key not in places:
        places[key] = re.search(re.escape(key) + "(?!委)", text) is not None
    return name if places[key] else name[len(place) :]


def _clean_target(name: str) -> str:
    return _TARGET_NOISE.sub("", name.strip(' “”"')).strip()


def _kinds(text: str) -> list[tuple[int, str]]:
    found = []
    for kind, pattern in _KINDS:
        match = pattern.search(text)
        if match:
            found.append((match.start(), kind))
    return found
