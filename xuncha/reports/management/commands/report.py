"""`xuncha report ACTION …`: work with published rectification reports (整改进展情况通报).

One subcommand per action, each a pair declared in ACTIONS: a function that adds its
arguments to its subparser, and a function that runs it and returns the exit code. The work
itself lives elsewhere; this module only wires it to Django's command line.

`parse PATH [--json]`: read a report (.txt, .docx, .html, .pdf) and check it; exit 0 for any
readable document, 2 for unreadable input (xuncha.reports.parsing.cli.run_parse).
"""

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser, OutputWrapper

from xuncha.reports.check_labels import parse_error_line, summary_text
from xuncha.reports.parsing.cli import EXIT_OK, render_json, run_parse


def add_parse_arguments(parser: CommandParser) -> None:
    parser.add_argument("path", help="the report file")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")


def parse(options: dict[str, Any], stdout: OutputWrapper, stderr: OutputWrapper) -> int:
    render = render_json if options["json"] else summary_text
    code, out, err = run_parse(options["path"], render=render, error=parse_error_line)
    if out:
        stdout.write(out, ending="")
    if err:
        stderr.write(err, ending="")
    return code


Action = tuple[str, Callable[[CommandParser], None], Callable[[dict[str, Any], OutputWrapper, OutputWrapper], int]]

ACTIONS: dict[str, Action] = {
    "parse": ("Parse a report (.txt, .docx, .html, .pdf) and check its figures.", add_parse_arguments, parse),
}


class Command(BaseCommand):
    help = "Work with published rectification reports (整改进展情况通报)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for name, (help_text, add, _run) in ACTIONS.items():
            add(actions.add_parser(name, help=help_text))

    def handle(self, *args, **options) -> None:
        _help, _add, run = ACTIONS[options["action"]]
        code = run(options, self.stdout, self.stderr)
        if code != EXIT_OK:
            raise SystemExit(code)
