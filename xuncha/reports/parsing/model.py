"""What a parsed report is: the feedback tree, the figures it states, and the checks between them.

Plain dataclasses, no Django: the parser must run in a worker, a test or a shell without
settings. `to_dict()` is the JSON contract of `report parse --json`; keep its shape stable.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .messages import Message


class ProblemStatus(StrEnum):
    DONE = "done"
    BASICALLY_DONE = "basically_done"
    NOT_DONE = "not_done"


class CheckStatus(StrEnum):
    OK = "ok"
    MISMATCH = "mismatch"
    NOT_CHECKABLE = "not_checkable"


@dataclass(slots=True)
class Measure:
    """One labelled step of a problem's rectification: an "一是…" paragraph or a "①" sub-split."""

    label: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text}


@dataclass(slots=True)
class Problem:
    number: str
    title: str
    text: str
    status: ProblemStatus | None = None
    measures: list[Measure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "status": self.status.value if self.status else None,
            "measures": [measure.to_dict() for measure in self.measures],
            "text": self.text,
        }


@dataclass(slots=True)
class Item:
    number: str
    title: str
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "problems": [problem.to_dict() for problem in self.problems],
        }


@dataclass(slots=True)
class Aspect:
    """A feedback aspect. Its problems sit in `items`, or directly in `problems` when the
    report has no item level; never in both."""

    number: str
    title: str
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def all_problems(self) -> list[Problem]:
        return self.problems + [problem for item in self.items for problem in item.problems]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "items": [item.to_dict() for item in self.items],
            "problems": [problem.to_dict() for problem in self.problems],
        }


@dataclass(slots=True)
class Stated:
    """A figure the text states, with the words that state it.

    `paragraph` and `offset` locate the phrase in the normalised text; checks use them to
    tie a breakdown to the total it belongs to. They are not part of the JSON.
    """

    key: str
    value: int | float
    unit: str
    phrase: str
    paragraph: int = 0
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "value": self.value, "unit": self.unit, "phrase": self.phrase}


@dataclass(slots=True)
class Check:
    """One check of the report against itself. `message` says what was compared, as a msgid
    with parameters (parsing/messages.py); `detail` is its English rendering, for the JSON."""

    name: str
    status: CheckStatus
    message: Message

    @property
    def detail(self) -> str:
        return self.message.render()

    @property
    def ok(self) -> bool:
        """Only a contradiction fails; a figure we cannot verify is not an error."""
        return self.status is not CheckStatus.MISMATCH

    @property
    def confirmed(self) -> bool:
        """The figure was checked and agrees (not merely uncheckable)."""
        return self.status is CheckStatus.OK

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "status": self.status.value, "detail": self.detail}


class DocumentKind(StrEnum):
    """What the document is, from what it contains: only a progress report has a feedback tree."""

    PROGRESS_REPORT = "progress_report"  # 整改进展情况通报: a tree or stated rectification totals
    FEEDBACK = "feedback"  # 反馈: the team feeds back its opinions
    OPENING = "opening"  # 进驻 / 动员会: the team arrives
    NEWS = "news"  # a news item or summary about inspection work
    UNRELATED = "unrelated"  # nothing about 巡视 or 巡察


@dataclass(slots=True)
class Inspection:
    """The inspection a document is about, as far as the document says (parsing/inspection.py)."""

    body: str | None = None  # who inspected: "省委巡视一组"
    start: date | None = None  # 进驻, or the first day of the stated period
    end: date | None = None
    feedback_on: date | None = None
    level: str | None = None  # the inspecting committee's level: central, province, city, district
    word: str | None = None  # 巡视 (central and provincial) or 巡察 (city and county)
    targets: list[str] = field(default_factory=list)  # the inspected organisations, as written
    kinds: list[str] = field(default_factory=list)  # routine, special, ad_hoc, follow_up, escalated, cross, joint

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "feedback_on": _iso(self.feedback_on),
            "level": self.level,
            "word": self.word,
            "targets": list(self.targets),
            "kinds": list(self.kinds),
        }


@dataclass(slots=True)
class Counted:
    aspects: int
    items: int
    problems: int
    measures: int

    def to_dict(self) -> dict[str, int]:
        return {
            "aspects": self.aspects,
            "items": self.items,
            "problems": self.problems,
            "measures": self.measures,
        }


@dataclass(slots=True)
class Explanation:
    """Section "未完成和基本完成事项的说明" for one problem: why it is not finished, what comes
    next, and by when, as the report words them (seed 004 section 四)."""

    number: str  # the problem's number: "12" for "存在问题12"
    reason: str = ""  # 有关情况说明
    next_steps: str = ""  # 下一步措施
    deadline: str = ""  # 完成时限, as written: "2022年12月31日前并长期坚持"
    complete_by: date | None = None  # the latest full date in `deadline`, when it has one

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "reason": self.reason,
            "next_steps": self.next_steps,
            "deadline": self.deadline,
            "complete_by": _iso(self.complete_by),
        }


@dataclass(slots=True)
class ParsedReport:
    title: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    inspection: Inspection = field(default_factory=Inspection)
    aspects: list[Aspect] = field(default_factory=list)
    stated: list[Stated] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    plan_issued_on: date | None = None  # 印发整改方案: seed 004 "7月3日…会后即印发了具体整改工作方案"
    explanations: list[Explanation] = field(default_factory=list)
    document: DocumentKind = DocumentKind.PROGRESS_REPORT

    def problems(self) -> list[Problem]:
        return [problem for aspect in self.aspects for problem in aspect.all_problems()]

    @property
    def counted(self) -> Counted:
        problems = self.problems()
        return Counted(
            aspects=len(self.aspects),
            items=sum(len(aspect.items) for aspect in self.aspects),
            problems=len(problems),
            measures=sum(len(problem.measures) for problem in problems),
        )

    def stated_values(self, key: str) -> list[int | float]:
        return [entry.value for entry in self.stated if entry.key == key]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "issued_on": _iso(self.issued_on),
            "inspection": self.inspection.to_dict(),
            "aspects": [aspect.to_dict() for aspect in self.aspects],
            "counted": self.counted.to_dict(),
            "stated": [entry.to_dict() for entry in self.stated],
            "checks": [check.to_dict() for check in self.checks],
            "plan_issued_on": _iso(self.plan_issued_on),
            "explanations": [entry.to_dict() for entry in self.explanations],
            "document": self.document.value,
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
