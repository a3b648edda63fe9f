"""The core of `report parse`, without Django, so that it can be tested without settings.

Exit codes: 0 parsed, 2 the input is not a readable report. Errors go to stderr as one line
"错误：<reason>", never as a traceback.
"""

import json
from pathlib import Path

from .errors import ReportParseError
from .pipeline import parse_file
from .render import render_summary

EXIT_OK = 0
EXIT_UNREADABLE = 2


def run_parse(path: str | Path, as_json: bool) -> tuple[int, str, str]:
    """Return (exit code, stdout text, stderr text)."""
    try:
        report = parse_file(path)
    except ReportParseError as error:
        return EXIT_UNREADABLE, "", f"错误：{error}\n"
    if as_json:
        return EXIT_OK, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", ""
    return EXIT_OK, render_summary(report), ""
