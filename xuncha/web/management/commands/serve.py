"""`xuncha serve`: the development server on 127.0.0.1:8000, or gunicorn in production."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Serve the platform (development server, or gunicorn when XUNCHA_ENV=production)."

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("XUNCHA_WORKERS", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("XUNCHA_THREADS", "2")))

    def handle(self, *args, address, workers, threads, **options):
        self._verify_identity_keys()
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

    def _verify_identity_keys(self) -> None:
        from xuncha.confidential.vault import key_ring

        key_ring()  # a malformed XUNCHA_IDENTITY_KEYS stops here, before serving anything
        if settings.XUNCHA_PUBLIC_SITE:
            # the public site's role reads neither the canaries nor the sealed identities
            # (xuncha/public/roles.py): the staff site checks the key against them
            self.stderr.write(
                _(
                    "Public site: the identity key's format is checked; the key itself is checked "
                    "against the stored canaries by the staff site only (this role cannot read them)."
                )
            )
            return
        from xuncha.confidential.canary import verify_canaries
        from xuncha.confidential.usage import verify_keys_in_use

        verify_canaries()  # a wrong identity key stops here, before serving anything
        verify_keys_in_use()  # and so does a key the stored identities need that is not configured
