"""Dumping and restoring the database itself, per vendor.

- SQLite: the sqlite3 online-backup API copies the live file in one step (a consistent
  snapshot, writers wait for it); restoring is copying that file into place.
- PostgreSQL: `pg_dump -Fc` (the custom format `pg_restore` reads). The dump runs on a
  snapshot exported by our own REPEATABLE READ transaction, so the manifest's facts (files,
  key ids, audit head) are read from exactly the data the dump holds. `pg_dump`/`pg_restore`
  must be on PATH: on Debian and Ubuntu they come with the `postgresql-client` package, of
  the server's major version or newer.
"""

import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connections, transaction
from django.db.utils import load_backend

SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why and what to do."""


def vendor_of(config: dict) -> str:
    engine = config["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"backups support SQLite and PostgreSQL, not {engine}")


@contextmanager
def alias_for(config: dict, alias: str | None = None) -> Iterator[str]:
    """A temporary connection alias for `config` (a DATABASES entry), in this thread only,
    closed and removed after. It is not added to settings.DATABASES, so nothing else (the
    router, the test runner, migrations) ever sees it."""
    alias = alias or f"xuncha_backup_{uuid.uuid4().hex[:8]}"
    settings_dict = connections.configure_settings({"default": dict(config)})["default"]
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    connections[alias] = wrapper
    try:
        yield alias
    finally:
        wrapper.close()
        del connections[alias]


def dump(dest_dir: Path, read_inventory: Callable[[str], dict]) -> tuple[str, dict, dict]:
    """Dump the default database into `dest_dir`; return (file name, inventory read from the
    same snapshot, facts about the database)."""
    config = connections["default"].settings_dict
    if vendor_of(config) == "sqlite":
        return _dump_sqlite(dest_dir, read_inventory)
    return _dump_postgresql(dest_dir, config, read_inventory)


def _dump_sqlite(dest_dir: Path, read_inventory) -> tuple[str, dict, dict]:
    target = dest_dir / SQLITE_FILE
    connection = connections["default"]
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    with alias_for({"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)}) as alias:
        facts = read_inventory(alias)
    return SQLITE_FILE, facts, {"vendor": "sqlite", "format": "sqlite3", "version": sqlite3.sqlite_version}


def _dump_postgresql(dest_dir: Path, config: dict, read_inventory) -> tuple[str, dict, dict]:
    pg_dump = _tool("pg_dump")
    target = dest_dir / PG_FILE
    connection = connections["default"]
    with transaction.atomic(using="default"):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
        _run([pg_dump, "-Fc", f"--snapshot={snapshot}", "-f", str(target), *_pg_target(config)], config)
        facts = read_inventory("default")
    return PG_FILE, facts, {"vendor": "postgresql", "format": "pg_dump-custom", "version": server_version}


def restore(archive_dir: Path, database: dict, target: dict) -> None:
    """Restore the dump described by `database` (the manifest's entry) into the empty or
    missing database `target` (a DATABASES entry)."""
    if database["vendor"] != vendor_of(target):
        raise BackupError(f"this backup holds a {database['vendor']} database; restore it into the same kind")
    source = archive_dir / database["file"]
    if database["vendor"] == "sqlite":
        path = Path(target["NAME"])
        if path.exists() and path.stat().st_size > 0:
            raise BackupError(f"{path} already exists: restore into a new database file")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        return
    create_empty_postgresql(target)
    _run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            *_pg_target(target, "--dbname"),
            str(source),
        ],
        target,
    )


def create_empty_postgresql(target: dict) -> None:
    """Create the database if it does not exist; refuse one that already holds tables."""
    import psycopg
    from psycopg import sql

    name = target["NAME"]
    with psycopg.connect(**_pg_params(target, dbname="postgres"), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return
    with psycopg.connect(**_pg_params(target), autocommit=True) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables"
            " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()[0]
    if tables:
        raise BackupError(f"database {name} already holds {tables} tables: restore into a new, empty database")


def drop_postgresql(target: dict) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(**_pg_params(target, dbname="postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target["NAME"])))


def _pg_params(config: dict, dbname: str | None = None) -> dict:
    params = {"dbname": dbname or config["NAME"]}
    for key, param in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if config.get(key):
            params[param] = str(config[key])
    return params


def _pg_target(config: dict, dbname_flag: str = "") -> list[str]:
    args = []
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    args += [f"{dbname_flag}={config['NAME']}" if dbname_flag else config["NAME"]]
    return args


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not on PATH: install the PostgreSQL client tools (Debian/Ubuntu: "
            "apt-get install postgresql-client, of the server's major version or newer)"
        )
    return path


def _run(args: list[str], config: dict) -> None:
    env = {**os.environ, **({"PGPASSWORD": str(config["PASSWORD"])} if config.get("PASSWORD") else {})}
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")
