"""`xuncha identity_keys`: generate a key, or re-encrypt every identity with the current key."""

from django.core.management.base import BaseCommand

from xuncha.confidential.vault import generate_key_spec


class Command(BaseCommand):
    help = "Generate an SM4 identity key (--generate ID) or re-encrypt identities with the first key (--rekey)."

    def add_arguments(self, parser):
        parser.add_argument("--generate", metavar="KEY_ID")
        parser.add_argument("--rekey", action="store_true")

    def handle(self, *args, generate=None, rekey=False, **options):
        if generate:
            self.stdout.write(generate_key_spec(generate))
        if rekey:
            from xuncha.petitions.identity import rekey_all

            count = rekey_all()
            self.stdout.write(f"re-encrypted {count} identities")
