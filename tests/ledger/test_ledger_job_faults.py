"""A worker killed in the middle of an import: the job is failed, shown as such, and the ledger
is as it was (the import's writes were one transaction, lost with the worker's connection)."""

import signal
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from tests.jobs.worker_process import LEASE_SECONDS, start_worker, stop, wait_for
from tests.ledger.conftest import column_of, row_of
from xuncha.audit.models import AuditEvent
from xuncha.jobs.leases import reap_lost_tasks
from xuncha.jobs.models import TaskLease
from xuncha.ledger.enums import JobKind, JobStatus
from xuncha.ledger.models import LedgerJob
from xuncha.rectification.models import Measure

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (a second process)"),
]


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.XUNCHA_TASK_LEASE_SECONDS = LEASE_SECONDS


def _ledger_state(inspection):
    measures = Measure.objects.filter(plan__inspection=inspection).order_by("pk")
    return list(measures.values_list("pk", "standard", "version")), Measure.history.count()


def test_worker_killed_mid_import_fails_the_job_and_changes_nothing(client, case, database_tasks, tmp_path):
    from django_tasks_db.models import DBTaskResult

    from tests.ledger.stalling import stalling_ledger_job
    from tests.ledger.test_ledger_jobs import _export_now

    content = _export_now(client, case)

    def edit(sheet):
        for measure in case.measures:
            sheet.cell(row_of(sheet, f"M{measure.pk}:"), column_of(sheet, "完成标准")).value = "被中断的导入"

    from tests.ledger.conftest import edited

    job = LedgerJob(kind=JobKind.IMPORT, user=case.office, inspection=case.inspection, language="zh-hans")
    job.source.save("import-fault.xlsx", ContentFile(edited(content, edit)), save=False)
    job.save()
    before = _ledger_state(case.inspection)
    marker = tmp_path / "stalled"
    task = stalling_ledger_job.enqueue(job.pk, str(marker))

    worker = start_worker(tmp_path)
    try:
        wait_for(marker.exists, worker, tmp_path)  # the measures are written, not committed
        job.refresh_from_db()
        assert job.status == JobStatus.RUNNING and job.rows_done == job.rows_total > 0
        assert TaskLease.objects.filter(task_result_id=task.id).exists()
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        stop(worker)

    assert reap_lost_tasks() == []  # the lease has not run out yet
    reaped = reap_lost_tasks(now=timezone.now() + timedelta(seconds=LEASE_SECONDS + 1))
    assert [str(r.pk) for r in reaped] == [str(task.id)]

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert "未做任何修改" in job.message  # in the language of its starter
    result = DBTaskResult.objects.get(pk=task.id)
    assert result.status == "FAILED" and result.exception_class_path == "xuncha.jobs.leases.WorkerLost"
    assert not TaskLease.objects.exists()
    assert _ledger_state(case.inspection) == before
    assert not AuditEvent.objects.filter(action="ledger.import.applied").exists()
    assert AuditEvent.objects.filter(action="ledger.job.lost", object_id=str(job.pk)).exists()

    client.force_login(case.office)
    page = client.get(f"/ledger/jobs/{job.pk}/").content.decode()
    status = page[page.index('<div id="job-status"') :]
    assert job.message in status and "alert-danger" in status
    assert "hx-trigger" not in status.split(">", 1)[0]  # finished: the page stops polling
