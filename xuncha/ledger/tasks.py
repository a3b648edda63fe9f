"""Background work of the ledger app: thin tasks that take a job's key and call the domain."""

from django_tasks import task


@task()
def run_ledger_job(job_id: int) -> None:
    from xuncha.ledger.domain import run_job
    from xuncha.ledger.models import LedgerJob

    run_job(LedgerJob.objects.get(pk=job_id))
