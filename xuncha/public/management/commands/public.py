"""`xuncha public intake`: take the reports waiting on the public side into the petition intake
(run it every minute from cron on the staff side; the petition pages and the office's home page
also do it when they open).

`xuncha public grants [--role NAME] [--apply]`: the public site's PostgreSQL role.

Prints the statements that create or update the role the public host connects as (read what
is published, insert into the intake tables, nothing else; xuncha/public/roles.py), or runs them
in one transaction with --apply, which needs a superuser connection (DATABASE_URL of the staff
site's owner, never the public host's own). Run it after every `xuncha migrate`.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from xuncha.public.roles import DEFAULT_ROLE, insert_tables, public_role_grants, read_tables


class Command(BaseCommand):
    help = "The public site (码上巡): take waiting reports in (intake); print or apply its role's grants (grants)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True, metavar="ACTION")
        commands.add_parser("intake", help="Take the reports waiting on the public side into the petition intake.")
        grants = commands.add_parser("grants", help="Print (or --apply) the public site's database role and grants.")
        grants.add_argument("--role", default=DEFAULT_ROLE, help=f"the role's name (default {DEFAULT_ROLE})")
        grants.add_argument("--schema", default="public")
        grants.add_argument("--apply", action="store_true", help="run the statements (needs a superuser)")

    def handle(self, *args, command: str, **options) -> None:
        if command == "intake":
            from xuncha.public.takein import take_in

            taken = take_in(retry=True)
            self.stdout.write(_("%(count)d report(s) taken into the petition intake.") % {"count": taken})
            return
        statements = public_role_grants(options["role"], schema=options["schema"])
        if not options["apply"]:
            for statement in statements:
                self.stdout.write(f"{statement};")
            return
        if connection.vendor != "postgresql":
            raise CommandError(_("--apply needs PostgreSQL: the public site's role exists only there."))
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")
            if not cursor.fetchone()[0]:
                raise CommandError(
                    _(
                        "--apply needs a superuser connection (it creates a role); "
                        "print the statements and run them as one."
                    )
                )
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        except DatabaseError as error:
            raise CommandError(_("The grants were not applied: %(error)s") % {"error": error}) from None
        self.stdout.write(
            _("Role %(role)s: reads %(reads)d table(s), inserts into %(inserts)d, nothing else.")
            % {"role": options["role"], "reads": len(read_tables()), "inserts": len(insert_tables())}
        )
