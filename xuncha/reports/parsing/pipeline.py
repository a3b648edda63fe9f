"""From text (or a file) to a checked ParsedReport: the order of the passes, and nothing else.

Traditional characters → simplified; normalise → signature (so the closing block is never a
problem's text) → tree → statuses → stated figures (outside problems) → the inspection's
facts → checks. Each pass lives in its own module.

Any readable text parses: a document that is only an opening notice, a feedback notice or a
news item gives what it says of the inspection and its figures, and its "structure" check
says what it lacks. Only unreadable input raises ReportParseError. A caller that needs a
rectification report (the upload, the import) asks `require_rectification`.
"""

from pathlib import Path

from . import messages
from .checks import run_checks
from .errors import ReportParseError
from .explanations import find_explanations
from .inspection import classify_document, find_inspection, find_plan_issued_on
from .metadata import find_signature, find_title, issuer_from_byline, issuer_from_title
from .model import ParsedReport
from .normalize import normalize_text
from .readers import read_document
from .stated import extract_stated
from .statuses import assign_statuses
from .structure import build_outline
from .traditional import to_simplified

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
    """Parse a document's text.

    With `strict` (the default) a text with nothing in it but spaces and furniture raises
    ReportParseError; with `strict=False` it returns the empty report. No other exception
    is raised.
    """
    paragraphs = [line for line in normalize_text(to_simplified(text)).split("\n") if line]
    if strict and not paragraphs:
        raise ReportParseError(messages.EMPTY_DOCUMENT)
    signature = find_signature(paragraphs)
    outline = build_outline(paragraphs, signature.start)
    title = find_title(paragraphs)
    inspection = find_inspection(paragraphs, skip=outline.problem_paragraphs)
    report = ParsedReport(
        title=title,
        issuer=signature.issuer or issuer_from_title(title) or issuer_from_byline(paragraphs),
        issued_on=signature.issued_on,
        inspection=inspection,
        aspects=outline.aspects,
    )
    assign_statuses(report.problems(), paragraphs, outline.problem_paragraphs)
    report.stated = extract_stated(paragraphs, skip=outline.problem_paragraphs)
    report.plan_issued_on = find_plan_issued_on(paragraphs, outline.problem_paragraphs, inspection)
    report.explanations = find_explanations(
        paragraphs, skip=outline.problem_paragraphs, end=signature.start, problems=report.problems()
    )
    report.document = classify_document(paragraphs, has_tree=bool(report.aspects), inspection=inspection)
    report.checks = run_checks(report)
    return report


def has_rectification_structure(report: ParsedReport) -> bool:
    """A feedback tree, or at least two stated rectification figures (a summary report)."""
    return bool(report.aspects) or len({entry.key for entry in report.stated} & RECTIFICATION_KEYS) >= 2


def require_rectification(report: ParsedReport) -> ParsedReport:
    """The report, when it is one a ledger can be made from; else ReportParseError says why."""
    if not has_rectification_structure(report):
        raise ReportParseError(messages.NO_RECTIFICATION)
    return report


def parse_file(path: str | Path) -> ParsedReport:
    return parse_text(read_document(path))
