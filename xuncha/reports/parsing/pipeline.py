"""From text (or a file) to a checked ParsedReport: the order of the passes, and nothing else.

Normalise → signature (so the closing block is never a problem's text) → tree → statuses
→ stated figures (outside problems) → checks. Each pass lives in its own module.
"""

from pathlib import Path

from .checks import run_checks
from .errors import ReportParseError
from .metadata import find_inspection, find_signature, find_title, issuer_from_title
from .model import ParsedReport
from .normalize import normalize_text
from .readers import read_document
from .stated import extract_stated
from .statuses import assign_statuses
from .structure import build_outline

# Figures a rectification report states. A text without a tree must state at least two of
# them: a news story about inspection work often has one ("发现问题13817个"), a summary
# report has several ("反馈的412个问题,完成整改401个…").
RECTIFICATION_KEYS = frozenset(
    {
        "aspects_total",
        "items_total",
        "problems_total",
        "problems_done",
        "problems_basically_done",
        "problems_not_done",
        "problems_in_progress",
        "measures_total",
        "tasks_total",
    }
)


def parse_text(text: str, *, strict: bool = True) -> ParsedReport:
    """Parse a report's text.

    With `strict` (the default) a text with neither a feedback tree nor a stated
    rectification figure raises ReportParseError; with `strict=False` it returns the
    empty report, whose "structure" check says so. No other exception is raised.
    """
    paragraphs = [line for line in normalize_text(text).split("\n") if line]
    if strict and not paragraphs:
        raise ReportParseError("the document is empty")
    signature = find_signature(paragraphs)
    outline = build_outline(paragraphs, signature.start)
    title = find_title(paragraphs)
    report = ParsedReport(
        title=title,
        issuer=signature.issuer or issuer_from_title(title),
        issued_on=signature.issued_on,
        inspection=find_inspection(paragraphs),
        aspects=outline.aspects,
    )
    assign_statuses(report.problems(), paragraphs, outline.problem_paragraphs)
    report.stated = extract_stated(paragraphs, skip=outline.problem_paragraphs)
    report.checks = run_checks(report)
    if strict and not report.aspects and len({e.key for e in report.stated} & RECTIFICATION_KEYS) < 2:
        raise ReportParseError(
            "no rectification structure found (no feedback aspects or problems, and no stated rectification totals)"
        )
    return report


def parse_file(path: str | Path) -> ParsedReport:
    return parse_text(read_document(path))
