"""The progress report (整改进展情况通报) as structured content computed from the ledger.

The content is headings and paragraphs (`Block`: title, h1 "一、", h2 "（一）", h3 "1.", body,
signature, date), with no layout: `docx_writer` hands it to the official-document writer,
the page renders it as HTML with every computed number a link to its rows. It follows the
published shape (seeds 004 and 001):

* the opening: the inspection (dates, team, the feedback's aspects, items and problems), then
  what the rectification did (measures, regulations, problem statuses, people handled);
* 一、组织领导: the office's words, as written (`ReportDraft`);
* 二、整改落实情况: the office's opening paragraph, then, by problem (seed 004), aspects
  "（一）", items "1.", problems "（1）", "整改情况：" and the steps as 一是…十一是, sub-problems
  ①②③ kept; or, by aspect (seed 001), aspects with one numbered progress paragraph per problem;
* 三、移交问题线索和信访件办理情况 (casework.py), when the inspection has clues or petitions;
* 四、未完成和基本完成事项的说明, from each unfinished problem's `ProblemExplanation`;
* the next steps, and the closing paragraph with the contact phone, address and e-mail.

Figures print the counted value unless the office chose a stated one (figures.py). What the
document cannot say well yet (an explanation missing, no contact, a stated figure that the
rows do not reproduce, problems with no stated status) is collected as `gaps` for the page.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.findings.models import Aspect, Problem
from xuncha.plans.dates import chinese_date
from xuncha.rectification.enums import ProblemStatus
from xuncha.rectification.models import Measure, ProgressUpdate, Regulation
from xuncha.rectification.status import with_status
from xuncha.reports import casework as cw
from xuncha.reports.figures import ReportFigure, StatusCounts, figures_table, problem_status, stated_for
from xuncha.reports.models import ReportShape
from xuncha.reports.parsing.markers import CIRCLED_CHARS
from xuncha.reports.parsing.numerals import int_to_chinese
from xuncha.reports.punctuation import chinese_punctuation, nest_quotes

SHARED_CASEWORK = _(
    "Clues and petitions are not printed: they belong to an inspection of several organisations "
    "and cannot be told apart."
)
CASEWORK_HIDDEN = _(
    "Section 三 (clues and petitions) is written by the inspection office: the clues and "
    "petitions are not shown to the inspected organisation."
)
PENDING = "【待补充】"  # printed where a required part is missing, so nobody sends it unnoticed


@dataclass(frozen=True)
class Figure:
    value: object
    url: str = ""
    key: str = ""  # the figure's key in `ReportContent.figures` (stated or counted)


Segment = str | Figure


@dataclass
class Block:
    """One paragraph. `level`: title, h1 (一、), h2 (（一）), h3 (1.), body, signature, date."""

    level: str
    segments: list[Segment]

    @property
    def text(self) -> str:
        return "".join(str(s.value) if isinstance(s, Figure) else s for s in self.segments)


@dataclass(frozen=True)
class Gap:
    kind: str  # explanation, contact, stated, not_stated, section
    message: str
    problem: Problem | None = None
    figure: ReportFigure | None = None


@dataclass
class ReportContent:
    title: str
    issuer: str
    issued_on: date
    blocks: list[Block] = field(default_factory=list)
    figures: dict[str, ReportFigure] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)
    unfinished: list[Problem] = field(default_factory=list)  # not done and basically done, in order
    casework: cw.Casework | None = None
    named: list = field(default_factory=list)  # the people section 三 names (CluePerson)
    copy_to: str = ""  # 抄送 in the imprint: the inspecting committee's office

    def add(self, level: str, *segments: Segment) -> None:
        self.blocks.append(Block(level, list(segments)))

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


def numbered(number, title: str) -> str:
    """ "1.标题", with a space when the title starts with a digit ("4. 3个…", not the decimal "4.3")."""
    return f"{number}. {title}" if title[:1].isdigit() else f"{number}.{title}"


def sentence(text: str) -> str:
    """A heading or title as a sentence: it ends with "。" unless it ends with punctuation."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；：…" else f"{text}。"


def ordinal(index: int) -> str:
    """一是, 二是 … 十一是 (index from 0)."""
    return f"{int_to_chinese(index + 1)}是"


def chinese_number(n: int) -> str:
    return int_to_chinese(n)


def short_name(organisation) -> str:
    """ "中共厦门市湖里区委员会" → "中共厦门市湖里区委" (the signature), else the name."""
    name = organisation.name
    return name[: -len("委员会")] + "委" if name.endswith("委员会") else name


def plain_name(organisation) -> str:
    """The organisation as a sentence names it: its short name, else without 中共."""
    return getattr(organisation, "short_name", "") or short_name(organisation).removeprefix("中共")


# --- the ledger --------------------------------------------------------------------------


@dataclass
class _Ledger:
    problems: list[Problem]
    measures: dict[int, list[Measure]]  # by problem
    status: dict[int, str]  # by problem
    aspects: list[Aspect]
    items: int
    measure_count: int
    regulation_count: int
    counts: StatusCounts


def _ledger(inspection, organisation) -> _Ledger:
    problems = list(
        with_status(Problem.objects.filter(inspection=inspection, organisation=organisation))
        .select_related("aspect", "item", "explanation")
        .order_by("position")
    )
    measures = Measure.objects.active().filter(plan__inspection=inspection, plan__organisation=organisation)
    latest = Prefetch(
        "updates", queryset=ProgressUpdate.objects.order_by("-posted_at", "-id"), to_attr="latest_updates"
    )
    by_problem: dict[int, list[Measure]] = {}
    for measure in measures.prefetch_related("problems", latest).order_by("number"):
        for problem in measure.problems.all():
            by_problem.setdefault(problem.pk, []).append(measure)
    status = {p.pk: problem_status(p, by_problem.get(p.pk, [])) for p in problems}
    values = list(status.values())
    aspects = list(
        Aspect.objects.filter(pk__in={p.aspect_id for p in problems}).order_by("position").prefetch_related("items")
    )
    return _Ledger(
        problems=problems,
        measures=by_problem,
        status=status,
        aspects=aspects,
        items=len({p.item_id for p in problems if p.item_id}),
        measure_count=measures.count(),
        regulation_count=Regulation.objects.filter(measure__in=measures).count(),
        counts=StatusCounts(
            done=values.count(ProblemStatus.DONE),
            basically_done=values.count(ProblemStatus.BASICALLY_DONE),
            not_done=values.count(ProblemStatus.NOT_DONE),
            not_stated=values.count(ProblemStatus.NOT_STATED),
        ),
    )


# --- building ----------------------------------------------------------------------------


def build_report(
    inspection,
    organisation,
    *,
    draft=None,
    shape: str | None = None,
    organisational_work: str = "",
    next_steps: str = "",
    issued_on: date | None = None,
    listed=None,
    casework_visible: bool = True,
) -> ReportContent:
    """The report of `organisation`'s rectification after `inspection`, with the office's
    sections from `draft` (a `ReportDraft`, saved or not); the keyword arguments stand in
    for a draft's fields when there is none. `listed`: the people named in section 三, when
    not all those the draft names (the page passes those its user may see)."""
    from xuncha.reports.models import ReportDraft

    draft = draft or ReportDraft(
        inspection=inspection,
        organisation=organisation,
        organisational_work=organisational_work,
        next_steps=next_steps,
        issued_on=issued_on,
    )
    from xuncha.supervision.configuration import default_issuer_name

    shape = shape or draft.shape or ReportShape.PROBLEM
    issued_on = issued_on or draft.issued_on or timezone.localdate()
    words = inspection.words
    board = reverse("rectification:board", args=[inspection.pk])
    ledger = _ledger(inspection, organisation)
    # the clues and petitions (section 三 and the opening's casework figures) only for readers
    # of casework: never the inspected organisation's liaison (docs/confidentiality.md)
    casework = cw.casework_for(inspection) if casework_visible else cw.Casework(cw.Part(), cw.Part(), [])
    figures = figures_table(_counted(ledger, casework), stated_for(inspection, organisation))

    report = ReportContent(
        title=f"{short_name(organisation)}关于{words.rectification}进展情况的通报",
        issuer=short_name(organisation),
        issued_on=issued_on,
        figures=figures,
        casework=casework,
        copy_to=default_issuer_name(inspection.term),
    )
    writer = _Writer(report, figures, board)
    report.add("title", report.title)
    writer.opening(inspection, organisation, ledger, casework, words)
    sections = _Sections(report)
    sections.heading(draft.leadership_title or "党委组织领导整改情况")
    _office_text(report, draft.organisational_work, gap_message=_("Section 一 (organisational work) is not written."))
    sections.heading(draft.rectification_title or f"{words.rectification}落实情况")
    _office_text(report, draft.rectification_opening)
    if shape == ReportShape.ASPECT:
        _aspect_shape(report, ledger)
    else:
        _problem_shape(report, ledger)
    if not casework_visible:
        report.gaps.append(Gap("casework", words.say(str(CASEWORK_HIDDEN))))
    elif casework.empty and inspection.targets.count() > 1:
        report.gaps.append(Gap("casework", str(SHARED_CASEWORK)))
    if not casework.empty:
        sections.heading("移交问题线索和信访件办理情况")
        if listed is None:
            listed = set(draft.listed_persons.all()) if draft.pk else set()
        writer.casework(casework, inspection, organisation, words, set(listed))
    report.unfinished = [
        p
        for s in (ProblemStatus.NOT_DONE, ProblemStatus.BASICALLY_DONE)
        for p in ledger.problems
        if ledger.status[p.pk] == s
    ]
    if report.unfinished:
        sections.heading("未完成和基本完成事项的说明")
        _unfinished(report, ledger)
    if draft.next_steps_title:
        sections.heading(draft.next_steps_title)
    _office_text(report, draft.next_steps)
    _closing(report, inspection, draft, words)
    report.add("signature", report.issuer)
    report.add("date", chinese_date(issued_on))
    _figure_gaps(report, ledger)
    return report


class _Sections:
    """Numbers the sections present: 一、二、… in order."""

    def __init__(self, report: ReportContent):
        self.report = report
        self.count = 0

    def heading(self, title: str) -> None:
        self.count += 1
        title = re.sub(r"^[一二三四五六七八九十]+、", "", title.strip())
        self.report.add("h1", f"{chinese_number(self.count)}、{chinese_punctuation(title)}")


def _counted(ledger: _Ledger, casework: cw.Casework) -> dict[str, int | None]:
    counts = ledger.counts
    return {
        "aspects_total": len(ledger.aspects),
        "items_total": ledger.items,
        "problems_total": len(ledger.problems),
        "problems_done": counts.done,
        "problems_basically_done": counts.basically_done,
        "problems_not_done": counts.not_done,
        "measures_total": ledger.measure_count,
        "regulations_made": ledger.regulation_count,
        "clues_transferred": casework.clues.received,
        "clues_concluded": casework.clues.concluded,
        "petitions_received": casework.petitions.received,
        "petitions_concluded": casework.petitions.concluded,
        "people_handled": casework.people_handled,
    }


class _Writer:
    def __init__(self, report: ReportContent, figures: dict[str, ReportFigure], board: str):
        self.report, self.figures, self.board = report, figures, board

    def figure(self, key: str, url: str = "") -> Figure:
        figure = self.figures[key]
        return Figure(figure.printed, url, key)

    def opening(self, inspection, organisation, ledger: _Ledger, casework: cw.Casework, words) -> None:
        board = self.board
        first: list[Segment] = []
        if inspection.entry_on and inspection.exit_on:
            first.append(f"{chinese_date(inspection.entry_on)}至{chinese_date(inspection.exit_on)}，")
        first.append(f"{inspection.team_name}对{plain_name(organisation)}开展{words.inspection}。")
        if inspection.feedback_on:
            first.append(f"{chinese_date(inspection.feedback_on)}，{words.team}反馈{words.inspection}意见，")
        else:
            first.append(f"{words.team}反馈{words.inspection}意见，")
        first += ["指出了", self.figure("aspects_total", board), "个方面"]
        if ledger.items:
            first += [self.figure("items_total", board), "项"]
        first += ["共", self.figure("problems_total", board), "个问题。"]
        self.report.add("body", *first)

        second: list[Segment] = ["自整改工作启动以来，研究制定整改措施", self.figure("measures_total", board), "项"]
        if self.figures["regulations_made"].printed:
            second += ["，建立健全工作制度", self.figure("regulations_made"), "项"]
        if "topics_total" in self.figures and self.figures["topics_total"].printed:
            second += ["，梳理形成", self.figure("topics_total"), "个整改专题"]
        counts = ledger.counts
        if counts.stated:
            second += [
                "，完成问题整改",
                self.figure("problems_done", f"{board}?status=done"),
                "个，基本完成整改",
                self.figure("problems_basically_done", f"{board}?status=basically_done"),
                "个、未完成整改",
                self.figure("problems_not_done", f"{board}?status=not_done"),
                "个",
            ]
            if counts.not_stated:
                second += ["，另有", Figure(counts.not_stated, f"{board}?status=not_stated"), "个问题未标明整改状态"]
        handled = casework.clues
        if handled.handled:
            second += ["；移交线索处理方面，对", self.figure("people_handled"), "名相关人员已处理"]
            ranks = handled.by_rank()
            if ranks:
                second.append("，涉及" + "，".join(f"{t.words}{t.count}人" for t in ranks))
            parts = []
            if handled.filed:
                filed = f"立案{len(handled.filed)}人"
                if handled.filed_and_sanctioned:
                    filed += f"（含已党纪政务处分{handled.filed_and_sanctioned}人）"
                parts.append(filed)
            parts += [f"{t.words}{t.count}人" for t in handled.by_disposition()]
            if parts:
                second.append("；其中" + "，".join(parts))
        second.append("。现将有关情况报告如下：")
        self.report.add("body", *second)

    def casework(self, casework: cw.Casework, inspection, organisation, words, listed: set) -> None:
        clues, petitions = casework.clues, casework.petitions
        add = self.report.add
        opening: list[Segment] = [f"{inspection.team_name}共移交问题线索", self.figure("clues_transferred"), "条"]
        if petitions.received:
            opening += ["、信访件", self.figure("petitions_received"), "件"]
        opening.append(f"，{plain_name(organisation)}依规依纪组织调查核实。")
        if clues.received:
            opening += ["问题线索方面，已办结", self.figure("clues_concluded"), "条"]
            if clues.in_progress:
                opening.append(f"，正在办理{clues.in_progress}条")
            if clues.filed:
                opening.append(f"，转立案{clues.filed_cases}条{len(clues.filed)}人")
            opening.append("。")
            opening += _people_sentence(clues, lead="按照监督执纪“四种形态”对", total=self.figure("people_handled"))
        if petitions.received:
            opening += ["信访件方面，已办结", self.figure("petitions_concluded"), "件"]
            if petitions.in_progress:
                opening.append(f"，正在办理{petitions.in_progress}件")
            if petitions.filed:
                opening.append(f"，信访转立案{petitions.filed_cases}件{len(petitions.filed)}人")
            opening.append("。")
            opening += _people_sentence(
                petitions, lead="按照监督执纪“四种形态”对", total=Figure(len(petitions.handled))
            )
        add("body", *opening)
        groups = [
            ("党纪政务处分情况", lambda p: p.disposition in cw.SANCTIONS),
            ("组织处理情况", lambda p: p.disposition == cw.ORG_ADJUSTMENT),
            ("诫勉情况", lambda p: p.disposition == cw.ADMONISHMENT),
        ]
        number = 0
        for heading, belongs in groups:
            named = [p for p in casework.persons if p in listed and belongs(p)]
            self.report.named += named
            if not named:
                continue
            number += 1
            add("h2", f"（{chinese_number(number)}）{heading}")
            add("body", "；".join(_named(p) for p in named) + "。")


def _people_sentence(part: cw.Part, *, lead: str, total) -> list[Segment]:
    if not part.handled:
        return []
    segments: list[Segment] = [lead, total, "名相关责任人作出处理"]
    ranks = part.by_rank()
    if ranks:
        segments.append("，涉及" + "，".join(f"{t.words}{t.count}人" for t in ranks))
    forms = part.by_form()
    if forms:
        segments.append("；运用" + "、".join(f"{t.words}{t.count}人" for t in forms))
    if part.filed:
        segments.append(f"，立案{len(part.filed)}人")
    segments.append("。")
    if part.sanctioned():
        segments.append(f"已给予党纪政务处分{part.sanctioned()}人。")
    return segments


def _named(person) -> str:
    """"已对<position><name>予以<outcome>": the clue's text fields leave the platform in a
    published document, so the reporters' identities are scrubbed from them as from the API."""
    from xuncha.confidential.disclosure import identity_scrubber

    scrub = identity_scrubber(person.clue)
    what = scrub(person.disposition_note.strip()) or cw.disposition_words(person.disposition)
    what = what.removeprefix("予以")
    return chinese_punctuation(f"已对{scrub(person.position)}{scrub(person.name)}予以{what}")


def _office_text(report: ReportContent, text: str, *, gap_message=None) -> None:
    """The office's words as written, one paragraph per line; "（一）" lines are headings."""
    from xuncha.documents.content import BlockKind, classify

    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines and gap_message:
        report.gaps.append(Gap("section", str(gap_message)))
        report.add("body", f"{PENDING}")
        return
    for line in lines:
        line = chinese_punctuation(line)
        report.add("h2" if classify(line) == BlockKind.HEADING_2 else "body", line)


# --- section 二 --------------------------------------------------------------------------


def _problem_shape(report: ReportContent, ledger: _Ledger) -> None:
    for index, aspect in enumerate(ledger.aspects):
        report.add("h2", f"（{chinese_number(index + 1)}）{chinese_punctuation(aspect.title)}")
        items: dict[int, int] = {}
        for problem in (p for p in ledger.problems if p.aspect_id == aspect.pk):
            if problem.item_id and problem.item_id not in items:
                items[problem.item_id] = len(items) + 1
                report.add("h3", numbered(items[problem.item_id], sentence(chinese_punctuation(problem.item.title))))
            report.add("body", f"（{problem.number}）{sentence(chinese_punctuation(problem.title))}")
            report.add("body", "整改情况：")
            for line in progress_lines(problem, ledger.measures.get(problem.pk, [])):
                report.add("body", line)


def _aspect_shape(report: ReportContent, ledger: _Ledger) -> None:
    number = 0  # numbered through the whole report, as seed 001 is
    for index, aspect in enumerate(ledger.aspects):
        title = chinese_punctuation(aspect.title)
        if not title.endswith("方面"):
            title = nest_quotes(f"“{title}”问题整改方面")
        report.add("h2", f"（{chinese_number(index + 1)}）{title}")
        for problem in (p for p in ledger.problems if p.aspect_id == aspect.pk):
            number += 1
            measures = ledger.measures.get(problem.pk, [])
            steps = ["".join(_progress(problem, m)) for m in measures]
            steps = [s for s in steps if s]
            if len(steps) > 1:
                text = "".join(f"{ordinal(i)}{sentence(s)}" for i, s in enumerate(steps))
            elif steps:
                text = sentence(steps[0])
            else:
                text = sentence(chinese_punctuation(problem.title))
            report.add("body", numbered(number, text))


_TITLE_PUNCT = "。；;，,：:"
_PROGRESS_LABEL = re.compile(r"^整改(?:情况|进展|落实情况)\s*[:：]\s*")


def _progress(problem: Problem, measure: Measure) -> list[str]:
    """What was done for one measure, as paragraphs: its latest progress report, else its
    content. Imported measures of a problem told without steps hold the problem's whole text
    (its title, "整改情况:" and the progress): only the progress is kept."""
    latest = measure.latest_updates[0] if getattr(measure, "latest_updates", None) else None
    text = (latest.text if latest else measure.content) or ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = problem.title.strip().rstrip(_TITLE_PUNCT)
    if lines and lines[0].rstrip(_TITLE_PUNCT) == title and len(lines) > 1:
        lines = lines[1:]
    cleaned = []
    for line in lines:
        line = _PROGRESS_LABEL.sub("", line)
        if line:
            cleaned.append(chinese_punctuation(line))
    return cleaned


def _sub_problems(problem: Problem, measures: list[Measure]) -> list[tuple[str, str, list[Measure]]]:
    """(mark, heading, measures) of each sub-problem ①②③ in the problem's text, measures placed
    by where their words stand in it; ("", "", …) holds the measures before or outside them."""
    text = problem.text or ""
    heads: list[tuple[int, str, str]] = []  # (offset, mark, heading)
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped[:1] and stripped[0] in CIRCLED_CHARS:
            heads.append((offset, stripped[0], stripped[1:].strip()))
        offset += len(line) + 1
    groups: list[tuple[str, str, list[Measure]]] = [("", "", [])] + [(mark, heading, []) for _, mark, heading in heads]
    for measure in measures:
        probe = (measure.content or "").strip()[:24]
        where = text.find(probe) if probe else -1
        index = 0
        if where >= 0:
            for position, (start, _mark, _heading) in enumerate(heads):
                if start <= where:
                    index = position + 1
        groups[index][2].append(measure)
    return [group for group in groups if group[0] or group[2]]


def progress_lines(problem: Problem, measures: list[Measure]) -> list[str]:
    """The lines under "整改情况：": each sub-problem's heading, then its steps as 一是…; a single
    step is a plain paragraph, as the reports write it."""
    lines: list[str] = []
    for mark, heading, group in _sub_problems(problem, measures):
        texts = [(m, _progress(problem, m)) for m in group]
        texts = [(m, t) for m, t in texts if t]
        heading = chinese_punctuation(heading)
        if mark and texts and texts[0][1][0].startswith(heading.rstrip(_TITLE_PUNCT)[:12]):
            # a sub-problem told in one paragraph: its heading opens its own text
            first = texts[0][1]
            lines.append(f"{mark}{first[0]}")
            lines.extend(first[1:])
            texts = texts[1:]
        elif mark:
            lines.append(f"{mark}{heading}")
        steps = len(texts) > 1 or (texts and _written_with_ordinal(problem, texts[0][0]))
        for index, (_measure, paragraphs) in enumerate(texts):
            first, rest = paragraphs[0], paragraphs[1:]
            lines.append(f"{ordinal(index)}{first}" if steps else first)
            lines.extend(rest)
    if not lines:
        lines.append(f"{PENDING}")
    return lines


def _written_with_ordinal(problem: Problem, measure: Measure) -> bool:
    probe = (measure.content or "").strip()[:12]
    return bool(probe) and f"一是{probe}" in (problem.text or "")


# --- section 四 --------------------------------------------------------------------------


def _unfinished(report: ReportContent, ledger: _Ledger) -> None:
    groups = [
        ("（一）未完成的整改事项", ProblemStatus.NOT_DONE),
        ("（二）基本完成的整改事项", ProblemStatus.BASICALLY_DONE),
    ]
    for heading, status in groups:
        listed = [p for p in report.unfinished if ledger.status[p.pk] == status]
        if not listed:
            continue
        report.add("h2", heading)
        for number, problem in enumerate(listed, start=1):
            prefix = f"{number}." if len(listed) > 1 else ""
            title = nest_quotes(f"“存在问题{problem.number}：{chinese_punctuation(problem.title)}”")
            report.add("body", f"{prefix}{title}问题。")
            explanation = getattr(problem, "explanation", None)
            if explanation is None or not explanation.complete:
                report.gaps.append(
                    Gap("explanation", str(_("An unfinished problem has no complete explanation.")), problem=problem)
                )
            reason = explanation.reason if explanation else ""
            steps = explanation.next_steps if explanation else ""
            when = _deadline(explanation)
            _labelled(report, "有关情况说明：", reason)
            _labelled(report, "下一步措施：", steps)
            _labelled(report, "完成时限：", when)


def _deadline(explanation) -> str:
    if explanation is None:
        return ""
    if explanation.complete_by_text.strip():
        return explanation.complete_by_text.strip()
    if explanation.complete_by:
        return f"{chinese_date(explanation.complete_by)}前"
    return ""


def _labelled(report: ReportContent, label: str, text: str) -> None:
    lines = [chinese_punctuation(line.strip()) for line in (text or "").splitlines() if line.strip()]
    report.add("body", label + (lines[0] if lines else PENDING))
    for line in lines[1:]:
        report.add("body", line)


# --- closing -----------------------------------------------------------------------------


def _closing(report: ReportContent, inspection, draft, words) -> None:
    phone = (draft.contact_phone or inspection.phone).strip()
    address = (draft.contact_address or inspection.mailbox).strip()
    email = (draft.contact_email or inspection.email).strip()
    parts = [
        f"{label}：{value}"
        for label, value in (("联系电话", phone), ("通信地址", address), ("电子邮箱", email))
        if value
    ]
    text = f"欢迎广大干部群众对{words.rectification}落实情况进行监督。如有意见建议，请及时向我们反馈"
    if parts:
        text += "，" + "；".join(parts)
    report.add("body", text + "。")
    if not phone or not (address or email):
        report.gaps.append(Gap("contact", str(_("The closing paragraph has no contact phone or mailbox."))))


def _figure_gaps(report: ReportContent, ledger: _Ledger) -> None:
    for figure in report.figures.values():
        if figure.differs:
            report.gaps.append(Gap("stated", str(_("A stated figure differs from the counted one.")), figure=figure))
    if ledger.counts.not_stated:
        report.gaps.append(
            Gap(
                "not_stated",
                str(_("%(count)s problems have no stated status: they are left out of the rates."))
                % {"count": ledger.counts.not_stated},
            )
        )
