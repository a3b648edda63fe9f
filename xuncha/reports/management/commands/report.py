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
        _add_generate(actions)

    def handle(self, *args, **options) -> None:
        if options.get("action") == "generate":
            return _generate(self, options)
        code, out, err = run_parse(options["path"], as_json=options["json"])
        if out:
            self.stdout.write(out, ending="")
        if err:
            self.stderr.write(err, ending="")
        if code != EXIT_OK:
            raise SystemExit(code)


# --- `report generate` (xuncha.reports.generate_cli): the progress report as .docx or .pdf ---


def _add_generate(actions) -> None:
    from xuncha.reports.downloads import FORMATS, SHAPES

    generate = actions.add_parser("generate", help="Write an organisation's progress report (.docx or .pdf).")
    generate.add_argument("--inspection", type=int, required=True, help="the inspection's id")
    generate.add_argument("--organisation", type=int, required=True, help="the inspected organisation's id")
    generate.add_argument("--shape", choices=sorted(SHAPES), help="by problem or by aspect (default: the draft's)")
    generate.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
    generate.add_argument("-o", "--output", required=True, help="the file to write")


def _generate(command, options) -> None:
    from xuncha.reports.generate_cli import EXIT_OK as GENERATED
    from xuncha.reports.generate_cli import run_generate

    code, out, err = run_generate(
        inspection_id=options["inspection"],
        organisation_id=options["organisation"],
        shape=options["shape"],
        fmt=options["fmt"],
        output=options["output"],
    )
    if out:
        command.stdout.write(out, ending="")
    if err:
        command.stderr.write(err, ending="")
    if code != GENERATED:
        raise SystemExit(code)
