"""`xuncha grant USERNAME ROLE ORG_CODE`: grant a role from the command line.

This is how the first security administrator is appointed (the role is never granted from the
web interface); every other role is normally granted by a security administrator on the
"role grants" page. The grant is audited like any other, with no web actor.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.accounts.models import User
from xuncha.orgs.models import Organisation


class Command(BaseCommand):
    help = "Grant ROLE over ORG_CODE's subtree to USERNAME (e.g. the first security administrator)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=[r.value for r in Role])
        parser.add_argument("org_code")

    def handle(self, *args, username, role, org_code, **options):
        try:
            user = User.objects.get(username=username)
            organisation = Organisation.objects.get(code=org_code)
        except (User.DoesNotExist, Organisation.DoesNotExist) as error:
            raise CommandError(str(error)) from None
        try:
            grant = grant_role(by=None, grantee=user, role=Role(role), organisation=organisation, note="command line")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(str(grant))
