"""`benchmarks.public`: the public channel (码上巡) under load, beside the staff site.

Two questions, each answered by processes as in production (gunicorn, production settings, the
public site under xuncha.settings_public; on PostgreSQL it connects as the role
`xuncha public grants` makes, so that its figures include what the role allows and no more):

* public_submissions: reports per second the public site takes on one core. One gunicorn worker
  (2 threads) pinned to core 0 with taskset, the rate limits lifted and the CAPTCHA off
  (XUNCHA_PUBLIC_CAPTCHA=0, allowed in production only on the benchmark's server, XUNCHA_BENCH);
  the load client POSTs the report form with one CSRF token from 4 connections. Every answer
  must be 201 (a report kept, with its receipt and count). Beside it, the form page (GET).
* public_flood_staff_*: the p95 of staff pages (the workbench, an inspection, the petitions
  list) with 2 logged-in connections, alone and then while the public site is flooded: 32
  connections POSTing reports from ever new addresses (X-Forwarded-For, the loopback trusted as
  the proxy), with the production rate limits, so that nearly every answer is 429. Each row
  carries both p95s and `ratio` (flooded / alone). The public server and its flood share core 0,
  the staff server and its client core 1: two hosts that share only the database server, as in
  a deployment (docs/public-site.md). With one core nothing is pinned and the figure says so.

The page reports are sent to is made for the run (an open PublicPage of the largest inspection)
and removed afterwards with every row the run wrote.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from benchmarks.http import (
    DEFAULT_THREADS,
    Server,
    _backend,
    _base_env,
    _collectstatic,
    _free_port,
    _gunicorn_args,
    _tail,
    production_env,
)

PUBLIC_CORE, STAFF_CORE = "0", "1"
THROUGHPUT_CONNECTIONS = 4
FLOOD_CONNECTIONS = 32
STAFF_CONNECTIONS = 2
BENCH_ROLE = "xuncha_public_bench"
REPORT = {"content": "反映某街道社区书记违规发放补贴给亲属，时间是去年下半年。", "mode": "anonymous"}
UNLIMITED = str(10**9)


def _pinned() -> bool:
    return (os.cpu_count() or 1) >= 2 and os.path.exists("/usr/bin/taskset")


def open_page(inspection):
    """A 码上巡 page of `inspection` that takes reports today (made for the run)."""
    from django.utils import timezone

    from xuncha.public.models import PublicPage

    target = inspection.targets.select_related("organisation").first()
    today = timezone.localdate()
    return PublicPage.objects.create(
        token="bench-" + secrets.token_urlsafe(9),
        inspection=inspection,
        organisation=target.organisation,
        title=f"{inspection.title}（基准测试）",
        organisation_name=target.organisation.name,
        team_name=inspection.team_name or "巡察组",
        announcement="基准测试用的公告。",
        reports_open_on=today - timedelta(days=1),
        reports_close_on=today + timedelta(days=1),
    )


def remove_page(page, *, since) -> dict[str, int]:
    """The page, every row sent to it and the refusals counted without a page since `since`
    (the flood's, over the limit per address); the counts removed."""
    from xuncha.public.models import Addendum, Attachment, Receipt, Submission, Tally

    submissions = Submission.objects.filter(page=page)
    removed = {
        "attachments": Attachment.objects.filter(submission__in=submissions).delete()[0],
        "addenda": Addendum.objects.filter(receipt__page=page).delete()[0],
        "receipts": Receipt.objects.filter(page=page).delete()[0],
        "tallies": Tally.objects.filter(page=page).delete()[0]
        + Tally.objects.filter(page__isnull=True, at__gte=since).delete()[0],
        "submissions": submissions.delete()[0],
    }
    page.delete()
    return removed


def public_database_url(database_url: str) -> tuple[str, str | None]:
    """The URL the public server connects with, and the role made for it (None on SQLite). On
    PostgreSQL: `xuncha public grants` applied to a bench role with a fresh password."""
    if not database_url.startswith("postgres"):
        return database_url, None
    from django.db import connection

    from xuncha.public.roles import public_role_grants

    password = secrets.token_urlsafe(18)
    with connection.cursor() as cursor:
        for statement in public_role_grants(BENCH_ROLE):
            cursor.execute(statement)
        cursor.execute(f"ALTER ROLE {connection.ops.quote_name(BENCH_ROLE)} PASSWORD %s", [password])
    parts = urlsplit(database_url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{BENCH_ROLE}:{quote(password, safe='')}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), BENCH_ROLE


def drop_role(role: str | None) -> None:
    if role is None:
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {connection.ops.quote_name(role)}")
        cursor.execute(f"DROP ROLE {connection.ops.quote_name(role)}")


def _public_env(base: dict[str, str], public_url: str, var_dir: Path, *, limits: bool) -> dict[str, str]:
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "xuncha.settings_public",
        "XUNCHA_PUBLIC_DATABASE_URL": public_url,
        "XUNCHA_PUBLIC_CAPTCHA": "0",
        "XUNCHA_PUBLIC_COUNTERS": str(var_dir / f"public-counters-{secrets.token_hex(4)}.sqlite3"),
        "XUNCHA_TRUSTED_PROXIES": "127.0.0.1/32",  # the flood's X-Forwarded-For addresses count
    }
    if not limits:
        env |= {
            "XUNCHA_PUBLIC_RATE": UNLIMITED,
            "XUNCHA_PUBLIC_REPORTS_PER_HOUR": UNLIMITED,
            "XUNCHA_PUBLIC_PAGE_RATE": UNLIMITED,
        }
    return env


def _client(config: dict, *, cpus: str | None) -> subprocess.Popen:
    pinned = ["taskset", "-c", cpus] if cpus else []
    process = subprocess.Popen(
        [*pinned, sys.executable, "-m", "benchmarks.loadclient"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_base_env(),
        text=True,
    )
    process.stdin.write(json.dumps(config))
    process.stdin.close()
    return process


def _result(process: subprocess.Popen, timeout: float, *, server_log: Path | None = None) -> dict:
    """The load client's figures; on failure, its error with the end of `server_log` (the
    server's log goes with the run's temporary directory)."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    out, err = process.stdout.read(), process.stderr.read()
    lines = out.strip().splitlines()
    try:
        output = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        output = {}
    if process.returncode != 0 or "paths" not in output:
        log = f"\n--- server log, last lines ---\n{_tail(server_log)}" if server_log is not None else ""
        raise RuntimeError(f"the load client failed ({process.returncode}): {output.get('error') or err[-3000:]}{log}")
    return output


_FIGURES = (
    "path",
    "requests",
    "errors",
    "rps",
    "median_ms",
    "p95_ms",
    "p99_ms",
    "max_ms",
    "client_cpu_share",
    "server_cpu_share",
    "server_cpu_ms_per_request",
)


def _row(name: str, figures: dict, **extra) -> dict:
    row = {"name": name, **extra, **{key: figures[key] for key in _FIGURES if key in figures}}
    for key in ("statuses", "error_samples"):
        if figures.get(key):
            row[key] = figures[key]
    return row


def run_public_benchmark(
    *,
    database_url: str,
    inspection,
    username: str,
    password: str,
    second_factor_codes: list[str],
    staff_paths: dict[str, str],
    duration_s: float = 8.0,
    log=lambda message: None,
) -> list[dict]:
    """The figures above, as rows for `benchmarks.suite.emit_raw`."""
    from django.conf import settings

    if len(second_factor_codes) < 2 * STAFF_CONNECTIONS:
        raise ValueError(f"{2 * STAFF_CONNECTIONS} recovery codes needed (one per staff session)")
    pinned = _pinned()
    public_cpus, staff_cpus = (PUBLIC_CORE, STAFF_CORE) if pinned else (None, None)
    from django.utils import timezone

    backend = _backend(database_url)
    started = timezone.now()
    page = open_page(inspection)
    report_path = f"/m/{page.token}/report/"
    post = {"form": REPORT, "form_page": report_path}
    rows: list[dict] = []
    role = None
    try:
        public_url, role = public_database_url(database_url)
        with tempfile.TemporaryDirectory(prefix="xuncha-bench-public-") as tmp:
            var_dir = Path(tmp)
            base = production_env(
                database_url=database_url, identity_keys=settings.XUNCHA_IDENTITY_KEYS, var_dir=var_dir
            )
            _collectstatic(base)
            base["GUNICORN_CMD_ARGS"] = _gunicorn_args()
            common = {"backend": backend, "pinned": pinned, "duration_s": duration_s}

            # (a) submissions per second on one core
            env = _public_env(base, public_url, var_dir, limits=False)
            log(f"public_submissions: one worker on core {public_cpus}, {THROUGHPUT_CONNECTIONS} connections")
            with Server(
                env,
                port=_free_port(),
                workers=1,
                threads=DEFAULT_THREADS,
                log=var_dir / "public.log",
                health_path="/",
                cpus=public_cpus,
            ) as server:
                config = {
                    "host": "127.0.0.1",
                    "port": server.port,
                    "paths": [["form", report_path], ["submissions", report_path, {**post, "expect": [201]}]],
                    "duration_s": duration_s,
                    "warmup_s": 1.0,
                    "concurrency": THROUGHPUT_CONNECTIONS,
                    "server_pid": server.process.pid,
                }
                output = _result(_client(config, cpus=staff_cpus), timeout=120 + 6 * duration_s)
            one_core = {**common, "workers": 1, "threads": DEFAULT_THREADS, "concurrency": THROUGHPUT_CONNECTIONS}
            for figures in output["paths"]:
                rows.append(_row(f"public_{figures['key']}", figures, **one_core))

            # (b) the staff pages alone, then with the public site flooded
            staff_env = {**base}
            public_env = _public_env(base, public_url, var_dir, limits=True)
            staff_config = {
                "host": "127.0.0.1",
                "username": username,
                "password": password,
                "paths": [[key, path] for key, path in staff_paths.items()],
                "duration_s": duration_s,
                "warmup_s": 1.0,
                "concurrency": STAFF_CONNECTIONS,
            }
            with (
                Server(
                    staff_env,
                    port=_free_port(),
                    workers=1,
                    threads=DEFAULT_THREADS,
                    log=var_dir / "staff.log",
                    cpus=staff_cpus,
                ) as staff,
                Server(
                    public_env,
                    port=_free_port(),
                    workers=1,
                    threads=DEFAULT_THREADS,
                    log=var_dir / "public-flood.log",
                    health_path="/",
                    cpus=public_cpus,
                ) as public,
            ):
                staff_config |= {"port": staff.port, "server_pid": staff.process.pid}
                log(f"public_flood: staff pages alone ({', '.join(staff_paths)})")
                codes = list(second_factor_codes)
                alone = _result(
                    _client({**staff_config, "second_factor_codes": codes[:STAFF_CONNECTIONS]}, cpus=staff_cpus),
                    timeout=120 + 3 * len(staff_paths) * duration_s,
                    server_log=staff.log,
                )
                flood_s = len(staff_paths) * (duration_s + 1.0) + 20.0  # outlasts the staff client
                log(f"public_flood: {FLOOD_CONNECTIONS} connections flood the public site for {flood_s:.0f} s")
                flood = _client(
                    {
                        "host": "127.0.0.1",
                        "port": public.port,
                        "paths": [["flood", report_path, {**post, "expect": [201, 429], "spoof_addresses": True}]],
                        "duration_s": flood_s,
                        "warmup_s": 0,
                        "concurrency": FLOOD_CONNECTIONS,
                        "server_pid": public.process.pid,
                    },
                    cpus=public_cpus,
                )
                time.sleep(3.0)  # the flood under way before the staff pages are timed
                flooded = _result(
                    _client(
                        {**staff_config, "second_factor_codes": codes[STAFF_CONNECTIONS : 2 * STAFF_CONNECTIONS]},
                        cpus=staff_cpus,
                    ),
                    timeout=120 + 3 * len(staff_paths) * duration_s,
                    server_log=staff.log,
                )
                flood_output = _result(flood, timeout=flood_s + 120)
            staff_scale = {**common, "workers": 1, "threads": DEFAULT_THREADS, "concurrency": STAFF_CONNECTIONS}
            for quiet, loud in zip(alone["paths"], flooded["paths"], strict=True):
                row = _row(f"public_flood_staff_{quiet['key']}", loud, **staff_scale)
                row |= {
                    "alone_p95_ms": quiet.get("p95_ms"),
                    "alone_median_ms": quiet.get("median_ms"),
                    "alone_rps": quiet.get("rps"),
                    "ratio": round(loud["p95_ms"] / quiet["p95_ms"], 2) if quiet.get("p95_ms") else None,
                }
                rows.append(row)
            flood_figures = flood_output["paths"][0]
            rows.append(
                _row(
                    "public_flood",
                    flood_figures,
                    **common,
                    workers=1,
                    threads=DEFAULT_THREADS,
                    concurrency=FLOOD_CONNECTIONS,
                )
            )
    finally:
        removed = remove_page(page, since=started)
        drop_role(role)
        log(f"public: removed the run's page and {sum(removed.values())} rows {removed}")
    return rows
