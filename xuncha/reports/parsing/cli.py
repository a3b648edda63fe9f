"""The core of `report parse`, without Django, so that it can be tested without settings.

Exit codes: 0 parsed (any readable document: what it lacks is its "structure" check), 2 the
input cannot be read. The caller chooses how a report is rendered (`render_json`, or the
summary through its gettext) and how an unreadable input is said (`error`: one line, e.g.
"错误：文件为空", never a traceback).
"""

import json
from collections.abc import Callable
from pathlib import Path

from .errors import ReportParseError
from .messages import ERROR_LINE, Translate, message
from .model import ParsedReport
from .pipeline import parse_file

EXIT_OK = 0
EXIT_UNREADABLE = 2

Render = Callable[[ParsedReport], str]
Explain = Callable[[ReportParseError], str]


def run_parse(path: str | Path, render: Render, error: Explain) -> tuple[int, str, str]:
    """Return (exit code, stdout text, stderr text)."""
    try:
        report = parse_file(path)
    except ReportParseError as exc:
        return EXIT_UNREADABLE, "", error(exc).rstrip("\n") + "\n"
    return EXIT_OK, render(report), ""


def render_json(report: ParsedReport) -> str:
    """The JSON contract: ParsedReport.to_dict(), English details, Chinese text as it is."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def error_line(exc: ReportParseError, gettext: Translate | None = None) -> str:
    """ "Error: <reason>" in the language of `gettext` (English without one)."""
    if gettext is None:
        return message(ERROR_LINE, reason=exc.message).render()
    return message(ERROR_LINE, reason=exc.message).render(gettext)
