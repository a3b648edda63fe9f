"""Ledger jobs: deciding when an export or import runs in the background, starting the job,
running it in the worker (progress, result, error report and the notice when done), cancelling
it, and failing it when its worker died.

A job is queued on commit, so the worker never sees a job whose row is not yet saved; the task
only loads the job and calls `run_job`.

Cancelling a queued job ends it at once. A running job is asked to stop: the worker notices at
its next progress report (every row check of an import, every block of an export) and stops
with nothing changed. An import's checks come before its writes and the writes are one
transaction, so an import either stops before writing or finishes; a cancel that comes during
the writes is too late and the job ends done.
"""

import logging
import secrets
import tempfile
from contextlib import contextmanager
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from xuncha.accounts.permissions import Action
from xuncha.audit.domain import record_event
from xuncha.audit.models import AuditEvent
from xuncha.ledger.enums import JobKind, JobStatus
from xuncha.ledger.export import export_inspection_ledger, export_term_ledger
from xuncha.ledger.importer import ImportResult, import_ledger
from xuncha.ledger.models import LedgerJob
from xuncha.ledger.queries import ledger_measures, ledger_problems
from xuncha.workflow import actions

logger = logging.getLogger(__name__)


class JobCancelled(Exception):
    """Raised in the worker at a progress report of a job whose cancel was requested."""


def job_threshold() -> int:
    """Exports with more rows run as jobs (XUNCHA_LEDGER_JOB_ROWS; writing a row costs little)."""
    return settings.XUNCHA_LEDGER_JOB_ROWS


def import_job_threshold() -> int:
    """Imports with more rows run as jobs (XUNCHA_LEDGER_IMPORT_JOB_ROWS): each row is checked and
    may be written through the domain functions, so a few hundred rows already take seconds on a
    busy machine, and a request must stay well inside a proxy's timeout."""
    return settings.XUNCHA_LEDGER_IMPORT_JOB_ROWS


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


def start_import(inspection, *, by, upload, language: str):
    """Import an uploaded ledger (the declared step `inspection.import_ledger`): a long ledger
    becomes a job (returned, queued), a short one is imported now (its `ImportResult`)."""
    from xuncha.ledger.reading import count_rows

    if upload is None:
        raise ValidationError(_("Choose a ledger file to import."))
    if count_rows(upload) > import_job_threshold():
        return start_import_job(inspection, by=by, language=language, upload=upload)
    return import_ledger(inspection, by=by, source=upload)


def start_import_job(inspection, *, by, language: str, upload) -> LedgerJob:
    from xuncha.inspections.models import Inspection

    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        actions.check("inspection.import_ledger", by, locked)
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
        report_progress(job.pk, done, total)

    with translation.override(job.language), _history_user(job.user):
        try:
            if job.kind == JobKind.IMPORT:
                _run_import(job, progress)
            else:
                _run_export(job, progress)
        except JobCancelled:
            job.refresh_from_db(fields=["rows_done", "rows_total"])
            _finish(job, JobStatus.CANCELLED, _("The job was cancelled; nothing was changed."))
        except Exception:
            logger.exception("ledger job %s failed", job.pk)
            _finish(job, JobStatus.FAILED, _("The job failed unexpectedly; nothing was changed. Try again later."))
            raise
    return job


def report_progress(job_id: int, done: int, total: int) -> None:
    """Record the rows done; raise JobCancelled, recording nothing, once a cancel was requested."""
    reported = LedgerJob.objects.filter(pk=job_id, cancel_requested_at__isnull=True).update(
        rows_done=done, rows_total=total
    )
    if not reported:
        raise JobCancelled


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
        result = import_ledger(job.inspection, by=job.user, source=source, progress=progress, job_id=job.pk)
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


def cancel_job(job: LedgerJob, *, by) -> LedgerJob:
    """End a queued job now; ask a running one to stop (see the module's docstring)."""
    with transaction.atomic():
        job = LedgerJob.objects.select_for_update().get(pk=job.pk)
        actions.check("ledgerjob.cancel", by, job)
        previous = job.status
        job.cancel_requested_at = timezone.now()
        fields = ["cancel_requested_at"]
        if job.status == JobStatus.QUEUED:  # the worker's claim waits for this lock, then finds it gone
            with translation.override(job.language):
                job.message = _("The job was cancelled before it started; nothing was changed.")
            job.status, job.finished_at = JobStatus.CANCELLED, job.cancel_requested_at
            fields += ["status", "message", "finished_at"]
        job.save(update_fields=fields)
        record_event("ledger.job.cancelled", actor=by, obj=job, data={"kind": job.kind, "status": previous})
    return job


def fail_lost_job(job_id: int) -> LedgerJob | None:
    """The worker running the job stopped (killed, machine lost) and the job's lease ran out: the
    job is failed. An import changed nothing, its writes being one transaction the database
    rolled back when the worker's connection went; unless the worker was lost after that
    transaction committed (its `ledger.import.applied` event names the job): then the job is
    done, and says so without its counts."""
    with transaction.atomic():
        job = (
            LedgerJob.objects.select_for_update()
            .filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
            .first()
        )
        if job is None:
            return None  # it finished after all, or was cancelled
        applied = (
            job.kind == JobKind.IMPORT
            and AuditEvent.objects.filter(action="ledger.import.applied", data__job=job.pk).exists()
        )
        with translation.override(job.language):
            if applied:
                message = _("The import was applied; the worker running it was lost before it reported the details.")
                _finish(job, JobStatus.DONE, message)
            else:
                message = _("The job stopped: the worker running it was lost. Nothing was changed; start it again.")
                _finish(job, JobStatus.FAILED, message)
        record_event("ledger.job.lost", obj=job, data={"kind": job.kind, "applied": applied})
    return job


def _finish(job: LedgerJob, status: str, message: str) -> None:
    """Saves what the run wrote, not the whole row: a cancel requested meanwhile stays recorded."""
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.save(
        update_fields=[
            "status",
            "message",
            "finished_at",
            "rows_done",
            "rows_total",
            "result",
            "errors",
            "error_count",
        ]
    )
