"""`xuncha report ACTION …`: work with published rectification reports (整改进展情况通报).

One subcommand per action, each declared once in ACTIONS: its help, a function that adds its
arguments to its subparser, and a function that runs it and returns the exit code. The work
itself lives elsewhere; this module only wires it to Django's command line.

- `parse PATH [--json]`: read a report (.txt, .docx, .html, .pdf) and check it; exit 0 for
  any readable document, 2 for unreadable input (xuncha.reports.parsing.cli.run_parse).
- `generate --inspection ID --organisation ID [--shape …] --format docx|pdf -o PATH`: write an
  organisation's progress report (xuncha.reports.generate_cli.run_generate).
"""

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser, OutputWrapper

from xuncha.reports.check_labels import parse_error_line, summary_text
from xuncha.reports.parsing.cli import EXIT_OK, render_json, run_parse

Options = dict[str, Any]


def _write(out: str, err: str, stdout: OutputWrapper, stderr: OutputWrapper) -> None:
    if out:
        stdout.write(out, ending="")
    if err:
        stderr.write(err, ending="")


# --- parse ----------------------------------------------------------------------------------


def add_parse_arguments(parser: CommandParser) -> None:
    parser.add_argument("path", help="the report file")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")


def parse(options: Options, stdout: OutputWrapper, stderr: OutputWrapper) -> int:
    render = render_json if options["json"] else summary_text
    code, out, err = run_parse(options["path"], render=render, error=parse_error_line)
    _write(out, err, stdout, stderr)
    return code


# --- generate -------------------------------------------------------------------------------


def add_generate_arguments(parser: CommandParser) -> None:
    from xuncha.reports.downloads import FORMATS, SHAPES

    parser.add_argument("--inspection", type=int, required=True, help="the inspection's id")
    parser.add_argument("--organisation", type=int, required=True, help="the inspected organisation's id")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="by problem or by aspect (default: the draft's)")
    parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
    parser.add_argument("-o", "--output", required=True, help="the file to write")


def generate(options: Options, stdout: OutputWrapper, stderr: OutputWrapper) -> int:
    from xuncha.reports.generate_cli import EXIT_OK as GENERATED
    from xuncha.reports.generate_cli import run_generate

    code, out, err = run_generate(
        inspection_id=options["inspection"],
        organisation_id=options["organisation"],
        shape=options["shape"],
        fmt=options["fmt"],
        output=options["output"],
    )
    _write(out, err, stdout, stderr)
    return EXIT_OK if code == GENERATED else code


Action = tuple[str, Callable[[CommandParser], None], Callable[[Options, OutputWrapper, OutputWrapper], int]]

ACTIONS: dict[str, Action] = {
    "parse": ("Parse a report (.txt, .docx, .html, .pdf) and check its figures.", add_parse_arguments, parse),
    "generate": ("Write an organisation's progress report (.docx or .pdf).", add_generate_arguments, generate),
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
