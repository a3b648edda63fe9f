"""`xuncha i18n`: compile the message catalogues with polib (no GNU gettext needed).

With --extract (developers, needs GNU gettext) it first refreshes both catalogues from the
source and fills the English one with the source strings, which are English already.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LOCALES = ("zh_Hans", "en")


class Command(BaseCommand):
    help = "Compile (and with --extract, refresh) the zh-hans and en message catalogues."

    def add_arguments(self, parser):
        parser.add_argument("--extract", action="store_true")

    def handle(self, *args, extract: bool, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        if extract:
            call_command(
                "makemessages",
                locale=list(LOCALES),
                ignore=[".venv/*", "node_modules/*", "tests/*"],
                no_obsolete=True,
                verbosity=0,
            )
            english = polib.pofile(str(locale_dir / "en" / "LC_MESSAGES" / "django.po"))
            for entry in english:
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                else:
                    entry.msgstr = entry.msgid
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            english.save()
        for locale in LOCALES:
            po_path = locale_dir / locale / "LC_MESSAGES" / "django.po"
            if not po_path.exists():
                raise CommandError(f"missing catalogue {po_path}")
            catalogue = polib.pofile(str(po_path))
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            untranslated = len(catalogue.untranslated_entries()) + len(catalogue.fuzzy_entries())
            self.stdout.write(f"{locale}: {len(catalogue)} messages, {untranslated} untranslated")
