"""The `xuncha` command: Django's management commands under the product's own name.

`xuncha serve`, `xuncha demo`, `xuncha report parse FILE` and every Django command
(`xuncha migrate`, `xuncha check --deploy`) run through here.
"""

import os
import sys

# Commands of the benchmark app (benchmarks/ beside this package), installed only when
# settings.XUNCHA_BENCH is on; named here only to explain their absence.
BENCHMARK_COMMANDS = frozenset({"bench", "bench_board", "bench_ledger", "bench_reports"})


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xuncha.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "xuncha"
    if len(argv) > 1 and argv[1] in BENCHMARK_COMMANDS:
        _require_benchmarks(argv[1])
    execute_from_command_line(argv)


def _require_benchmarks(command: str) -> None:
    """Without the benchmark app Django would only say "Unknown command"; say why and what to do."""
    import django
    from django.conf import settings

    django.setup()
    if settings.XUNCHA_BENCH:
        return
    from django.utils.translation import gettext as _

    sys.stderr.write(
        _(
            "`xuncha %(command)s` is a benchmark command and the benchmarks are not installed here. "
            "Run it from a source checkout with XUNCHA_BENCH=1 and the checkout on PYTHONPATH "
            "(scripts/bench, behind `make bench`, does both)."
        )
        % {"command": command}
        + "\n"
    )
    sys.exit(2)


if __name__ == "__main__":
    main()
