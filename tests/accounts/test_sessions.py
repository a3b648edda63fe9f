"""Sessions are read from a cache every worker process of the host shares and written to the
database too (settings: XUNCHA_SESSION_CACHE, Django's cached_db backend)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache

from tests.factories import user_with_role
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_a_request_reads_its_session_without_a_query(tree, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]


def test_a_session_ended_in_one_worker_is_ended_in_every_worker(tmp_path):
    """Two worker processes are two cache objects over the host's one directory: a logout in one
    (flush) ends the session in the other, which read it before."""
    from django.contrib.sessions.backends.cached_db import SessionStore

    def worker():
        return FileBasedCache(str(tmp_path), {})

    def store(cache, key=None):
        session = SessionStore(key)
        session._cache = cache
        return session

    first, second = worker(), worker()
    session = store(first)
    session["_auth_user_id"] = "7"
    session.create()
    key = session.session_key
    assert store(second, key).load()["_auth_user_id"] == "7"  # the other worker reads it
    session.flush()  # logout in the first worker
    assert store(second, key).load() == {}


def _settings_in(env: dict) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'engine': settings.SESSION_ENGINE, 'caches': settings.CACHES}))"
    )
    environ = {
        key: value for key, value in os.environ.items() if key not in ("XUNCHA_ENV", "XUNCHA_SESSION_CACHE")
    }
    environ.update(env, DJANGO_SETTINGS_MODULE="xuncha.settings")
    out = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_outside_the_tests_the_session_cache_is_a_directory_on_disk_or_none(tmp_path):
    shared = _settings_in({"XUNCHA_ENV": "development", "XUNCHA_SESSION_CACHE": str(tmp_path / "sessions")})
    assert shared["engine"] == "django.contrib.sessions.backends.cached_db"
    assert shared["caches"]["sessions"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert shared["caches"]["sessions"]["LOCATION"] == str(tmp_path / "sessions")
    alone = _settings_in({"XUNCHA_ENV": "development", "XUNCHA_SESSION_CACHE": ""})
    assert alone["engine"] == "django.contrib.sessions.backends.db" and "sessions" not in alone["caches"]
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"  # the test run's own
