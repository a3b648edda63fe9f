"""`benchmarks.http`: pages served by the production stack (gunicorn, WhiteNoise, every
middleware, a logged-in session), measured from outside by a load generator in another
process, beside the bare view of the same stack (`/bench/hello`) as the baseline.

    python -m benchmarks.http --database-url sqlite:////path/xuncha.sqlite3 \\
        --username office --password ... --path board=/rectification/inspection/1/board/ --duration 5

prints one JSON line per path (`http_hello` first); `run_http_benchmark` returns the same rows
as dicts. Throughput is in requests per second; `ratio` is page rps / hello rps, so 1.0 means
"as fast as the bare stack" and 0.25 "a quarter of its throughput"; `cpu_ratio` is hello's
server CPU per request over the page's, what `ratio` would be with the machine to itself.

The server and the load generator share the machine (2 cores here): read `client_cpu_share`
and `server_cpu_share` (fractions of all cores, during the timed window) before trusting a
figure; on a machine busy with other work the rps moves, `server_cpu_ms_per_request` (the
server's CPU time per request, from /proc) much less.
"""

import argparse
import contextlib
import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HELLO_PATH = "/bench/hello"
STOP_SIGNAL = signal.SIGTERM

# gunicorn's worker model for the benchmark, chosen by measuring /bench/hello (demo data, SQLite,
# 8 keep-alive connections, 6 s, three interleaved rounds) on this 2-core machine, which other
# work kept busy (load average ~5; the server got 25-45% of the cores, so compare the rows with
# each other, not with an idle machine). rps per round, then server CPU per request:
#   sync,    5 workers (2*cpu+1)   116  88  92 rps   4.8-6.1 ms    p99 420-580 ms
#   sync,    3 workers             106  90  96       5.6-5.8       p99 180-200
#   gthread, 2 workers x 2 threads 163 125 148       4.9-5.6       p99 160-240
#   gthread, 2 workers x 4 threads 164 114 164       5.3-5.9       p99 450-490
#   gthread, 3 workers x 2 threads 132 117 140       5.6-6.2       p99 370-420
# Sync workers close the connection after every response (no keep-alive), so each request pays
# a TCP connection on both sides: 30-40% less throughput. Among gthread layouts the throughput
# differences are within the noise; one worker per core with 2 threads (one request can wait on
# the database while the other runs) spends the least CPU per request and has the shortest tail.
# Beware: gunicorn silently turns sync workers into gthread ones when given --threads > 1.
DEFAULT_WORKER_CLASS = "gthread"
DEFAULT_THREADS = 2


def default_workers() -> int:
    return os.cpu_count() or 1


def _collect_static() -> None:
    """Run in a subprocess with the server's environment (see `_collectstatic`): the production
    manifest without its gzip copies, source maps left out and files linked, not copied (2-4 s
    instead of 15 s; WhiteNoise serves the plain files and the benchmark fetches pages)."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xuncha.settings")
    django.setup()
    storage = {"BACKEND": "benchmarks.storage.UncompressedStaticStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": storage}
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["*.map"], link=True)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


CHECKOUT = Path(__file__).resolve().parent.parent  # the directory holding benchmarks/ and xuncha/


def _base_env() -> dict[str, str]:
    """The caller's environment without the platform's settings (its XUNCHA_ENV may be test), and
    this checkout first on the import path: benchmarks/ is not installed, so the server and the
    client find it (and the same xuncha/ beside it) only through PYTHONPATH."""
    dropped = ("XUNCHA_", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "GUNICORN_CMD_ARGS")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["DJANGO_SETTINGS_MODULE"] = "xuncha.settings"
    env["PYTHONPATH"] = os.pathsep.join([str(CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def production_env(*, database_url: str, identity_keys: str, var_dir: Path) -> dict[str, str]:
    from django.conf import settings

    return {
        **_base_env(),
        "XUNCHA_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "XUNCHA_SSL_REDIRECT": "0",  # plain http on the loopback
        "XUNCHA_HSTS_SECONDS": "0",
        "XUNCHA_BENCH": "1",  # the one production process with the benchmark app: /bench/hello
        "DATABASE_URL": database_url,
        "XUNCHA_DB_CONN_MAX_AGE": "600",
        "XUNCHA_LOG_LEVEL": "WARNING",
        "XUNCHA_IDENTITY_KEYS": identity_keys,
        "XUNCHA_AUDIT_KEY": settings.XUNCHA_AUDIT_KEY,  # the server extends this database's audit chain
        "XUNCHA_VAR_DIR": str(var_dir),
        "XUNCHA_STATIC_ROOT": str(var_dir / "static"),
        "XUNCHA_MEDIA_ROOT": str(var_dir / "media"),
    }


def _gunicorn_args() -> str:
    # (`xuncha serve` itself chooses threaded workers and turns the control socket off)
    # The application is loaded once, in the master, before the workers fork: every worker is
    # ready when /healthz first answers (otherwise one could still be importing Django when the
    # timed run starts) and the start takes 2-4 s less here. Requests are served the same way;
    # no app's ready() touches the database, so no connection is shared across the fork.
    return "--preload"


def _tail(path: Path, limit: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return ""


class Server:
    """`xuncha serve` with production settings in its own process group; a context manager
    that stops the whole group (gunicorn's master and workers) on the way out."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        port: int,
        workers: int,
        threads: int,
        log: Path,
        health_path: str = "/healthz",
        cpus: str | None = None,
    ):
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.threads, self.health_path, self.cpus = threads, health_path, cpus
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        # `cpus` pins the server (master and workers) to those cores with taskset
        pinned = ["taskset", "-c", self.cpus] if self.cpus else []
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    *pinned,
                    sys.executable,
                    "-m",
                    "xuncha.cli",
                    "serve",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                ],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{_tail(self.log)}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", self.health_path)
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the server did not answer {self.health_path} within {timeout:.0f} s:\n{_tail(self.log)}")

    def stop(self, timeout: float = 15.0) -> None:
        process = self.process
        if process is None or process.returncode is not None:
            return
        try:
            os.killpg(process.pid, STOP_SIGNAL)
            process.wait(timeout)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        finally:
            with contextlib.suppress(ProcessLookupError):  # a worker left behind by a master that died first
                os.killpg(process.pid, signal.SIGKILL)


def _collectstatic(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from benchmarks.http import _collect_static; _collect_static()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"collectstatic failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")


def _run_client(config: dict, *, env: dict[str, str], timeout: float) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.loadclient"],
        input=json.dumps(config),
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = result.stdout.strip().splitlines()
    try:
        output = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        output = {}
    if result.returncode != 0 or "paths" not in output:
        message = output.get("error") or (result.stderr[-3000:] or result.stdout[-3000:])
        raise RuntimeError(f"the load client failed ({result.returncode}): {message}")
    return output


def _backend(database_url: str) -> str:
    scheme = database_url.split(":", 1)[0].lower()
    return "sqlite" if scheme.startswith("sqlite") else "postgresql" if scheme.startswith("postgres") else scheme


_FIGURES = (
    "path",
    "requests",
    "errors",
    "rps",
    "median_ms",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "max_ms",
    "client_cpu_share",
    "server_cpu_share",
    "server_cpu_ms_per_request",
)


def run_http_benchmark(
    *,
    database_url: str,
    username: str,
    password: str,
    paths: dict[str, str],
    duration_s: float = 10,
    concurrency: int = 8,
    workers: int | None = None,
    threads: int = DEFAULT_THREADS,
    warmup_s: float = 1.0,
    login: str = "each",
    identity_keys: str | None = None,
    second_factor_codes: list[str] | None = None,
) -> list[dict]:
    """Serve the database at `database_url` with production settings and load `/bench/hello`,
    then each of `paths` ({key: path}), for `duration_s` seconds each (after `warmup_s` of the
    same load, not counted) with `concurrency` keep-alive connections, each logged in as
    `username` with a session of its own (login="once" shares one). Returns one row per path,
    hello first, named `http_<key>`: requests, errors, rps, median/p50/p95/p99/max latency in ms,
    the CPU the client and the server used; pages also carry `baseline_rps` (hello's), `ratio`
    (page rps / hello rps) and `cpu_ratio` (the same from server CPU per request). Any answer
    other than 200 counts as an error; the first of each kind are in `error_samples`.

    `workers` defaults to one per core and `threads` to 2 (`xuncha serve` runs gthread workers):
    on this 2-core machine gthread (keep-alive) beat gunicorn's sync workers (a new connection
    for every request) by 30-40% on the bare view, and 2 workers x 2 threads spent the least
    server CPU per request with the shortest tail (figures above DEFAULT_WORKER_CLASS). `identity_keys`
    defaults to this process's settings.XUNCHA_IDENTITY_KEYS, so that the server reads the same
    data. The server is stopped (its whole process group) however the run ends.
    """
    if "hello" in paths:
        raise ValueError("'hello' is the baseline's name; give the page another key")
    if identity_keys is None:
        from django.conf import settings

        identity_keys = settings.XUNCHA_IDENTITY_KEYS
    workers = workers or default_workers()
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="xuncha-bench-http-") as tmp:
        var_dir = Path(tmp)
        env = production_env(database_url=database_url, identity_keys=identity_keys, var_dir=var_dir)
        _collectstatic(env)
        env["GUNICORN_CMD_ARGS"] = _gunicorn_args()
        with Server(env, port=port, workers=workers, threads=threads, log=var_dir / "server.log") as server:
            config = {
                "host": "127.0.0.1",
                "port": port,
                "username": username,
                "password": password,
                "login": login,
                "paths": [["hello", HELLO_PATH], *paths.items()],
                "duration_s": duration_s,
                "warmup_s": warmup_s,
                "concurrency": concurrency,
                "server_pid": server.process.pid,
                "second_factor_codes": second_factor_codes or [],
            }
            budget = 120 + (len(paths) + 1) * (duration_s + warmup_s) * 3
            try:
                output = _run_client(config, env=_base_env(), timeout=budget)
            except RuntimeError as error:
                # the server's log goes with the temporary directory: keep its errors in the message
                raise RuntimeError(f"{error}\n--- server log, last lines ---\n{_tail(server.log)}") from None

    scale = {
        "backend": _backend(database_url),
        "concurrency": concurrency,
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "duration_s": duration_s,
    }
    rows = []
    hello: dict = {}
    for figures in output["paths"]:
        row = {"name": f"http_{figures['key']}", **scale}
        row |= {key: figures[key] for key in _FIGURES if key in figures}
        row["client_cpu_s"] = figures["client_cpu_s"]
        if figures.get("error_samples"):
            row["error_samples"] = figures["error_samples"]
        if figures["key"] == "hello":
            hello = figures
        else:
            row["baseline_rps"] = hello["rps"]
            row["ratio"] = round(figures["rps"] / hello["rps"], 3) if hello["rps"] else None
            # hello's server CPU per request over the page's: what `ratio` would be on a machine
            # left to the server alone (both CPU-bound); other work on the machine moves it less
            cpu, hello_cpu = figures.get("server_cpu_ms_per_request"), hello.get("server_cpu_ms_per_request")
            if cpu and hello_cpu:
                row["cpu_ratio"] = round(hello_cpu / cpu, 3)
        rows.append(row)
    return rows


def _path_arg(value: str) -> tuple[str, str]:
    key, sep, path = value.partition("=")
    if not sep or not key or not path.startswith("/"):
        raise argparse.ArgumentTypeError(f"expected KEY=/path/, got {value!r}")
    return key, path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.http", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), help="default: $DATABASE_URL")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", default=os.environ.get("XUNCHA_BENCH_PASSWORD"), help="or $XUNCHA_BENCH_PASSWORD")
    parser.add_argument("--path", dest="paths", type=_path_arg, action="append", default=[], metavar="KEY=/PATH/")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per path (default 10)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    parser.add_argument("--login", choices=["each", "once"], default="each", help="a session per connection or one")
    args = parser.parse_args(argv)
    if not args.database_url or not args.password:
        parser.error("--database-url (or DATABASE_URL) and --password (or XUNCHA_BENCH_PASSWORD) are required")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xuncha.settings")
    import django

    django.setup()  # for the identity keys of the caller's settings
    rows = run_http_benchmark(
        database_url=args.database_url,
        username=args.username,
        password=args.password,
        paths=dict(args.paths),
        duration_s=args.duration,
        concurrency=args.concurrency,
        workers=args.workers,
        threads=args.threads,
        login=args.login,
    )
    for row in rows:
        print(json.dumps(row, ensure_ascii=False), flush=True)
    return 1 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
