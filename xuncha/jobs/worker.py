"""The worker of `xuncha db_worker`: django-tasks-db's worker with a lease per task, a reaper and
a loop that survives the database going away.

* Each task runs under a lease (jobs/leases.py) renewed by a side thread, so that a worker killed
  mid-task is noticed by the others (and by this one when it is restarted) and the task failed.
* The side thread also runs the reaper: at start, then every heartbeat.
* A dropped or refused database connection (OperationalError, InterfaceError) no longer ends the
  process: the worker closes its connections, waits (1 s, doubling up to a minute) and carries on,
  so queued jobs run as soon as the database is back, without a person restarting anything.
"""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from xuncha.jobs import leases

logger = logging.getLogger("xuncha.jobs")

MAX_BACKOFF = 60.0
DB_ERRORS = (OperationalError, InterfaceError)


class Housekeeper(threading.Thread):
    """Renews the lease of the running task and reaps the tasks of dead workers. Its own thread
    has its own database connections, so it beats while the task holds the main one."""

    def __init__(self, worker_id: str):
        super().__init__(name="xuncha-housekeeper", daemon=True)
        self.worker_id = worker_id
        self.current = None  # the primary key of the running task, set by the worker
        self.stopping = threading.Event()

    def run(self) -> None:
        while True:
            self.tick()
            if self.stopping.wait(leases.heartbeat_seconds()):
                break
        connections.close_all()

    def tick(self) -> None:
        try:
            close_old_connections()
            current = self.current
            if current is not None and not leases.renew_lease(current, self.worker_id):
                logger.warning("the lease of task %s is gone: it was failed as lost", current)
            leases.reap_lost_tasks()
        except DB_ERRORS as error:
            logger.warning("housekeeping skipped, the database is unreachable: %s", error)
            connections.close_all()
        except Exception:
            logger.exception("housekeeping failed")


class LeasedWorker(Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.housekeeper = Housekeeper(self.worker_id)

    def run(self) -> None:
        self.housekeeper.start()
        try:
            self._run_resilient()
        finally:
            self.housekeeper.stopping.set()
            self.housekeeper.join(timeout=30)  # it closes its connections as it ends

    def _run_resilient(self) -> None:
        backoff = 1.0
        while self.running:
            started = time.monotonic()
            try:
                super().run()
                return  # --batch or --max-tasks reached
            except DB_ERRORS as error:
                if time.monotonic() - started > MAX_BACKOFF:
                    backoff = 1.0  # it ran for a while: a new outage, start waiting short again
                logger.warning("database unreachable (%s); the worker tries again in %.0f s", error, backoff)
                connections.close_all()
                time.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        leases.start_lease(db_task_result, self.worker_id)
        self.housekeeper.current = db_task_result.pk
        try:
            super().run_task(db_task_result)
        finally:
            self.housekeeper.current = None
            leases.end_lease(db_task_result.pk)
