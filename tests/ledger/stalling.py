"""A test-only task: the real ledger job, stalled (until its worker is killed) just after the
import has written its measures inside its transaction (the edits' events are written in one
INSERT, then the import's own event, `ledger.import.applied`, in the same transaction). The stall
is an observer of the audit log (a post_save receiver), not a change to the code under test."""

import time
from pathlib import Path

from django.db.models.signals import post_save
from django_tasks import task

from xuncha.jobs.leases import on_worker_lost
from xuncha.ledger.tasks import ledger_job_lost, run_ledger_job


@task()
def stalling_ledger_job(job_id: int, marker: str) -> None:
    from xuncha.audit.models import AuditEvent

    def stall(sender, instance, **kwargs):
        if instance.action == "ledger.import.applied":
            Path(marker).write_text(instance.object_id)
            time.sleep(600)

    post_save.connect(stall, sender=AuditEvent, weak=False)
    run_ledger_job.call(job_id)


on_worker_lost(stalling_ledger_job)(lambda job_id, marker: ledger_job_lost(job_id))
