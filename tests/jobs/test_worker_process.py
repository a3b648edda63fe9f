"""A real worker process and its database going away: started while the database refuses
connections, and cut off in the middle of its work, it waits and carries on with the queued
tasks once the database is back, without anybody restarting it.

The database is reached through a TCP relay in the test (PostgreSQL only, see worker_process)."""

import contextlib
import socket
import threading
import time

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.jobs.worker_process import start_worker, stop, wait_for, worker_log
from xuncha.supervision.tasks import run_warnings

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (a second process)"),
]


class Relay:
    """Forwards a local port to the database; `down()` drops every connection and refuses new
    ones, as a database restart or a network cut does; `up()` serves again on the same port."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.listener = None
        self.sockets: list[socket.socket] = []

    def up(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for _attempt in range(50):  # the old listener may take a moment to leave the port
            try:
                self.listener.bind(("127.0.0.1", self.port))
                break
            except OSError:
                time.sleep(0.1)
        else:
            self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread, frees the port
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def _succeeded(result_id):
    return lambda: DBTaskResult.objects.get(pk=result_id).status == "SUCCESSFUL"


def test_the_worker_waits_for_the_database_and_reconnects_after_a_drop(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    relay = Relay(int(connection.settings_dict["PORT"] or 5432))
    first = run_warnings.enqueue("2026-03-01")
    worker = start_worker(tmp_path, port=relay.port)  # the database refuses it: not started yet
    try:
        wait_for(lambda: "database unreachable" in worker_log(tmp_path), worker, tmp_path)
        assert worker.poll() is None  # still there, waiting
        relay.up()
        wait_for(_succeeded(first.id), worker, tmp_path)

        relay.down()  # its connections dropped under it
        second = run_warnings.enqueue("2026-03-02")
        wait_for(lambda: worker_log(tmp_path).count("database unreachable") >= 2, worker, tmp_path)
        relay.up()
        wait_for(_succeeded(second.id), worker, tmp_path)
        assert worker.poll() is None
    finally:
        stop(worker)
        relay.down()
