"""`xuncha audit verify [--anchor]` and `xuncha audit grants ROLE`.

verify walks the audit chain (xuncha/audit/chain.py) and compares it with the heads anchored in
``XUNCHA_AUDIT_ANCHOR_FILE``; it names the first broken or missing event and exits with status 1,
so that the nightly cron mails the operator. --anchor then appends the verified head to the
file (never a head it could not verify). grants prints the PostgreSQL statements that give the
application's restricted role what it needs and no more (xuncha/audit/roles.py).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from xuncha.audit import chain
from xuncha.audit.roles import app_role_grants


class Command(BaseCommand):
    help = "Verify the audit log's hash chain (verify [--anchor]) or print the application role's GRANTs (grants ROLE)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        verify = commands.add_parser("verify", help="Walk the chain; exit status 1 at the first broken link.")
        verify.add_argument(
            "--anchor", action="store_true", help="Append the verified head to XUNCHA_AUDIT_ANCHOR_FILE."
        )
        verify.add_argument("--anchor-file", default=None, help="Instead of XUNCHA_AUDIT_ANCHOR_FILE.")
        grants = commands.add_parser("grants", help="Print the GRANTs of the application's database role.")
        grants.add_argument("role")
        grants.add_argument("--owner", default=None, help="Also set default privileges for tables this role creates.")
        grants.add_argument("--schema", default="public")

    def handle(self, *args, command: str, **options):
        if command == "grants":
            for statement in app_role_grants(options["role"], owner=options["owner"], schema=options["schema"]):
                self.stdout.write(f"{statement};")
            return
        self._verify(options["anchor"], options["anchor_file"] or settings.XUNCHA_AUDIT_ANCHOR_FILE)

    def _verify(self, write_anchor: bool, path: str):
        if write_anchor and not path:
            raise CommandError(
                _("--anchor needs XUNCHA_AUDIT_ANCHOR_FILE (or --anchor-file): where to write the head.")
            )
        try:
            anchors = chain.read_anchors(path) if path else []
        except ValueError as error:
            raise CommandError(str(error)) from None
        report = chain.verify(anchors)
        if report.broken is not None:
            where = (
                _("event %(seq)d (row id %(id)d)") % {"seq": report.broken.seq, "id": report.broken.event_id}
                if report.broken.event_id is not None
                else _("event %(seq)d") % {"seq": report.broken.seq}
            )
            self.stdout.write(
                _("The audit log is broken at %(where)s: %(reason)s.")
                % {"where": where, "reason": report.broken.reason}
            )
            self.stdout.write(
                _("%(count)d events before it are intact. Nothing was anchored.") % {"count": report.count}
            )
            raise SystemExit(1)
        self.stdout.write(
            _("The audit log is intact: %(count)d events, %(anchors)d anchored heads confirmed; head %(hash)s.")
            % {"count": report.count, "anchors": len(anchors), "hash": report.head_hash[:16]}
        )
        if write_anchor:
            chain.anchor(path, report)
            self.stdout.write(_("Anchored head %(seq)d in %(path)s.") % {"seq": report.head_seq, "path": path})
