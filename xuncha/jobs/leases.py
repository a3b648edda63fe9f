"""Leases of running tasks, and the reaper that fails the tasks whose worker died.

A worker renews the heartbeat of the task it runs every `heartbeat_seconds()`; a task still
RUNNING whose heartbeat is older than `lease_seconds()` (or which has no lease and started that
long ago: a worker killed between claiming a task and writing its lease) lost its worker. The
reaper marks such a task FAILED (with `WorkerLost` as its error) and calls the handler its app
registered with `on_worker_lost`: the ledger fails the job the task was running and says so on
the job's page; supervision queues its task again, as its tasks are safe to run twice.

The reaper runs in every worker (at start and then every `heartbeat_seconds()`, from the
worker's side thread) and as `xuncha reap_tasks`. Several reapers at once are safe: each task is
failed under its row lock, once.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.compat import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from xuncha.jobs.models import TaskLease

logger = logging.getLogger(__name__)

_ON_LOST: dict[str, Callable[..., None]] = {}


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker stopped while running it."""


def lease_seconds() -> int:
    return settings.XUNCHA_TASK_LEASE_SECONDS


def heartbeat_seconds() -> float:
    return max(0.2, lease_seconds() / 6)


def on_worker_lost(task: Task) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register what to do when `task` lost its worker: the handler is called with the task's
    own arguments, in the reaper's transaction. One handler per task."""

    def register(handler: Callable[..., None]) -> Callable[..., None]:
        if task.module_path in _ON_LOST:
            raise RuntimeError(f"{task.module_path} already has a handler for a lost worker")
        _ON_LOST[task.module_path] = handler
        return handler

    return register


def start_lease(task_result: DBTaskResult, worker_id: str) -> None:
    TaskLease.objects.update_or_create(
        task_result=task_result, defaults={"worker_id": worker_id, "heartbeat_at": timezone.now()}
    )


def renew_lease(task_result_id, worker_id: str) -> bool:
    """False when the lease is gone (the task was reaped while this worker was cut off)."""
    return bool(
        TaskLease.objects.filter(task_result_id=task_result_id, worker_id=worker_id).update(heartbeat_at=timezone.now())
    )


def end_lease(task_result_id) -> None:
    TaskLease.objects.filter(task_result_id=task_result_id).delete()


def _lost_q(cutoff: datetime) -> Q:
    return Q(lease__heartbeat_at__lt=cutoff) | Q(lease__isnull=True, started_at__lt=cutoff)


def reap_lost_tasks(*, now: datetime | None = None) -> list[DBTaskResult]:
    """Fail every running task whose worker stopped renewing its lease; returns them."""
    cutoff = (now or timezone.now()) - timedelta(seconds=lease_seconds())
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    reaped = []
    for pk in list(running.filter(_lost_q(cutoff)).values_list("pk", flat=True)):
        with transaction.atomic():
            # checked again under the lock: its worker may have renewed the lease meanwhile
            task_result = (
                running.filter(_lost_q(cutoff), pk=pk).select_for_update(skip_locked=True, of=("self",)).first()
            )
            if task_result is None:
                continue
            task_result.set_failed(
                WorkerLost(f"the worker stopped renewing its lease (last heartbeat before {cutoff.isoformat()})")
            )
            end_lease(pk)
            _call_handler(task_result)
        logger.warning("task %s (%s) lost its worker and was failed", pk, task_result.task_path)
        reaped.append(task_result)
    # leases left behind by a worker cut off from the database after its task ended
    TaskLease.objects.exclude(task_result__status=TaskResultStatus.RUNNING).delete()
    return reaped


def _call_handler(task_result: DBTaskResult) -> None:
    handler = _ON_LOST.get(task_result.task_path)
    if handler is None:
        return
    arguments = task_result.args_kwargs
    try:
        with transaction.atomic():
            handler(*arguments.get("args", []), **arguments.get("kwargs", {}))
    except Exception:  # the task stays failed; its own record is left for a person to see
        logger.exception("the handler of the lost task %s failed", task_result.pk)
