"""End to end: the production server (gunicorn, WhiteNoise, every middleware) over a SQLite file,
loaded by the client process for about a second a path. Takes ~15 s; deselect with
`-k "not smoke"`."""

import socket
import subprocess
import sys

import pytest
from django.conf import settings

from benchmarks import http

PASSWORD = "Bench-Pass-2024!"

# The schema straight from the models, as pytest-django's --nomigrations does: `xuncha migrate`
# takes ~18 s here (rendering 64 migrations' states), which would be most of the test's time.
# The only data migration (audit's append-only trigger) changes nothing a page reads.
SETUP = f"""
import django
django.setup()
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
settings.MIGRATION_MODULES = {{config.label: None for config in apps.get_app_configs()}}
call_command("migrate", run_syncdb=True, verbosity=0)

from xuncha.accounts.domain import create_user
from xuncha.orgs.domain import create_organisation
root = create_organisation(
    by=None, parent=None, code="BENCH", name="基准市委", level="city", kind="party_committee"
)
create_user(by=None, username="bencher", password={PASSWORD!r}, organisation=root)
"""


@pytest.fixture
def database_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    env = {
        **http._base_env(),
        "XUNCHA_ENV": "development",
        "XUNCHA_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": url,
        "XUNCHA_IDENTITY_KEYS": settings.XUNCHA_IDENTITY_KEYS,  # as the server will have them
    }
    result = subprocess.run([sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return url


def test_http_benchmark_smoke(database_url, monkeypatch):
    ports = []
    free_port = http._free_port
    monkeypatch.setattr(http, "_free_port", lambda: ports.append(free_port()) or ports[-1])

    hello, home, rows = http.run_http_benchmark(
        database_url=database_url,
        username="bencher",
        password=PASSWORD,
        paths={"home": "/", "rows": "/bench/rows"},
        duration_s=1,
        concurrency=2,
        warmup_s=0.3,
    )

    assert [hello["name"], home["name"]] == ["http_hello", "http_home"]
    assert hello["path"] == "/bench/hello" and home["path"] == "/"
    assert rows["path"] == "/bench/rows"
    for row in (hello, home, rows):
        assert row["requests"] > 0 and row["errors"] == 0, row.get("error_samples")
        assert row["rps"] > 0 and row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
        assert row["backend"] == "sqlite" and row["concurrency"] == 2
        assert 0 <= row["client_cpu_share"] <= 1
    assert home["baseline_rps"] == hello["rps"]
    assert home["ratio"] == pytest.approx(home["rps"] / hello["rps"], abs=0.001)
    # the server is gone: nothing listens on its port any more
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", ports[0]), timeout=2):
        pass
