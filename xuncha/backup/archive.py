"""A backup: one directory (or a .tar / .tar.gz of it) holding

    manifest.json          what the backup is and holds (below)
    database.sqlite3       the database (SQLite), or database.pgdump (PostgreSQL, pg_dump -Fc)
    media/...              the uploaded files, under their MEDIA_ROOT-relative names

The manifest records the sha256 and size of every other file in the backup, the stored files
the database's records name, every identity key id its sealed identities use (ids only, never
keys: keys are backed up separately, docs/confidentiality.md), the audit log's head, the
applied migrations, versions and times.

Order: the database is dumped first and the manifest's facts are read from the dump's own
snapshot; the media are copied after. A file uploaded during the backup may then be in the
backup without a record naming it (harmless); a file a record names is always there, because
stored files are never overwritten or deleted in place.
"""

import hashlib
import json
import os
import platform
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import dj_database_url
import django
from django.conf import settings
from django.db import DatabaseError
from django.db.migrations.loader import MigrationLoader

from xuncha.backup import database
from xuncha.backup.database import BackupError
from xuncha.backup.inventory import inventory, verify_audit_log
from xuncha.confidential.vault import key_ring

MANIFEST = "manifest.json"
MEDIA_DIR = "media"
FORMAT = "xuncha-backup"
FORMAT_VERSION = 1


def make_backup(dest: Path) -> dict:
    """Write a backup of the default database and MEDIA_ROOT to `dest` (a new directory, or a
    file ending in .tar or .tar.gz), readable by its owner only; return its manifest."""
    dest = Path(dest)
    if dest.exists():
        raise BackupError(f"{dest} already exists: give a new name")
    dest.parent.mkdir(parents=True, exist_ok=True)
    previous_umask = os.umask(0o077)  # case content is in clear in the dump: owner only
    try:
        return _write_backup(dest)
    finally:
        os.umask(previous_umask)


def _write_backup(dest: Path) -> dict:
    as_tar = dest.name.endswith((".tar", ".tar.gz", ".tgz"))
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".xuncha-backup-") as tmp:
        work = Path(tmp) / "backup"
        work.mkdir(mode=0o700)
        started = _now()
        db_file, facts, db_facts = database.dump(work, inventory)
        media = work / MEDIA_DIR
        _copy_media(Path(settings.MEDIA_ROOT), media)
        missing = [name for name in facts["referenced_files"] if not (media / name).is_file()]
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "started_at": started,
            "finished_at": _now(),
            "versions": {
                "xuncha": _version("xuncha"),
                "django": django.get_version(),
                "python": platform.python_version(),
                "database": db_facts["version"],
            },
            "database": {"vendor": db_facts["vendor"], "format": db_facts["format"], "file": db_file},
            **facts,
            "missing_at_backup": missing,
            "files": {name: _describe(work / name) for name in _files_under(work)},
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        if as_tar:
            mode = "w:gz" if dest.name.endswith(("gz", "tgz")) else "w"
            partial = dest.with_name(dest.name + ".partial")
            with tarfile.open(partial, mode) as tar:
                tar.add(work, arcname=".")
            partial.rename(dest)
        else:
            work.rename(dest)
    return manifest


def _copy_media(source: Path, target: Path) -> None:
    target.mkdir()
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True, symlinks=False)


@contextmanager
def opened(path: Path) -> Iterator[Path]:
    """The backup at `path` as a directory (a tar archive is unpacked to a temporary one)."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    if not path.is_file():
        raise BackupError(f"{path} is neither a backup directory nor a backup archive")
    with tempfile.TemporaryDirectory(prefix=".xuncha-restore-") as tmp:
        try:
            with tarfile.open(path) as tar:
                tar.extractall(tmp, filter="data")
        except tarfile.TarError as error:
            raise BackupError(f"{path} is not a readable tar archive: {error}") from None
        yield Path(tmp)


def read_manifest(root: Path) -> dict:
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"no {MANIFEST} in the backup: it is not a xuncha backup or is incomplete") from None
    except ValueError as error:
        raise BackupError(f"{MANIFEST} is not valid JSON: {error}") from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{MANIFEST} is not a {FORMAT} version {FORMAT_VERSION} manifest")
    return manifest


def verify_files(root: Path, manifest: dict) -> list[str]:
    """Every file the manifest lists is there with its checksum, and no other file is."""
    problems = []
    listed = manifest["files"]
    for name, expected in sorted(listed.items()):
        path = root / name
        if not path.is_file():
            problems.append(f"missing from the backup: {name}")
        elif _describe(path) != expected:
            problems.append(f"checksum mismatch (damaged or altered): {name}")
    problems += [
        f"not in the manifest: {name}" for name in _files_under(root) if name not in listed and name != MANIFEST
    ]
    return problems


def verify_contents(alias: str, media: Path, manifest: dict) -> list[str]:
    """Check the restored database (`alias`) and media directory against the manifest and
    this server's configuration: the code knows every applied migration, every file a record
    names is present, every identity key id in use is configured, and the audit log is whole."""
    problems = []
    try:
        facts = inventory(alias)
    except DatabaseError as error:
        return [f"the restored database cannot be read by this version ({error}); run `xuncha migrate` on it first?"]
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    if unknown := [m for m in facts["migrations"] if m not in known]:
        problems.append(f"the backup is from a newer version: migrations unknown here: {', '.join(unknown[:5])}")
    for name in sorted(set(facts["referenced_files"]) | set(manifest["referenced_files"])):
        if not (media / name).is_file():
            problems.append(f"stored file named by a record is missing: {name}")
    configured = key_ring().keys
    used = sorted(set(facts["identity_key_ids"]) | set(manifest["identity_key_ids"]))
    if missing := [key_id for key_id in used if key_id not in configured]:
        problems.append(_missing_keys(missing))
    problems += verify_audit_log(alias, manifest["audit_head"])
    return problems


def check_backup(path: Path, *, scratch_url: str | None = None) -> tuple[dict, list[str]]:
    """Verify a backup without touching the live database: checksums first, then the dump is
    restored into a scratch database (a temporary SQLite file, or a temporary PostgreSQL
    database on the server of `scratch_url` or of the configured database, dropped after)
    and checked with `verify_contents`. Returns (manifest, problems)."""
    with opened(path) as root:
        manifest = read_manifest(root)
        problems = verify_files(root, manifest)
        if any(p.endswith(manifest["database"]["file"]) for p in problems):
            return manifest, problems  # a damaged dump is not worth restoring
        with _scratch(manifest["database"]["vendor"], scratch_url) as target:
            database.restore(root, manifest["database"], target)
            with database.alias_for(target) as alias:
                problems += verify_contents(alias, root / MEDIA_DIR, manifest)
    return manifest, problems


def restore_backup(path: Path, *, database_url: str | None, media_root: Path) -> tuple[dict, list[str]]:
    """Restore a backup into a new database and a media directory, then check the result.

    Nothing is written when the backup's files do not match their checksums, when a key id
    or a stored file the manifest names is missing, when the database already holds tables,
    or when a media file would overwrite a different one."""
    target = _target(database_url)
    media_root = Path(media_root)
    with opened(path) as root:
        manifest = read_manifest(root)
        if problems := verify_files(root, manifest) + precheck(root, manifest):
            return manifest, problems
        _refuse_media_conflicts(root / MEDIA_DIR, media_root)
        database.restore(root, manifest["database"], target)
        _copy_media_into(root / MEDIA_DIR, media_root)
        with database.alias_for(target) as alias:
            return manifest, verify_contents(alias, media_root, manifest)


def precheck(root: Path, manifest: dict) -> list[str]:
    """What the manifest alone can prove before anything is restored: the stored files it
    names are in the backup and the identity key ids it names are configured here."""
    problems = [
        f"stored file named by a record is missing: {name}"
        for name in manifest["referenced_files"]
        if not (root / MEDIA_DIR / name).is_file()
    ]
    configured = key_ring().keys
    if missing := [key_id for key_id in manifest["identity_key_ids"] if key_id not in configured]:
        problems.append(_missing_keys(missing))
    return problems


def _refuse_media_conflicts(source: Path, target: Path) -> None:
    for name in _files_under(source):
        dst = target / name
        if dst.exists() and _describe(dst) != _describe(source / name):
            raise BackupError(f"{dst} exists with other content: restore into a new media directory")


def _copy_media_into(source: Path, target: Path) -> None:
    for name in _files_under(source):
        dst = target / name
        if not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, dst)


def _missing_keys(missing: list[str]) -> str:
    return (
        f"identity key(s) used by stored identities are not in XUNCHA_IDENTITY_KEYS: {', '.join(missing)} "
        "(add them from the key escrow; without them those identities can be neither revealed nor redacted)"
    )


def _target(database_url: str | None) -> dict:
    if database_url:
        return dj_database_url.parse(database_url)
    from django.db import connections

    return dict(connections["default"].settings_dict)


@contextmanager
def _scratch(vendor: str, scratch_url: str | None) -> Iterator[dict]:
    if vendor == "sqlite":
        with tempfile.TemporaryDirectory(prefix=".xuncha-check-") as tmp:
            yield {"ENGINE": "django.db.backends.sqlite3", "NAME": str(Path(tmp) / "check.sqlite3")}
        return
    server = _target(scratch_url)
    if database.vendor_of(server) != "postgresql":
        raise BackupError("checking a PostgreSQL backup needs a PostgreSQL server: give --scratch-database URL")
    import uuid

    target = {**server, "NAME": f"xuncha_restore_check_{uuid.uuid4().hex[:10]}"}
    try:
        yield target
    finally:
        database.drop_postgresql(target)


def _files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _describe(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"
