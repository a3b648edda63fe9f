"""The load client against a small threaded http.server in the test process: no Django server,
no timing assertions, only counting."""

import json
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from benchmarks import loadclient

PASSWORD = "right-password"
CSRF = "form-token-123"


class FakeSite(BaseHTTPRequestHandler):
    """Django's login flow in miniature: GET /login/ sets csrftoken and renders the token,
    POST /login/ checks both and sets a Secure sessionid; /ok needs the session."""

    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn's gthread workers
    counts: Counter
    lock: threading.Lock
    close_every_response = False

    def log_message(self, *args):
        pass

    def _count(self, key):
        with self.lock:
            self.counts[key] += 1

    def _cookies(self):
        header = self.headers.get("Cookie", "")
        return dict(part.strip().split("=", 1) for part in header.split(";") if "=" in part)

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if self.close_every_response:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._count(("GET", self.path))
        if self.path in ("/login/", "/form/", loadclient.SECOND_FACTOR_PATH):
            form = f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{CSRF}">'
            self._send(200, form.encode(), [("Set-Cookie", "csrftoken=cookie-token; Path=/; Secure; SameSite=Lax")])
        elif self.path == "/ok":
            if self._cookies().get("sessionid", "").startswith("session-"):
                self._send(200, b"hello", [("Set-Cookie", f"sessionid={self._cookies()['sessionid']}; Secure")])
            else:
                self._send(302, headers=[("Location", "/login/?next=/ok")])
        elif self.path == "/boom":
            self._send(500, b"<h1>Server Error (500)</h1>")
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        else:
            self._send(404, b"not found")

    def do_POST(self):
        self._count(("POST", self.path))
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if self.path == "/form/":  # a public form: 201 with the CSRF pair, every third one 429
            if self._cookies().get("csrftoken") != "cookie-token" or form.get("csrfmiddlewaretoken") != [CSRF]:
                self._send(403, b"CSRF")
                return
            with self.lock:
                self.counts["forwarded", self.headers.get("X-Forwarded-For")] += 1
                number = self.counts["posted"] = self.counts["posted"] + 1
            self._send(429 if number % 3 == 0 else 201, b"ok")
            return
        if self.path == loadclient.SECOND_FACTOR_PATH:  # a recovery code, each accepted once
            code = form.get("code", [""])[0]
            with self.lock:
                fresh = code.startswith("code-") and not self.counts["code", code]
                self.counts["code", code] += 1
            if fresh:
                self._send(302, headers=[("Location", "/")])
            else:
                self._send(200, b"<p>Wrong code</p>")
            return
        good = (
            self._cookies().get("csrftoken") == "cookie-token"
            and form.get("csrfmiddlewaretoken") == [CSRF]
            and form.get("password") == [PASSWORD]
        )
        if good:
            with self.lock:
                number = self.counts["sessions"] = self.counts["sessions"] + 1
            session = f"sessionid=session-{number}; HttpOnly; Path=/; Secure"
            self._send(302, headers=[("Location", "/"), ("Set-Cookie", session)])
        else:
            self._send(200, b"<p>Wrong user name or password</p>")


@pytest.fixture
def site():
    def start(close_every_response=False):
        state = {"counts": Counter(), "lock": threading.Lock(), "close_every_response": close_every_response}
        handler = type("Site", (FakeSite,), state)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server, handler.counts

    servers = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _config(server, paths, **extra):
    return {
        "host": "127.0.0.1",
        "port": server.server_address[1],
        "paths": paths,
        "duration_s": 0.2,
        "warmup_s": 0.05,
        "concurrency": 3,
        **extra,
    }


def test_counts_every_request_and_logs_in_once_per_connection(site):
    server, counts = site()
    result = loadclient.run(
        _config(server, [["ok", "/ok"], ["chunked", "/chunked"]], username="office", password=PASSWORD)
    )

    assert counts["POST", "/login/"] == 3 and counts["sessions"] == 3  # a session per connection
    ok, chunked = result["paths"]
    assert ok["key"] == "ok" and ok["errors"] == 0 and ok["requests"] > 0
    assert counts["GET", "/ok"] == ok["requests"] + ok["warmup_requests"]
    assert chunked["errors"] == 0 and counts["GET", "/chunked"] == chunked["requests"] + chunked["warmup_requests"]
    for figures in (ok, chunked):
        assert figures["rps"] > 0
        assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"] <= figures["max_ms"]
        assert "error_samples" not in figures
    assert result["client_cpu_s"] > 0 and 0 < result["client_cpu_share"] <= 1


def test_a_server_error_counts_as_an_error_with_a_sample(site):
    server, counts = site()
    (boom,) = loadclient.run(_config(server, [["boom", "/boom"]]))["paths"]

    assert boom["requests"] == counts["GET", "/boom"] - boom["warmup_requests"] > 0
    assert boom["errors"] == boom["requests"]
    assert len(boom["error_samples"]) == 1  # one of each kind
    assert boom["error_samples"][0]["status"] == 500 and "Server Error" in boom["error_samples"][0]["body"]


def test_without_a_session_the_redirect_to_the_login_page_is_an_error(site):
    server, _ = site()
    (ok,) = loadclient.run(_config(server, [["ok", "/ok"]]))["paths"]

    assert ok["errors"] == ok["requests"] > 0
    assert ok["error_samples"][0] == {"path": "/ok", "status": 302, "location": "/login/?next=/ok", "body": ""}


def test_one_shared_session_and_a_server_that_closes_every_connection(site):
    server, counts = site(close_every_response=True)  # as gunicorn's sync workers
    (ok,) = loadclient.run(_config(server, [["ok", "/ok"]], username="office", password=PASSWORD, login="once"))[
        "paths"
    ]

    assert counts["POST", "/login/"] == 1
    assert ok["errors"] == 0 and counts["GET", "/ok"] == ok["requests"] + ok["warmup_requests"] > 0


def test_each_session_gives_its_own_second_factor_code(site):
    server, counts = site()
    codes = ["code-1", "code-2", "code-3", "code-4"]
    config = _config(server, [["ok", "/ok"]], username="office", password=PASSWORD, second_factor_codes=codes)
    (ok,) = loadclient.run(config)["paths"]
    assert counts["POST", loadclient.SECOND_FACTOR_PATH] == 3  # one per connection
    assert sorted(k[1] for k in counts if k[0] == "code") == ["code-2", "code-3", "code-4"]
    assert all(counts["code", c] == 1 for c in codes[1:]) and ok["errors"] == 0
    with pytest.raises(loadclient.LoginFailed, match="the code was refused"):
        loadclient.run({**config, "second_factor_codes": ["code-2", "code-3", "code-4"]})


def test_a_wrong_password_stops_the_run(site):
    server, counts = site()
    with pytest.raises(loadclient.LoginFailed, match="answered 200, not a redirect"):
        loadclient.run(_config(server, [["ok", "/ok"]], username="office", password="wrong"))
    assert counts["GET", "/ok"] == 0


def test_the_module_reads_json_and_prints_json(site):
    server, counts = site()
    config = _config(server, [["ok", "/ok"]], username="office", password=PASSWORD, concurrency=1)
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.loadclient"],
        input=json.dumps(config),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    (ok,) = json.loads(result.stdout)["paths"]
    assert ok["errors"] == 0 and counts["GET", "/ok"] == ok["requests"] + ok["warmup_requests"]

    failed = subprocess.run(
        [sys.executable, "-m", "benchmarks.loadclient"],
        input=json.dumps({**config, "password": "wrong"}),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert failed.returncode == 2 and "login failed" in json.loads(failed.stdout)["error"]


def test_a_form_is_posted_with_one_csrf_token_and_the_statuses_are_counted(site):
    server, counts = site()
    form = {"form": {"content": "举报内容"}, "expect": [201, 429]}
    result = loadclient.run(_config(server, [["flood", "/form/", form]]))
    row = result["paths"][0]
    assert counts["GET", "/form/"] == 1  # the form page once, its token shared by every connection
    assert row["errors"] == 0 and row["requests"] > 0
    posted = counts["POST", "/form/"]
    assert sum(row["statuses"].values()) == row["requests"] == posted - row["warmup_requests"]
    assert set(row["statuses"]) == {"201", "429"}
    assert counts["forwarded", None] == posted  # no address sent unless asked


def test_a_status_not_expected_is_an_error_and_addresses_are_spoofed_when_asked(site):
    server, counts = site()
    form = {"form": {"content": "x"}, "expect": [201], "spoof_addresses": True}
    row = loadclient.run(_config(server, [["posts", "/form/", form]], warmup_s=0))["paths"][0]
    assert row["errors"] == row["statuses"]["429"] > 0
    addresses = [key[1] for key in counts if key[0] == "forwarded"]
    assert len(addresses) == counts["POST", "/form/"] == len(set(addresses))  # a new one each time
    assert all(a.startswith("10.") for a in addresses)
