"""`xuncha analyze`: refresh the database's planner statistics.

PostgreSQL's autovacuum keeps them; SQLite has none until ANALYZE runs, and without them it
reads the ledger's first page through the index on archived_at (every active measure) and sorts
the whole scope (≈ 30 ms instead of ≈ 2 ms at scale 1): run it after a bulk load and nightly from
cron on a SQLite deployment (docs/deploy.md). On PostgreSQL it runs ANALYZE as well (harmless).
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Refresh the database's planner statistics (ANALYZE)."

    def handle(self, *args, **options):
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(_("Statistics refreshed in %(seconds).1f s.") % {"seconds": time.monotonic() - started})
