"""The public site's shared counters: requests per address and per page in the current window,
and the CAPTCHA challenges already spent. One small SQLite file on the public host, shared by
its worker processes; each count is one atomic UPSERT (no read-modify-write race, no cull that
forgets a busy counter, no directory listing per write as Django's file cache does).

It holds keyed hashes of addresses (abuse.address_key), never an address, and rows expire with
their window; `prune` drops the expired ones now and then. It is not the application's
database: the public role needs no write access there for any of this."""

import sqlite3
import threading
import time
from pathlib import Path

from django.conf import settings

_local = threading.local()
PRUNE_EVERY = 5000  # hits between two prunes of expired rows, per process

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, expires REAL NOT NULL, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS spent (key TEXT PRIMARY KEY, expires REAL NOT NULL);
"""


def _path() -> str:
    return str(settings.XUNCHA_PUBLIC_COUNTERS)


def _connection() -> sqlite3.Connection:
    path = _path()
    cached = getattr(_local, "connection", None)
    if cached is not None and _local.path == path:
        return cached
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")  # counters: losing the last ones in a crash is fine
    connection.executescript(_SCHEMA)
    _local.connection, _local.path, _local.hits = connection, path, 0
    return connection


def hit(key: str, seconds: int) -> int:
    """Count one hit on `key` in its current window of `seconds` (a window starts at the first
    hit after the last one expired); returns the count so far in the window."""
    now = time.time()
    connection = _connection()
    (count,) = connection.execute(
        "INSERT INTO counter (key, expires, n) VALUES (?, ?, 1) "
        "ON CONFLICT (key) DO UPDATE SET "
        "n = CASE WHEN counter.expires <= ? THEN 1 ELSE counter.n + 1 END, "
        "expires = CASE WHEN counter.expires <= ? THEN excluded.expires ELSE counter.expires END "
        "RETURNING n",
        (key, now + seconds, now, now),
    ).fetchone()
    _local.hits += 1
    if _local.hits % PRUNE_EVERY == 0:
        prune()
    return count


def spend(key: str, seconds: int) -> bool:
    """Mark `key` spent for `seconds`; True the first time, False if it was spent already."""
    now = time.time()
    connection = _connection()
    connection.execute("DELETE FROM spent WHERE key = ? AND expires <= ?", (key, now))
    cursor = connection.execute("INSERT OR IGNORE INTO spent (key, expires) VALUES (?, ?)", (key, now + seconds))
    return cursor.rowcount == 1


def prune() -> None:
    now = time.time()
    connection = _connection()
    connection.execute("DELETE FROM counter WHERE expires <= ?", (now,))
    connection.execute("DELETE FROM spent WHERE expires <= ?", (now,))


def clear() -> None:
    """Forget every count (tests)."""
    connection = _connection()
    connection.execute("DELETE FROM counter")
    connection.execute("DELETE FROM spent")
