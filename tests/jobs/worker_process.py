"""A real `db_worker` process on the test database, for the tests that kill it or cut it off.

PostgreSQL only: the SQLite test database is in the test process's memory, where no other
process can reach it. The worker runs outside the test settings (XUNCHA_ENV=development, so
that its task backend is the database one) with a short lease."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2


def database_url(port: int | None = None) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{port or db['PORT'] or 5432}/{db['NAME']}"


def start_worker(tmp_path: Path, *, port: int | None = None) -> subprocess.Popen:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "XUNCHA_ENV": "development",
        "XUNCHA_DEBUG": "0",
        "XUNCHA_VAR_DIR": str(tmp_path / "var"),
        "XUNCHA_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "XUNCHA_IDENTITY_KEYS": settings.XUNCHA_IDENTITY_KEYS,
        "XUNCHA_TASK_LEASE_SECONDS": str(LEASE_SECONDS),
        "DATABASE_URL": database_url(port),
    }
    log = (tmp_path / "worker.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "-v", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def worker_log(tmp_path: Path) -> str:
    return (tmp_path / "worker.log").read_text(errors="replace")


def wait_for(condition, process: subprocess.Popen, tmp_path: Path, *, timeout: float = 90) -> None:
    """Poll until `condition()` holds; fail with the worker's output if it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the worker exited ({process.returncode}):\n{worker_log(tmp_path)}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting after {timeout:.0f} s; worker output:\n{worker_log(tmp_path)}")
        time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)
