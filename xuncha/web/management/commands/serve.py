"""`xuncha serve`: the development server on 127.0.0.1:8000, or gunicorn in production."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform (development server, or gunicorn when XUNCHA_ENV=production)."

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("XUNCHA_WORKERS", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("XUNCHA_THREADS", "2")))

    def handle(self, *args, address, workers, threads, **options):
        from xuncha.confidential.canary import verify_canaries
        from xuncha.confidential.usage import verify_keys_in_use

        verify_canaries()  # a wrong identity key stops here, before serving anything
        verify_keys_in_use()  # and so does a key the stored identities need that is not configured
        if settings.PRODUCTION:
            os.execvp(
                sys.executable,
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "xuncha.wsgi",
                    "--bind",
                    address,
                    "--workers",
                    str(workers),
                    # threaded workers keep connections alive (sync workers close each one:
                    # 30-40 % less throughput measured by `xuncha bench run`, docs/deploy.md)
                    "--worker-class",
                    "gthread",
                    "--threads",
                    str(threads),
                    # no control socket at a fixed path in the home directory, where two
                    # instances on one host would collide
                    "--no-control-socket",
                ],
            )
        call_command("runserver", address, use_reloader=False)
