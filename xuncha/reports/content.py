"""The progress report (整改进展情况通报) as content computed from the ledger.

Every number in it is a `Figure` computed from rows and carrying the link to those rows; the
narrative sections (organisational work, next steps) are the office's edited text. The same
content renders to HTML (numbers are links) and to an official-document DOCX, and it is
written the way published reports are, so that the parser reads it back to the same tree.

Two shapes, as the seeds have them: "problem" (seed 004: aspects → items → problems, each
with 整改情况 and 一是/二是 steps) and "aspect" (seed 001: aspects with numbered paragraphs).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from xuncha.findings.models import Aspect, Problem
from xuncha.plans.dates import chinese_date
from xuncha.rectification.enums import MeasureStatus, ProblemStatus
from xuncha.rectification.models import Measure, ProgressUpdate
from xuncha.rectification.status import with_status
from xuncha.reports.parsing.numerals import int_to_chinese
from xuncha.vocabulary import chinese

ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Figure:
    value: int
    url: str = ""


Segment = str | Figure


@dataclass
class Block:
    """One paragraph. `level`: title, h1 (一、), h2 ((一)), h3 (1.), body, signature, date."""

    level: str
    segments: list[Segment]

    @property
    def text(self) -> str:
        return "".join(str(s.value) if isinstance(s, Figure) else s for s in self.segments)


@dataclass
class ReportContent:
    title: str
    issuer: str
    issued_on: date
    blocks: list[Block] = field(default_factory=list)

    def add(self, level: str, *segments: Segment) -> None:
        self.blocks.append(Block(level, list(segments)))

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


def numbered(number, title: str) -> str:
    """ "1.标题", with a space when the title starts with a digit ("4. 3个…", not the decimal "4.3")."""
    return f"{number}. {title}" if title[:1].isdigit() else f"{number}.{title}"


def _steps(measures: list[Measure]) -> list[str]:
    """What was done, step by step: each measure's latest progress, else the measure itself."""
    steps = []
    for measure in measures:
        latest = measure.latest_updates[0] if measure.latest_updates else None
        text = (latest.text if latest else measure.content).strip().rstrip("。")
        if text:
            steps.append(text)
    return steps


def build_report(
    inspection,
    organisation,
    *,
    shape: str = "problem",
    organisational_work: str = "",
    next_steps: str = "",
    issued_on: date | None = None,
) -> ReportContent:
    issued_on = issued_on or timezone.localdate()
    board = reverse("rectification:board", args=[inspection.pk])
    problems = list(
        with_status(Problem.objects.filter(inspection=inspection, organisation=organisation))
        .select_related("aspect", "item")
        .order_by("position")
    )
    measures = Measure.objects.active().filter(plan__inspection=inspection, plan__organisation=organisation)
    by_problem: dict[int, list[Measure]] = {}
    latest = Prefetch(
        "updates", queryset=ProgressUpdate.objects.order_by("-posted_at", "-id"), to_attr="latest_updates"
    )
    for measure in measures.prefetch_related("problems", latest).order_by("number"):
        for problem in measure.problems.all():
            by_problem.setdefault(problem.pk, []).append(measure)
    counts = {s: sum(1 for p in problems if p.derived_status == s) for s in ProblemStatus.values}
    aspects = list(
        Aspect.objects.filter(inspection=inspection, problems__in=[p.pk for p in problems])
        .distinct()
        .order_by("position")
        .prefetch_related("items")
    )
    items = sum(len({p.item_id for p in problems if p.aspect_id == a.pk and p.item_id}) for a in aspects)

    report = ReportContent(
        title=f"中共{organisation.name.removeprefix('中共').removesuffix('委员会')}委关于巡视整改进展情况的通报"
        if organisation.name.endswith("委员会")
        else f"{organisation.name}关于巡视巡察整改进展情况的通报",
        issuer=organisation.name,
        issued_on=issued_on,
    )
    report.add("title", report.title)
    period = ""
    if inspection.entry_on and inspection.exit_on:
        period = f"{chinese_date(inspection.entry_on)}至{chinese_date(inspection.exit_on)}，"
    feedback = f"{chinese_date(inspection.feedback_on)}，巡视组反馈意见，" if inspection.feedback_on else ""
    structure: list[Segment] = [Figure(len(aspects), board), "个方面"]
    if items:
        structure += [Figure(items, board), "项"]
    report.add(
        "body",
        f"{period}{inspection.team_name}对{organisation.name}开展巡视。{feedback}指出了",
        *structure,
        "共",
        Figure(len(problems), board),
        "个问题。",
    )
    report.add(
        "body",
        "自整改工作启动以来，研究制定整改措施",
        Figure(measures.count(), board),
        "项，完成问题整改",
        Figure(counts[ProblemStatus.DONE], f"{board}?status=done"),
        "个，基本完成整改",
        Figure(counts[ProblemStatus.BASICALLY_DONE], f"{board}?status=basically_done"),
        "个、未完成整改",
        Figure(counts[ProblemStatus.NOT_DONE], f"{board}?status=not_done"),
        "个。现将有关情况报告如下：",
    )
    report.add("h1", "一、提高政治站位，加强组织领导")
    for paragraph in (organisational_work or "（由整改工作牵头部门填写组织整改情况。）").splitlines():
        if paragraph.strip():
            report.add("body", paragraph.strip())
    report.add("h1", "二、坚持问题导向，逐条落实反馈意见整改")
    for index, aspect in enumerate(aspects):
        report.add("h2", f"({int_to_chinese(index + 1)}){aspect.title}")
        mine = [p for p in problems if p.aspect_id == aspect.pk]
        if shape == "problem":
            _problem_shape(report, aspect, mine, by_problem)
        else:
            for problem in mine:  # numbered through the whole report, as seed 001 is
                steps = _steps(by_problem.get(problem.pk, []))
                report.add(
                    "body", f"{numbered(problem.number, problem.title)}。" + "；".join(steps) + ("。" if steps else "")
                )
    report.add("h1", "三、未完成和基本完成事项的说明")
    _unfinished(report, problems, by_problem, board)
    report.add("h1", "四、下一步工作打算")
    for paragraph in (next_steps or "（由整改工作牵头部门填写下一步工作打算。）").splitlines():
        if paragraph.strip():
            report.add("body", paragraph.strip())
    report.add("signature", report.issuer)
    report.add("date", chinese_date(issued_on))
    return report


def _problem_shape(report, aspect, problems, by_problem) -> None:
    item_numbers = {}
    for problem in problems:
        if problem.item_id and problem.item_id not in item_numbers:
            item_numbers[problem.item_id] = len(item_numbers) + 1
            report.add("h3", numbered(item_numbers[problem.item_id], problem.item.title))
        report.add("body", f"({problem.number}){problem.title}")
        steps = _steps(by_problem.get(problem.pk, []))
        text = "".join(f"{ORDINALS[i] if i < 10 else i + 1}是{step}。" for i, step in enumerate(steps))
        report.add("body", f"整改情况：{text}" if text else f"整改情况：{chinese(MeasureStatus.IN_PROGRESS.label)}。")


def _unfinished(report, problems, by_problem, board) -> None:
    groups = [
        ("(一)未完成的整改事项", ProblemStatus.NOT_DONE),
        ("(二)基本完成的整改事项", ProblemStatus.BASICALLY_DONE),
    ]
    any_listed = False
    for heading, status in groups:
        listed = [p for p in problems if p.derived_status == status]
        if not listed:
            continue
        any_listed = True
        report.add("h2", heading)
        for number, problem in enumerate(listed, start=1):
            prefix = f"{number}." if status == ProblemStatus.BASICALLY_DONE else ""
            report.add("body", f"{prefix}“存在问题{problem.number}:{problem.title}”问题。")
            steps = _steps(by_problem.get(problem.pk, []))
            if steps:
                report.add("body", f"有关情况说明：{steps[-1]}。")
            deadlines = [m.deadline for m in by_problem.get(problem.pk, []) if m.deadline]
            if deadlines:
                report.add("body", f"完成时限：{chinese_date(max(deadlines))}前")
    if not any_listed:
        report.add("body", "反馈问题已全部完成整改。")
