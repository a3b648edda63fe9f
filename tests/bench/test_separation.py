"""The benchmarks live beside the product, not in it: nothing under xuncha/ imports them, a wheel
leaves them out, and production settings neither install the app nor mount /bench/ (nor import
the package) even when the directory is right there, unless XUNCHA_BENCH turns it on."""

import ast
import fnmatch
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

CHECKOUT = Path(__file__).resolve().parents[2]
PRODUCT = CHECKOUT / "xuncha"

# The only places the product names the benchmark package: the conditional app and its URLs.
ALLOWED_NAMES = {"settings.py": {"benchmarks"}, "urls.py": {"benchmarks.urls"}}


def _is_benchmarks(name: str) -> bool:
    return name == "benchmarks" or name.startswith("benchmarks.")


def _product_modules():
    for path in sorted(PRODUCT.rglob("*.py")):
        yield path.relative_to(PRODUCT).as_posix(), ast.parse(path.read_text(), filename=str(path))


def test_the_product_package_imports_nothing_from_benchmarks():
    imports, names = [], {}
    for relative, tree in _product_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imports += [(relative, a.name) for a in node.names if _is_benchmarks(a.name)]
            elif isinstance(node, ast.ImportFrom) and node.module and _is_benchmarks(node.module):
                imports.append((relative, node.module))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_benchmarks(node.value):
                names.setdefault(relative, set()).add(node.value)
    assert imports == []
    assert names == ALLOWED_NAMES


def test_the_product_package_holds_no_benchmark_code():
    modules = {relative for relative, _ in _product_modules()}
    assert not any(part.startswith(("bench", "benchmark")) for m in modules for part in m.split("/")), modules
    needles = {".py": ("xuncha.bench",), ".html": ('"bench/', "'bench/")}  # the old app, its templates
    mentions = [
        (path.name, needle)
        for path in sorted(PRODUCT.rglob("*"))
        for needle in needles.get(path.suffix, ())
        if needle in path.read_text()
    ]
    assert mentions == []


def test_a_wheel_leaves_the_benchmarks_out():
    """setuptools' package discovery matches dotted package names against these patterns."""
    include = tomllib.loads((CHECKOUT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    patterns = include["include"]

    def packaged(name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)

    assert packaged("xuncha") and packaged("xuncha.web")  # the positive control
    assert not packaged("benchmarks") and not packaged("benchmarks.management.commands")


PROBE = """
import json, sys
import django
django.setup()
from django.apps import apps
from django.conf import settings
from django.core.management import get_commands
from django.urls import Resolver404, resolve

def resolves(path):
    try:
        return resolve(path).url_name
    except Resolver404:
        return None

print(json.dumps({
    "bench": settings.XUNCHA_BENCH,
    "apps": settings.INSTALLED_APPS,
    "labels": sorted(c.label for c in apps.get_app_configs()),
    "urls": [resolves(p) for p in ("/bench/hello", "/bench/layout", "/bench/rows")],
    "commands": sorted(c for c in get_commands() if c.startswith("bench")),
    "modules": sorted(m for m in sys.modules if m == "benchmarks" or m.startswith("benchmarks.")),
}))
"""


def _env(tmp_path, **overrides) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XUNCHA_") and k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="xuncha.settings",
        PYTHONPATH=str(CHECKOUT),  # the checkout first, benchmarks/ included: it must still stay out
        XUNCHA_VAR_DIR=str(tmp_path / "var"),
        XUNCHA_IDENTITY_KEYS=settings.XUNCHA_IDENTITY_KEYS,
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    )
    if overrides.get("XUNCHA_ENV") == "production":
        env.update(SECRET_KEY="probe-" + "x" * 50, ALLOWED_HOSTS="127.0.0.1")
    env.update(overrides)
    return env


def _probe(tmp_path, **overrides) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=CHECKOUT,
        env=_env(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("environment", ["production", "development"])
def test_without_xuncha_bench_there_is_no_bench_app_url_command_or_import(tmp_path, environment):
    probe = _probe(tmp_path, XUNCHA_ENV=environment)
    assert probe["bench"] is False
    assert "xuncha.web" in probe["apps"] and "web" in probe["labels"]  # the probe sees the apps
    assert not [app for app in probe["apps"] if app.split(".")[-1].startswith("bench")]
    assert "bench" not in probe["labels"]
    assert probe["urls"] == [None, None, None]
    assert probe["commands"] == []
    assert probe["modules"] == []


def test_xuncha_bench_installs_the_app_and_mounts_its_pages_even_in_production(tmp_path):
    """The positive control of the test above, and what the HTTP benchmark's server relies on."""
    probe = _probe(tmp_path, XUNCHA_ENV="production", XUNCHA_BENCH="1")
    assert "benchmarks" in probe["apps"] and "bench" in probe["labels"]
    assert probe["urls"] == ["bench_hello", "bench_layout", "bench_rows"]
    assert probe["commands"] == ["bench", "bench_board", "bench_ledger", "bench_reports"]


def test_the_test_run_has_the_bench_app():
    assert settings.XUNCHA_BENCH and "benchmarks" in settings.INSTALLED_APPS


def _elsewhere(tmp_path) -> Path:
    """A directory where xuncha/ (this checkout's) is importable and benchmarks/ is not, as in
    an installed copy."""
    place = tmp_path / "installed"
    place.mkdir()
    (place / "xuncha").symlink_to(PRODUCT, target_is_directory=True)
    return place


def test_xuncha_bench_without_the_package_is_a_start_up_error(tmp_path):
    place = _elsewhere(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=place,
        env=_env(tmp_path, XUNCHA_ENV="development", XUNCHA_BENCH="1", PYTHONPATH=str(place)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "XUNCHA_BENCH is on but the benchmarks package is not importable" in result.stderr


def _xuncha(tmp_path, *args, **overrides) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xuncha.cli", *args],
        cwd=CHECKOUT,
        env=_env(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["bench", "bench_ledger"])
def test_a_benchmark_command_without_the_app_says_how_to_get_it(tmp_path, command):
    result = _xuncha(tmp_path, command, "--help", XUNCHA_ENV="development")
    assert result.returncode == 2
    assert f"xuncha {command}" in result.stderr and "XUNCHA_BENCH=1" in result.stderr
    assert "Unknown command" not in result.stderr and result.stdout == ""


def test_the_benchmark_command_runs_with_the_app(tmp_path):
    result = _xuncha(tmp_path, "bench", "run", "--help", XUNCHA_ENV="development", XUNCHA_BENCH="1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "--http-duration" in result.stdout
