"""Parse a published rectification report (整改进展情况通报) into a checked structure.

Pure Python, no Django: `parse_text(text)` and `parse_file(path)` return a ParsedReport for any readable document;
`ReportParseError` is the only exception they raise, on unreadable input.
`require_rectification(report)` refuses a document that is not a rectification report.
"""

from .errors import ReportParseError
from .model import ParsedReport
from .pipeline import parse_file, parse_text, require_rectification

__all__ = ["ParsedReport", "ReportParseError", "parse_file", "parse_text", "require_rectification"]
