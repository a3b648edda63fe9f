import os
import subprocess
import sys

PRODUCTION_ENV = {
    "XUNCHA_ENV": "production",
    "SECRET_KEY": "a" * 20 + "-long-random-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "xuncha.example.gov.cn",
    "DATABASE_URL": "sqlite:////tmp/xuncha-deploy-check.sqlite3",
    "XUNCHA_IDENTITY_KEYS": "prod1:" + "5a" * 16,
    "XUNCHA_AUDIT_KEY": "a5" * 32,
}


def _xuncha(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XUNCHA_", "DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    return subprocess.run(
        [sys.executable, "-m", "xuncha.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production():
    result = _xuncha("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_fails_loudly():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _xuncha("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_bad_setting_value_fails_loudly():
    result = _xuncha("check", env={"XUNCHA_SESSION_IDLE_MINUTES": "half an hour"})
    assert result.returncode != 0 and "XUNCHA_SESSION_IDLE_MINUTES must be a whole number" in result.stderr


def test_bad_trusted_proxy_fails_loudly():
    result = _xuncha("check", env={"XUNCHA_TRUSTED_PROXIES": "10.0.0.5, nginx"})
    assert result.returncode != 0 and "XUNCHA_TRUSTED_PROXIES must list IP addresses" in result.stderr


def test_cli_lists_the_product_commands():
    result = _xuncha("help", env={})
    assert result.returncode == 0
    for command in ("serve", "demo", "i18n"):
        assert command in result.stdout


def test_collectstatic_works_in_production(tmp_path):
    """Hashed, compressed copies of every vendored and own file, although vendored CSS names
    source maps its package does not ship."""
    env = {**PRODUCTION_ENV, "XUNCHA_STATIC_ROOT": str(tmp_path / "static")}
    result = _xuncha("collectstatic", "--noinput", "-v0", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/htmx/htmx.min.js" in manifest and "vendor/echarts/echarts.min.js" in manifest
    assert list((tmp_path / "static" / "vendor" / "htmx").glob("htmx.min.*.js.gz"))


def test_production_without_audit_key_fails_its_check():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "XUNCHA_AUDIT_KEY"}
    result = _xuncha("check", env=env)
    assert result.returncode != 0
    assert "xuncha.E003" in result.stderr and "XUNCHA_AUDIT_KEY is not set" in result.stderr
