"""`xuncha report parse PATH [--json]`: read a published rectification report and check it.

The work is in xuncha.reports.parsing.cli.run_parse; this wrapper only wires it to
Django's command line and turns its exit code into the process's.
"""

from django.core.management.base import BaseCommand, CommandParser

from xuncha.reports.parsing.cli import EXIT_OK, run_parse


class Command(BaseCommand):
    help = "Work with published rectification reports (整改进展情况通报)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        parse = actions.add_parser("parse", help="Parse a report (.txt, .docx, .html, .pdf) and check its figures.")
        parse.add_argument("path", help="the report file")
        parse.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")

    def handle(self, *args, **options) -> None:
        code, out, err = run_parse(options["path"], as_json=options["json"])
        if out:
            self.stdout.write(out, ending="")
        if err:
            self.stderr.write(err, ending="")
        if code != EXIT_OK:
            raise SystemExit(code)
