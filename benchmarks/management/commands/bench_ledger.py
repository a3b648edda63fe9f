"""`xuncha bench_ledger [--rows 100000] [--repeat 3] [--use-current-db]`: time and peak memory of
ledger export and import beside raw xlsxwriter / python-calamine baselines, and of an import with
0.5 % of rows edited beside the unchanged import, one JSON line each (benchmarks/ledger.py).

By default the data lives in a throwaway database made with Django's test-database machinery
(in-memory SQLite when the configured database is SQLite, a separate `xuncha_bench_<pid>`
database on PostgreSQL), destroyed at the end: nothing touches the configured database, which
need not even be migrated. `--use-current-db` builds inside a transaction on the configured
database instead and rolls it back (the test suite uses it).
"""

import os
import signal
import sys
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from benchmarks import ledger


class Command(BaseCommand):
    help = "Benchmark ledger export and import against bare xlsxwriter and python-calamine."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000, help="measures in the ledger (default 100000)")
        parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure (default 3)")
        parser.add_argument(
            "--use-current-db",
            action="store_true",
            help="build in a rolled-back transaction on the configured database instead of a throwaway one",
        )

    def handle(self, *args, rows, repeat, use_current_db, **options):
        if rows < 1 or repeat < 1:
            self.stderr.write("--rows and --repeat must be at least 1")
            sys.exit(2)

        def report(figure):
            self.stdout.write(figure.json())
            self.stdout.flush()

        started = time.perf_counter()

        def note(text):
            self.stderr.write(f"bench_ledger [{time.perf_counter() - started:.0f} s]: {text}")

        if use_current_db:
            with transaction.atomic():
                ledger.run(rows, repeat, report, note)
                transaction.set_rollback(True)
            return
        old_name = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = f"xuncha_bench_{os.getpid()}"
        note("creating a throwaway database")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still drop the database when stopped
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            ledger.run(rows, repeat, report, note)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
