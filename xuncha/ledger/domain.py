"""Ledger jobs: deciding when an export or import runs in the background, starting the job,
and running it in the worker (progress, result, error report and the notice when done).

A job is queued on commit, so the worker never sees a job whose row is not yet saved; the task
only loads the job and calls `run_job`.
"""

import logging
import secrets
import tempfile
from contextlib import contextmanager
from types import SimpleNamespace

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from xuncha.accounts.permissions import Action
from xuncha.audit.domain import record_event
from xuncha.ledger.enums import JobKind, JobStatus
from xuncha.ledger.export import export_inspection_ledger, export_term_ledger
from xuncha.ledger.importer import ImportResult, import_ledger
from xuncha.ledger.models import LedgerJob
from xuncha.ledger.queries import ledger_measures, ledger_problems

logger = logging.getLogger(__name__)

# Ledgers longer than this run as background jobs (a few seconds of work at most in a request).
# A deployment may set XUNCHA_LEDGER_JOB_ROWS in settings to move it.
DEFAULT_JOB_ROWS = 2000


def job_threshold() -> int:
    return getattr(settings, "XUNCHA_LEDGER_JOB_ROWS", DEFAULT_JOB_ROWS)


def export_size(user, inspections) -> int:
    """An upper bound of the rows an export would write (two COUNT queries)."""
    return (
        ledger_measures(user, Action.EXPORT, inspections).count()
        + ledger_problems(user, Action.EXPORT, inspections).count()
    )


def start_export_job(*, by, language: str, inspection=None, term=None) -> LedgerJob:
    kind = JobKind.EXPORT_INSPECTION if inspection is not None else JobKind.EXPORT_TERM
    with transaction.atomic():
        job = LedgerJob.objects.create(kind=kind, user=by, inspection=inspection, term=term, language=language)
        record_event("ledger.job.started", actor=by, obj=job, data={"kind": kind})
        _queue(job)
    return job


def start_import_job(inspection, *, by, language: str, upload) -> LedgerJob:
    with transaction.atomic():
        job = LedgerJob(kind=JobKind.IMPORT, user=by, inspection=inspection, language=language)
        job.source.save(f"import-{secrets.token_hex(8)}.xlsx", upload, save=False)
        job.save()
        record_event("ledger.job.started", actor=by, obj=job, data={"kind": JobKind.IMPORT})
        _queue(job)
    return job


def _queue(job: LedgerJob) -> None:
    from xuncha.ledger.tasks import run_ledger_job

    transaction.on_commit(lambda: run_ledger_job.enqueue(job.pk))


def run_job(job: LedgerJob) -> LedgerJob:
    """Run a queued job to its end. Its messages are written in the language of its starter."""
    claimed = LedgerJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(status=JobStatus.RUNNING)
    if not claimed:
        return job  # already run or running: a task delivered twice runs once

    def progress(done: int, total: int) -> None:
        LedgerJob.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    with translation.override(job.language), _history_user(job.user):
        try:
            if job.kind == JobKind.IMPORT:
                _run_import(job, progress)
            else:
                _run_export(job, progress)
        except Exception:
            logger.exception("ledger job %s failed", job.pk)
            _finish(job, JobStatus.FAILED, _("The job failed unexpectedly; nothing was changed. Try again later."))
            raise
    return job


@contextmanager
def _history_user(user):
    """Field history names the job's starter, as it does for the same edit made on a page
    (there the request middleware tells django-simple-history who is acting)."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user, META={})  # no client address: the worker acts
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous


def _run_export(job: LedgerJob, progress) -> None:
    with tempfile.TemporaryFile() as out:
        if job.kind == JobKind.EXPORT_INSPECTION:
            rows = export_inspection_ledger(job.inspection, user=job.user, out=out, progress=progress)
        else:
            rows = export_term_ledger(job.term, user=job.user, out=out, progress=progress)
        out.seek(0)
        job.result.save(f"ledger-{job.pk}-{secrets.token_hex(8)}.xlsx", File(out), save=False)
    job.rows_done = job.rows_total = rows
    _finish(
        job,
        JobStatus.DONE,
        ngettext("The ledger is ready: %(rows)d row.", "The ledger is ready: %(rows)d rows.", rows) % {"rows": rows},
    )


def _run_import(job: LedgerJob, progress) -> None:
    with job.source.open("rb") as source:
        result = import_ledger(job.inspection, by=job.user, source=source, progress=progress)
    job.rows_done = job.rows_total = result.rows
    job.errors = [{"row": e.row, "column": e.column, "message": e.message} for e in result.errors]
    job.error_count = result.error_count
    _finish(job, JobStatus.DONE, import_notice(result))


def import_notice(result: ImportResult) -> str:
    if not result.ok:
        return ngettext(
            "Nothing was changed: the import found %(count)d error. See the report.",
            "Nothing was changed: the import found %(count)d errors. See the report.",
            result.error_count,
        ) % {"count": result.error_count}
    return _(
        "Import done. Measures changed: %(updated)d; measures added: %(added)d; rows unchanged: %(unchanged)d."
    ) % {"updated": result.updated, "added": result.added, "unchanged": result.unchanged}


def _finish(job: LedgerJob, status: str, message: str) -> None:
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.save()
