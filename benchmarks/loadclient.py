"""The load generator of `benchmarks.http`, run in a process of its own:

    python -m benchmarks.loadclient < config.json > result.json

It reads one JSON object on stdin (see `run`), logs in, warms each path up, then keeps
`concurrency` keep-alive connections busy on each path for `duration_s` seconds and prints one
JSON object with the requests, errors, latency percentiles and its own CPU time per path.

Plain standard library, no Django: it starts in a few milliseconds and loads nothing it does not
use. One thread per connection over a blocking socket, with a minimal HTTP/1.1 reader
(Content-Length, chunked, Connection: close, Set-Cookie). On this 2-core machine it was the
cheapest of the three clients tried against gunicorn's gthread workers (/healthz, 8 connections,
3 runs each on a shared, noisy machine): about 40 µs of client CPU per request, against
70-125 µs for asyncio streams and 170-190 µs for http.client in threads. The client shares the
cores with the server, so every microsecond it spends is taken from the figures it measures;
`client_cpu_share` in the result says how much of the machine it used.
"""

import json
import os
import re
import socket
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

ERROR_SAMPLES = 5
_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrfmiddlewaretoken"')


class LoginFailed(RuntimeError):
    pass


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key == name), None)


@dataclass
class Connection:
    """One keep-alive HTTP/1.1 connection with its own cookie jar, like one browser tab.
    It reconnects when the server closes (gunicorn's sync workers close after every response)."""

    host: str
    port: int
    timeout: float = 60.0
    cookies: dict[str, str] = field(default_factory=dict)
    sock: socket.socket | None = None
    buffer: bytes = b""
    _requests: dict[str, bytes] = field(default_factory=dict)  # GET request bytes by path

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock, self.buffer = None, b""

    def get(self, path: str) -> Response:
        data = self._requests.get(path)
        if data is None:
            data = self._requests[path] = self._build("GET", path, b"", ())
        return self._exchange(data)

    def post(self, path: str, body: bytes, headers=()) -> Response:
        """A form POST, its bytes kept like a GET's (rebuilt when a cookie changes)."""
        key = "POST " + path
        data = self._requests.get(key)
        if data is None:
            data = self._requests[key] = self._build("POST", path, body, headers)
        return self._exchange(data)

    def request(self, method: str, path: str, *, body: bytes = b"", headers=()) -> Response:
        return self._exchange(self._build(method, path, body, headers))

    def _build(self, method: str, path: str, body: bytes, headers) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "User-Agent: xuncha-bench"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        lines.extend(f"{k}: {v}" for k, v in headers)
        if body or method not in ("GET", "HEAD"):
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

    def _exchange(self, data: bytes) -> Response:
        reused = self.sock is not None
        if not reused:
            self._connect()
        try:
            self.sock.sendall(data)
            response = self._read_response()
        except OSError as error:  # ConnectionError and TimeoutError among them
            self.close()
            # the server may drop an idle keep-alive connection (gunicorn's --keep-alive, 2 s):
            # retry a GET once on a fresh one, as browsers do; a fresh connection failing is an error
            if not reused or isinstance(error, TimeoutError) or not data.startswith(b"GET "):
                raise
            self._connect()
            self.sock.sendall(data)
            response = self._read_response()
        return response

    def _connect(self) -> None:
        self.sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def _recv(self) -> bytes:
        chunk = self.sock.recv(262144)
        if not chunk:
            raise ConnectionResetError("the server closed the connection")
        return chunk

    def _read_response(self) -> Response:
        buffer = self.buffer
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end >= 0:
                break
            buffer += self._recv()
        head, buffer = buffer[:end], buffer[end + 4 :]
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers, length, chunked, close = [], None, False, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            headers.append((name, value))
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding":
                chunked = "chunked" in value.lower()
            elif name == "connection":
                close = value.lower() == "close"
            elif name == "set-cookie":
                self._store_cookie(value)
        if status in (204, 304) or 100 <= status < 200:
            body = b""
        elif chunked:
            body, buffer = self._read_chunked(buffer)
        elif length is not None:
            while len(buffer) < length:
                buffer += self._recv()
            body, buffer = buffer[:length], buffer[length:]
        else:  # no framing: the body runs to the end of the connection
            while True:
                try:
                    buffer += self._recv()
                except ConnectionResetError:
                    break
            body, buffer, close = buffer, b"", True
        self.buffer = buffer
        if close:
            self.close()
        return Response(status, headers, body)

    def _read_chunked(self, buffer: bytes) -> tuple[bytes, bytes]:
        parts = []
        while True:
            while b"\r\n" not in buffer:
                buffer += self._recv()
            size_line, buffer = buffer.split(b"\r\n", 1)
            size = int(size_line.split(b";", 1)[0], 16)
            if size == 0:  # the last chunk, then optional trailers and an empty line
                while True:
                    while b"\r\n" not in buffer:
                        buffer += self._recv()
                    line, buffer = buffer.split(b"\r\n", 1)
                    if not line:
                        return b"".join(parts), buffer
            while len(buffer) < size + 2:
                buffer += self._recv()
            parts.append(buffer[:size])
            buffer = buffer[size + 2 :]

    def _store_cookie(self, value: str) -> None:
        # Secure cookies are kept and sent over plain http on purpose: the server runs with
        # production settings (secure cookies) behind no TLS.
        pair, _, attributes = value.partition(";")
        name, _, cookie = pair.strip().partition("=")
        attributes = attributes.lower()
        expired = "max-age=0" in attributes.replace(" ", "") or "1970" in attributes
        changed = (self.cookies.pop(name, None) is not None) if expired else self.cookies.get(name) != cookie
        if not expired:
            self.cookies[name] = cookie
        if changed:
            self._requests.clear()


SECOND_FACTOR_PATH = "/me/two-factor/verify/"


def login(conn: Connection, *, username: str, password: str, login_path: str = "/login/", second_factor=None) -> None:
    """Django's login form: GET it for the csrftoken cookie and the form's token, POST the
    credentials, keep the sessionid cookie. Raises LoginFailed unless the server redirects.
    `second_factor` (a callable giving a recovery code) answers the code page after the password,
    for a user whose role requires two-factor login."""
    page = conn.get(login_path)
    if page.status != 200:
        raise LoginFailed(f"GET {login_path} answered {page.status}")
    match = _CSRF_INPUT.search(page.body)
    if match is None:
        raise LoginFailed(f"no csrfmiddlewaretoken in the form at {login_path}")
    token = (match.group(1) or match.group(2)).decode()
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password}).encode()
    answer = conn.request(
        "POST",
        login_path,
        body=body,
        headers=[("Content-Type", "application/x-www-form-urlencoded"), ("Referer", _origin(conn) + login_path)],
    )
    if answer.status not in (301, 302, 303) or "sessionid" not in conn.cookies:
        snippet = answer.body[:300].decode("utf-8", "replace")
        raise LoginFailed(f"POST {login_path} as {username!r} answered {answer.status}, not a redirect: {snippet}")
    if second_factor is not None:
        _second_factor(conn, second_factor())


def _second_factor(conn: Connection, code: str) -> None:
    page = conn.get(SECOND_FACTOR_PATH)
    match = _CSRF_INPUT.search(page.body) if page.status == 200 else None
    if match is None:
        raise LoginFailed(f"GET {SECOND_FACTOR_PATH} answered {page.status} without a form")
    body = urlencode({"csrfmiddlewaretoken": (match.group(1) or match.group(2)).decode(), "code": code}).encode()
    answer = conn.request(
        "POST",
        SECOND_FACTOR_PATH,
        body=body,
        headers=[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Referer", _origin(conn) + SECOND_FACTOR_PATH),
        ],
    )
    if answer.status not in (301, 302, 303):
        raise LoginFailed(f"POST {SECOND_FACTOR_PATH} answered {answer.status}: the code was refused")


def _origin(conn: Connection) -> str:
    return f"http://{conn.host}:{conn.port}"


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    samples: list[dict] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


@dataclass
class FormPost:
    """A form POSTed again and again (`run`'s third element of a path): the form page is fetched
    once for Django's CSRF cookie and token, which every connection then shares (as a script
    would). `spoof_addresses` sends each request from a new X-Forwarded-For address (a flood
    from many addresses, for a server that trusts the loopback as its proxy); `expect` lists the
    statuses that are answers, not errors."""

    form: dict
    form_page: str | None = None
    expect: tuple[int, ...] = (200,)
    spoof_addresses: bool = False

    _counter = 0

    def prime(self, connections: list["Connection"], path: str) -> None:
        page = connections[0].get(self.form_page or path)
        match = _CSRF_INPUT.search(page.body)
        if page.status != 200 or match is None:
            raise LoginFailed(f"GET {self.form_page or path} answered {page.status} without a form")
        token = (match.group(1) or match.group(2)).decode()
        self.body = urlencode({**self.form, "csrfmiddlewaretoken": token}).encode()
        self.headers = [("Content-Type", "application/x-www-form-urlencoded")]
        for conn in connections[1:]:
            conn.cookies = dict(connections[0].cookies)
            conn._requests.clear()

    def sender(self, conn: "Connection", path: str):
        body, headers = self.body, self.headers
        if not self.spoof_addresses:
            return lambda: conn.post(path, body, headers)
        first = FormPost._counter = FormPost._counter + 1

        def send(n=[first << 16]):  # noqa: B006 (a counter of this connection's own)
            n[0] += 1
            address = f"10.{(n[0] >> 16) & 255}.{(n[0] >> 8) & 255}.{n[0] & 255}"
            return conn.request("POST", path, body=body, headers=[*headers, ("X-Forwarded-For", address)])

        return send


def _hammer(conn: Connection, path: str, deadline: float, tally: _Tally, post: FormPost | None = None) -> None:
    clock = time.perf_counter
    latencies = tally.latencies  # one tally per thread: nothing shared on the hot path
    statuses = tally.statuses
    get = conn.get
    send = post.sender(conn, path) if post else (lambda: get(path))
    expect = post.expect if post else (200,)
    while True:
        started = clock()
        if started >= deadline:
            return
        try:
            response = send()
        except Exception as error:  # a refused or dropped connection counts as an error
            conn.close()
            latencies.append(clock() - started)
            _record_error(tally, {"path": path, "error": repr(error)})
            continue
        latencies.append(clock() - started)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status not in expect:
            sample = {"path": path, "status": response.status}
            if response.header("location"):
                sample["location"] = response.header("location")
            sample["body"] = response.body[:200].decode("utf-8", "replace")
            _record_error(tally, sample)


def _signature(sample: dict) -> tuple:
    return sample.get("status"), sample.get("location"), sample.get("error", "").split("(", 1)[0]


def _record_error(tally: _Tally, sample: dict) -> None:
    tally.errors += 1
    # the first of each kind (status, redirect, exception), up to ERROR_SAMPLES
    if len(tally.samples) < ERROR_SAMPLES and all(_signature(s) != _signature(sample) for s in tally.samples):
        tally.samples.append(sample)


def _parallel(target, connections, *args) -> None:
    threads = [threading.Thread(target=target, args=(conn, *args), daemon=True) for conn in connections]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _percentile(ordered: list[float], q: float) -> float:
    # the convention of benchmarks.measuring.measure: nearest rank
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def server_cpu_s(pid: int | None) -> float | None:
    """CPU seconds used so far by the process `pid` (gunicorn's master), its children (the
    workers) and its children that have exited; None where /proc cannot tell (not Linux)."""
    if not pid:
        return None
    ticks, found = 0, False
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        # fields[0] is the state (field 3 of proc(5)): ppid is 4, utime 14, stime 15, cutime 16, cstime 17
        if int(name) == pid:
            ticks += sum(int(x) for x in fields[11:15])
            found = True
        elif int(fields[1]) == pid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK") if found else None


def load(
    connections: list[Connection],
    path: str,
    duration_s: float,
    *,
    server_pid: int | None = None,
    post: FormPost | None = None,
) -> dict:
    """Keep every connection busy on `path` (GET, or `post`) for `duration_s` seconds; figures
    for the run."""
    tallies = [_Tally() for _ in connections]
    server_before = server_cpu_s(server_pid)
    cpu_before = time.process_time()
    started = time.perf_counter()
    deadline = started + duration_s
    threads = [
        threading.Thread(target=_hammer, args=(conn, path, deadline, tally, post), daemon=True)
        for conn, tally in zip(connections, tallies, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started  # requests in flight at the deadline are counted
    cpu = time.process_time() - cpu_before
    server_after = server_cpu_s(server_pid)
    latencies = sorted(x for tally in tallies for x in tally.latencies)
    samples = []
    for sample in (s for tally in tallies for s in tally.samples):
        if len(samples) < ERROR_SAMPLES and all(_signature(s) != _signature(sample) for s in samples):
            samples.append(sample)
    row = {
        "path": path,
        "requests": len(latencies),
        "errors": sum(tally.errors for tally in tallies),
        "elapsed_s": round(elapsed, 3),
        "rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "client_cpu_s": round(cpu, 3),
        "client_cpu_share": round(cpu / elapsed / (os.cpu_count() or 1), 3) if elapsed else None,
    }
    if server_before is not None and server_after is not None:
        server = server_after - server_before
        row["server_cpu_s"] = round(server, 2)
        row["server_cpu_share"] = round(server / elapsed / (os.cpu_count() or 1), 3) if elapsed else None
        row["server_cpu_ms_per_request"] = round(1000 * server / len(latencies), 3) if latencies else None
    if latencies:
        ms = 1000.0
        row |= {
            "median_ms": round(statistics.median(latencies) * ms, 2),
            "p50_ms": round(_percentile(latencies, 0.50) * ms, 2),
            "p95_ms": round(_percentile(latencies, 0.95) * ms, 2),
            "p99_ms": round(_percentile(latencies, 0.99) * ms, 2),
            "max_ms": round(latencies[-1] * ms, 2),
        }
    if post is not None:
        statuses: dict[int, int] = {}
        for tally in tallies:
            for status, n in tally.statuses.items():
                statuses[status] = statuses.get(status, 0) + n
        row["statuses"] = {str(status): n for status, n in sorted(statuses.items())}
    if samples:
        row["error_samples"] = samples
    return row


def run(config: dict) -> dict:
    """config: host, port, paths ([[key, path], ...], or [key, path, {FormPost's fields}] to POST a
    form), duration_s, concurrency; optional
    username and password (no login without them), second_factor_codes (recovery codes, one per
    session, for a user who must give a second factor), login ("each": one session per connection,
    the default, as that many users would have; "once": one session shared by all), warmup_s
    (0.5), timeout_s (60)."""
    host, port = config["host"], int(config["port"])
    concurrency = int(config.get("concurrency", 8))
    timeout = float(config.get("timeout_s", 60))
    connections = [Connection(host, port, timeout=timeout) for _ in range(concurrency)]
    cpu_before, started = time.process_time(), time.perf_counter()

    try:
        username = config.get("username")
        if username:
            mode = config.get("login", "each")
            if mode not in ("each", "once"):
                raise ValueError(f"login must be 'each' or 'once', got {mode!r}")
            failures: list[BaseException] = []

            codes = list(config.get("second_factor_codes") or [])  # one recovery code per session
            second_factor = codes.pop if codes else None  # list.pop is atomic: safe across the threads

            def log_in(conn: Connection) -> None:
                try:
                    login(conn, username=username, password=config["password"], second_factor=second_factor)
                except BaseException as error:
                    failures.append(error)

            if mode == "once":
                log_in(connections[0])
                for conn in connections[1:]:
                    conn.cookies = dict(connections[0].cookies)
            else:
                _parallel(log_in, connections)
            if failures:
                raise failures[0]
        login_s = time.perf_counter() - started

        results = []
        warmup_s = float(config.get("warmup_s", 0.5))
        server_pid = config.get("server_pid")
        for key, path, *form in config["paths"]:
            post = FormPost(**{**form[0], "expect": tuple(form[0].get("expect", (200,)))}) if form else None
            if post is not None:
                post.prime(connections, path)
            # warm-up: every connection (so every worker it reaches) loads the page first
            warm = load(connections, path, warmup_s, post=post) if warmup_s > 0 else None
            duration = float(config["duration_s"])
            row = {"key": key, **load(connections, path, duration, server_pid=server_pid, post=post)}
            if warm is not None:
                row["warmup_requests"] = warm["requests"]
                row["warmup_errors"] = warm["errors"]
            results.append(row)
    finally:
        for conn in connections:
            conn.close()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_before
    return {
        "concurrency": concurrency,
        "login_s": round(login_s, 3),
        "elapsed_s": round(elapsed, 3),
        "client_cpu_s": round(cpu, 3),
        "client_cpu_share": round(cpu / elapsed / (os.cpu_count() or 1), 3) if elapsed else None,
        "cpu_count": os.cpu_count(),
        "paths": results,
    }


def main() -> int:
    config = json.load(sys.stdin)
    try:
        result = run(config)
    except LoginFailed as error:
        print(json.dumps({"error": f"login failed: {error}"}), flush=True)
        return 2
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
