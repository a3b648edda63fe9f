"""`xuncha demo`: load the demo world and print the accounts (passwords only when set now)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from xuncha.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load demo data (idempotent). Passwords are printed once, when they are set."

    def add_arguments(self, parser):
        parser.add_argument("--reset-passwords", action="store_true", help="Set and print new demo passwords.")

    def handle(self, *args, reset_passwords: bool, **options):
        accounts = load_demo(reset_passwords=reset_passwords)
        fresh = [a for a in accounts if a.password]
        if fresh:
            self.stdout.write(_("Demo accounts (the passwords are shown only this once):"))
            for a in accounts:
                self.stdout.write(f"  {a.username:<14} {a.password or '':<14} {a.role} · {a.scope}")
            keyed = [a for a in accounts if a.totp_key]
            if keyed:
                self.stdout.write(
                    _(
                        "These accounts log in with two-factor login: add the key to an authenticator app "
                        "(or run `oathtool --totp -b KEY`) and type its 6-digit code after the password:"
                    )
                )
                for a in keyed:
                    self.stdout.write(f"  {a.username:<14} {a.totp_key.replace(' ', '')}")
        else:
            self.stdout.write(
                _(
                    "Demo data is already loaded; passwords were printed when the accounts were created. "
                    "Run `xuncha demo --reset-passwords` to set new ones."
                )
            )
