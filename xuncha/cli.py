"""The `xuncha` command: Django's management commands under the product's own name.

`xuncha serve`, `xuncha demo`, `xuncha report parse FILE` and every Django command
(`xuncha migrate`, `xuncha check --deploy`) run through here.

A command that fails because the database cannot be reached ends with one line saying so and
where it looked, not a traceback; any other error keeps its traceback.
"""

import os
import sys

# Commands of the benchmark app (benchmarks/ beside this package), installed only when
# settings.XUNCHA_BENCH is on; named here only to explain their absence.
BENCHMARK_COMMANDS = frozenset({"bench", "bench_board", "bench_ledger", "bench_reports"})


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xuncha.settings")
    from django.core.management import execute_from_command_line
    from django.db import InterfaceError, OperationalError

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "xuncha"
    if len(argv) > 1 and argv[1] in BENCHMARK_COMMANDS:
        _require_benchmarks(argv[1])
    try:
        execute_from_command_line(argv)
    except (OperationalError, InterfaceError) as error:
        if _database_reachable():
            raise  # a query failed on a database that answers: the traceback says which
        sys.stderr.write(_unreachable_line(error) + "\n")
        sys.exit(1)


def _database_reachable() -> bool:
    from xuncha.web.outage import database_reachable

    return database_reachable()


def _unreachable_line(error: Exception) -> str:
    from django.conf import settings
    from django.db import connection
    from django.utils import translation
    from django.utils.translation import gettext as _

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        where = str(db["NAME"])
    else:
        where = f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or '-'}/{db['NAME']}"
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    with translation.override(settings.LANGUAGE_CODE):  # commands run with translation off
        return _("xuncha: the database cannot be reached (%(vendor)s %(where)s): %(reason)s") % {
            "vendor": connection.vendor,
            "where": where,
            "reason": reason,
        }


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
