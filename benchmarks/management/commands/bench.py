"""`xuncha bench seed --scale N` fills an empty database with a realistic world;
`xuncha bench run --scale N` measures the platform on it and prints one JSON line per figure."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Generate benchmark data (seed) or run the benchmark suite on it (run)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        seed = sub.add_parser("seed", help="fill an empty database with a generated world")
        seed.add_argument("--scale", type=int, default=1, help="1 ≈ one city's term (≈50,000 measures)")
        seed.add_argument("--seed", type=int, default=2025, help="random seed (same seed, same rows)")
        seed.add_argument("--reuse", action="store_true", help="do nothing if this scale is already seeded")
        run = sub.add_parser("run", help="measure the platform on a seeded database")
        run.add_argument("--scale", type=int, default=1, help="the scale the database was seeded with")
        run.add_argument("--repeat", type=int, default=7)
        run.add_argument("--only", action="append", default=[], help="run only these figures (repeatable)")
        run.add_argument("--http-duration", type=float, default=8.0, help="seconds of load per page")
        run.add_argument("--http-concurrency", type=int, default=8)

    def handle(self, *args, action, **options):
        if action == "seed":
            self._seed(options["scale"], options["seed"], reuse=options["reuse"])
        else:
            from benchmarks.suite import run_suite

            run_suite(
                scale=options["scale"],
                repeat=options["repeat"],
                only=set(options["only"]),
                http_duration=options["http_duration"],
                http_concurrency=options["http_concurrency"],
                log=lambda m: self.stderr.write(m),
            )

    def _seed(self, scale: int, random_seed: int, *, reuse: bool) -> None:
        from django.db import connection

        from benchmarks.seed import SeedError, seed, seeded_scale

        if reuse and (existing := seeded_scale()) is not None:
            if existing != scale:
                raise CommandError(
                    _("This database holds a scale-%(existing)d world, not scale %(scale)d; use a new database.")
                    % {"existing": existing, "scale": scale}
                )
            self.stderr.write(_("Reusing the scale-%(scale)d world already in this database.") % {"scale": scale})
            return

        try:
            report = seed(scale, random_seed=random_seed, log=lambda m: self.stderr.write(m))
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            _("Seeded scale %(scale)d: %(rows)d rows in %(seconds).1f s (%(rate)d rows/s).")
            % {"scale": scale, "rows": report.total, "seconds": report.seconds, "rate": report.rows_per_second}
        )
        row = {
            "name": "seed",
            "backend": connection.vendor,
            "scale": scale,
            "seed": random_seed,
            "rows": report.total,
            "seconds": round(report.seconds, 1),
            "rows_per_s": round(report.rows_per_second),
            "tables": dict(sorted(report.rows.items())),
        }
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
