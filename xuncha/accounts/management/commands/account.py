"""`xuncha account ACTION USERNAME`: the command line's hand on one account.

The system administrator cannot reset the password of, deactivate or reactivate a security
administrator's or an auditor's account (三员分立); this command is how that is done, by whoever
runs the server. It calls the same domain functions as the web pages, audited with no web actor:

* ``reset-password``: a new password (asked twice, or one line from stdin with
  ``--password-stdin``); the holder must replace it at the next login;
* ``deactivate`` / ``activate`` with ``--reason``;
* ``reset-2fa`` with ``--reason``: remove the authenticator and recovery codes (a lost phone,
  or a security administrator's own, which no one on the web may reset); a holder of a role
  that requires two-factor login sets it up again at the next login.
"""

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from xuncha.accounts.domain import reset_password, set_user_active
from xuncha.accounts.models import User
from xuncha.accounts.twofactor.domain import reset_two_factor


class Command(BaseCommand):
    help = "Reset the password or two-factor login of, deactivate or activate USERNAME (e.g. a security administrator)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["reset-password", "deactivate", "activate", "reset-2fa"])
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="why (deactivate, activate, reset-2fa)")
        parser.add_argument("--password-stdin", action="store_true", help="read the new password from stdin")

    def handle(self, *args, action, username, reason, password_stdin, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No account {username!r}.") from None
        try:
            if action == "reset-password":
                reset_password(user, by=None, new_password=self._password(password_stdin))
                self.stdout.write(f"{username}: password reset; it must be changed at the next login.")
            elif action == "reset-2fa":
                reset_two_factor(user, by=None, reason=reason)
                self.stdout.write(f"{username}: two-factor login reset; it is set up again at the next login.")
            else:
                set_user_active(user, by=None, active=action == "activate", reason=reason)
                self.stdout.write(f"{username}: {action}d.")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass("New password: ")
        if first != getpass.getpass("Again: "):
            raise CommandError("The two passwords differ.")
        return first
