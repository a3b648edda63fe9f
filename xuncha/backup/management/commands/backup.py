"""`xuncha backup DEST`: the database, the uploaded files and a manifest, in one directory or
tar archive (see xuncha/backup/archive.py and docs/deploy.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xuncha.backup.archive import make_backup
from xuncha.backup.database import BackupError


class Command(BaseCommand):
    help = "Back up the database, the uploaded files and a manifest to DEST (a new directory, or .tar / .tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("dest", help="where to write the backup; must not exist yet")

    def handle(self, *args, dest, **options):
        try:
            manifest = make_backup(Path(dest))
        except BackupError as error:
            raise CommandError(str(error)) from None
        head = manifest["audit_head"]
        self.stdout.write(
            f"backup written to {dest}: {manifest['database']['vendor']} database, "
            f"{len(manifest['files']) - 1} media files ({len(manifest['referenced_files'])} named by records), "
            f"identity key ids {', '.join(manifest['identity_key_ids']) or '(none)'}, "
            f"audit log {head['count']} events up to #{head['last_id']}"
        )
        if manifest["missing_at_backup"]:
            for name in manifest["missing_at_backup"]:
                self.stderr.write(f"missing from MEDIA_ROOT, named by a record: {name}")
            raise SystemExit(1)
