"""Background work of the ledger app: thin tasks that take a job's key and call the domain."""

from django_tasks import task

from xuncha.jobs.leases import on_worker_lost


@task()
def run_ledger_job(job_id: int) -> None:
    from xuncha.ledger.domain import run_job
    from xuncha.ledger.models import LedgerJob

    run_job(LedgerJob.objects.get(pk=job_id))


@on_worker_lost(run_ledger_job)
def ledger_job_lost(job_id: int) -> None:
    """Not run again: a job that killed its worker (a file too large for its memory) would kill
    the next one too. Its starter sees it failed and may start it again."""
    from xuncha.ledger.domain import fail_lost_job

    fail_lost_job(job_id)
