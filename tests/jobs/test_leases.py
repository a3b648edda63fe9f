"""Leases and the reaper: a running task whose worker stopped renewing its lease is failed, its
app told (the supervision tasks, safe to run twice, are queued again), and a live one is left."""

from datetime import timedelta

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from xuncha.jobs.leases import reap_lost_tasks, renew_lease, start_lease
from xuncha.jobs.models import TaskLease
from xuncha.jobs.worker import LeasedWorker
from xuncha.supervision.tasks import run_warnings

pytestmark = pytest.mark.django_db
LEASE = 60


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.XUNCHA_TASK_LEASE_SECONDS = LEASE


def _running(worker_id: str = "w1", *, leased: bool = True) -> DBTaskResult:
    """A run of the warnings, claimed by a worker as django-tasks-db claims it."""
    result = DBTaskResult.objects.get(pk=run_warnings.enqueue("2026-03-01").id)
    result.claim(worker_id)
    if leased:
        start_lease(result, worker_id)
    return result


def _later(seconds: int):
    return timezone.now() + timedelta(seconds=seconds)


def test_a_task_whose_lease_ran_out_is_failed_and_queued_again_when_safe():
    lost = _running()
    assert reap_lost_tasks() == [] and reap_lost_tasks(now=_later(LEASE - 5)) == []
    assert [r.pk for r in reap_lost_tasks(now=_later(LEASE + 1))] == [lost.pk]
    lost.refresh_from_db()
    assert lost.status == "FAILED" and lost.exception_class_path == "xuncha.jobs.leases.WorkerLost"
    assert "lease" in lost.traceback and not TaskLease.objects.exists()
    again = DBTaskResult.objects.exclude(pk=lost.pk).get()  # run_warnings is safe to run twice
    assert again.status == "READY" and again.args_kwargs["args"] == ["2026-03-01"]
    assert reap_lost_tasks(now=_later(LEASE + 1)) == []  # failed once


def test_a_running_task_without_a_lease_is_failed_a_lease_after_it_started():
    lost = _running(leased=False)  # its worker died between claiming it and writing the lease
    assert reap_lost_tasks() == []
    assert [r.pk for r in reap_lost_tasks(now=_later(LEASE + 1))] == [lost.pk]


def test_a_renewed_lease_keeps_its_task_running():
    alive = _running()
    TaskLease.objects.update(heartbeat_at=_later(-LEASE - 10))
    assert renew_lease(alive.pk, "w1") and not renew_lease(alive.pk, "another worker")
    assert reap_lost_tasks() == []
    alive.refresh_from_db()
    assert alive.status == "RUNNING"


def test_finished_tasks_and_their_leftover_leases():
    done = _running()
    done.set_successful({"ok": True})  # its worker lost the database before removing the lease
    assert reap_lost_tasks(now=_later(LEASE + 1)) == []
    done.refresh_from_db()
    assert done.status == "SUCCESSFUL" and not TaskLease.objects.exists()


def test_reap_tasks_command_reports_what_it_failed(capsys):
    lost = _running()
    TaskLease.objects.update(heartbeat_at=_later(-LEASE - 10))
    call_command("reap_tasks")
    out = capsys.readouterr().out
    assert str(lost.pk) in out and "1 lost task(s) failed" in out


@pytest.mark.django_db(transaction=True)  # the worker closes and reopens connections between tasks
def test_the_worker_runs_each_task_under_a_lease_it_removes_after():
    assert get_commands()["db_worker"] == "xuncha.jobs"  # ours, not django-tasks-db's
    result = DBTaskResult.objects.get(pk=run_warnings.enqueue("2026-03-01").id)
    leases_seen = []
    from django.db.models.signals import post_save

    def seen(sender, instance, created, **kwargs):
        leases_seen.append((instance.task_result_id, instance.worker_id))

    post_save.connect(seen, sender=TaskLease)
    try:
        worker = LeasedWorker(
            queue_names=["default"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="w-test",
        )
        worker.run()
    finally:
        post_save.disconnect(seen, sender=TaskLease)
    result.refresh_from_db()
    assert result.status == "SUCCESSFUL" and result.worker_ids == ["w-test"]
    assert leases_seen == [(result.pk, "w-test")] and not TaskLease.objects.exists()
    assert not worker.housekeeper.is_alive()
