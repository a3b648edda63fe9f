"""A database outage: every page answers a 503 in Chinese that reads nothing from the
database, /healthz says so, and a command started without a database says it in one line.

The outage is real for the code under test: the connection is pointed at a database that
cannot be opened (SQLite: a file in a missing directory; PostgreSQL: a closed port) and has to
connect again."""

import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.web.outage import server_error

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once closed: nothing listens there


@contextmanager
def cut_off_database():
    """The default connection, cut off until the block ends, then given back as it was (with the
    test's transaction still open on it)."""
    conn = connections[DEFAULT_DB_ALIAS]
    state = dict(vars(conn))
    settings_dict = dict(conn.settings_dict)
    if conn.vendor == "sqlite":
        conn.settings_dict["NAME"] = "/nonexistent-xuncha-dir/xuncha.sqlite3"
    else:
        conn.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    conn.connection = None
    try:
        yield
    finally:
        conn.settings_dict.clear()
        conn.settings_dict.update(settings_dict)
        vars(conn).clear()
        vars(conn).update(state)


@pytest.fixture
def production_errors(settings):
    settings.DEBUG = False  # the error handlers answer (in DEBUG Django shows its own page)


def test_healthz_checks_the_database(client):
    with cut_off_database():
        response = client.get("/healthz")
    assert response.status_code == 503 and response.content == b"database unreachable"


def test_healthz_is_ok_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


@pytest.mark.parametrize("path", ["/", "/login/", "/ledger/"])
def test_pages_answer_a_chinese_503_while_the_database_is_down(tree, production_errors, path):
    client = Client(raise_request_exception=False)
    client.force_login(user_with_role(Role.OFFICE, tree.city))  # a session to load, a user, a menu
    with cut_off_database():
        response = client.get(path)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "系统暂时无法使用" in page and "Server Error" not in page
    assert 'lang="zh-hans"' in page


def test_other_errors_keep_the_500(rf):
    try:
        raise ValueError("not a database error")
    except ValueError:
        response = server_error(rf.get("/"))  # as Django calls it, inside the failed request's except
    assert response.status_code == 500 and "Retry-After" not in response


def test_a_command_without_its_database_says_so_in_one_line(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "XUNCHA_ENV": "development",
        "XUNCHA_VAR_DIR": str(tmp_path),
        "XUNCHA_IDENTITY_KEYS": "t1:000102030405060708090a0b0c0d0e0f",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{_closed_port()}/xuncha",
    }
    run = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1 and run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert lines[0].startswith("xuncha") and "无法连接数据库" in lines[0] and "127.0.0.1:" in lines[0]
