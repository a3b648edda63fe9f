"""`xuncha restore --check BACKUP` proves a backup restores whole; `xuncha restore BACKUP
[--database URL] [--media DIR]` restores it into a new database and media directory.

Both exit 1 naming every problem: a file whose checksum does not match, a stored file a
record names that is missing, an identity key id in use that XUNCHA_IDENTITY_KEYS lacks, an
audit log that does not reach the manifest's head."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xuncha.backup.archive import check_backup, restore_backup
from xuncha.backup.database import BackupError


class Command(BaseCommand):
    help = "Check a backup (--check) or restore it into a new database and media directory."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a backup directory or archive made by `xuncha backup`")
        parser.add_argument("--check", action="store_true", help="only verify, by restoring into a scratch database")
        parser.add_argument("--database", metavar="URL", help="restore into this database (default: DATABASE_URL)")
        parser.add_argument(
            "--scratch-database",
            metavar="URL",
            help="with --check of a PostgreSQL backup: the server to create the scratch database on",
        )
        parser.add_argument("--media", metavar="DIR", help="restore the files into DIR (default: XUNCHA_MEDIA_ROOT)")

    def handle(self, *args, backup, check, database, scratch_database, media, **options):
        try:
            if check:
                manifest, problems = check_backup(Path(backup), scratch_url=scratch_database)
            else:
                media_root = Path(media) if media else Path(settings.MEDIA_ROOT)
                manifest, problems = restore_backup(Path(backup), database_url=database, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            outcome = "the backup does not restore whole" if check else "the restored copy is not sound"
            self.stderr.write(f"{len(problems)} problem(s): {outcome}")
            raise SystemExit(1)
        head = manifest["audit_head"]
        chain = (
            f"verified up to event {head['chain_head']['seq']}" if head.get("chain_head") else "empty (no events)"
        )
        self.stdout.write(
            f"{'backup checked' if check else 'restored'}: {len(manifest['files'])} files match their checksums, "
            f"{len(manifest['referenced_files'])} stored files present, "
            f"identity key ids configured: {', '.join(manifest['identity_key_ids']) or '(none)'}, "
            f"audit log whole up to #{head['last_id']} ({head['count']} events), hash chain {chain}"
        )
        if not check:
            self.stdout.write(
                "next: `xuncha migrate` if this release is newer than the backup, then `xuncha tally --check`"
            )
