"""The parser's names and messages in the user's language, for the review page and the CLI.

The parsing package says everything in English msgids (reports/parsing/messages.py) because it
runs without Django; here they go through gettext. Names of stated figures (FIGURE_LABELS),
of checks (CHECK_LABELS) and of problem statuses (STATUS_LABELS) are lazy, so a module-level
table follows the language of each request.
"""

from django.utils.translation import gettext, gettext_lazy

from xuncha.reports.parsing import messages
from xuncha.reports.parsing.cli import error_line
from xuncha.reports.parsing.errors import ReportParseError
from xuncha.reports.parsing.model import Check, ParsedReport
from xuncha.reports.parsing.render import render_summary

FIGURE_LABELS = {key: gettext_lazy(msgid) for key, msgid in messages.FIGURE_NAMES.items()}
CHECK_LABELS = {key: gettext_lazy(msgid) for key, msgid in messages.CHECK_NAMES.items()}
STATUS_LABELS = {key: gettext_lazy(msgid) for key, msgid in messages.STATUS_NAMES.items()}


def figure_label(key: str) -> str:
    """A stated figure's name; an unknown key (a newer parser's) shows as itself."""
    return str(FIGURE_LABELS.get(key, key))


def check_label(name: str) -> str:
    return str(CHECK_LABELS.get(name, name))


def check_message(check: Check) -> str:
    """What the check compared, in the user's language."""
    return check.message.render(gettext)


def parse_error_message(error: ReportParseError) -> str:
    """Why the input cannot be read, in the user's language (for a form error)."""
    return error.message.render(gettext)


def summary_text(report: ParsedReport) -> str:
    """`report parse`'s summary in the user's language."""
    return render_summary(report, gettext)


def parse_error_line(error: ReportParseError) -> str:
    """`report parse`'s one error line: "错误：<reason>"."""
    return error_line(error, gettext)
