"""Ledger imports and their jobs through the API (see `xuncha.restapi.exposure`): a job's
detail for its starter, its cancel step as a POST, and the import itself (multipart, checked by
content as on the page): a long ledger answers 202 with its job, a short one 200 with the
import's outcome (nothing changed when any row was bad)."""

from datetime import datetime

from django.utils.translation import get_language
from ninja import File, Schema, Status
from ninja.files import UploadedFile

from xuncha.accounts.permissions import get_for_user_or_404, restrict
from xuncha.restapi.exposure import Exposed, expose, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions
from xuncha.workflow.steps import form_data


class JobOut(Schema):
    id: int
    kind: str
    status: str
    inspection_id: int | None
    rows_done: int
    rows_total: int
    error_count: int
    message: str
    cancelling: bool
    created_at: datetime
    finished_at: datetime | None
    actions: list[str]


class RowErrorOut(Schema):
    row: int | None
    column: str
    message: str


class ImportOut(Schema):
    ok: bool
    rows: int
    unchanged: int
    updated: int
    added: int
    error_count: int
    errors: list[RowErrorOut]


def _jobs(user):
    from xuncha.ledger.models import LedgerJob

    return restrict(LedgerJob.objects.all(), user)


def _job_out(request, job):
    data = {f: getattr(job, f) for f in JobOut.model_fields if f != "actions"}
    data["actions"] = offered_names(request, job, "ledger.LedgerJob")
    return data


@api.post(
    "/inspections/{inspection_id}/ledger_import",
    response={200: ImportOut, 202: JobOut},
    operation_id="inspection_import_ledger",
)
def import_ledger(request, inspection_id: int, ledger: File[UploadedFile]):
    """Import an edited ledger (.xlsx) into the inspection, as the page's import does."""
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.ledger.forms import LedgerUploadForm
    from xuncha.ledger.models import LedgerJob

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=inspection_id)
    if not actions.get("inspection.import_ledger").allowed(request.user, inspection):
        raise actions.ActionRefused("inspection.import_ledger")  # before the upload is read
    cleaned = form_data(LedgerUploadForm(files={"ledger": ledger}))  # the page's checks of the file, by content
    outcome = actions.take(
        "inspection.import_ledger", inspection, by=request.user,
        data={"ledger": cleaned["ledger"], "language": get_language()},
    )
    if isinstance(outcome, LedgerJob):
        return Status(202, _job_out(request, outcome))
    errors = [{"row": e.row, "column": e.column, "message": e.message} for e in outcome.errors]
    return {**{f: getattr(outcome, f) for f in ImportOut.model_fields if f != "errors"}, "errors": errors}


expose(Exposed("ledger.LedgerJob", "ledger_jobs", _jobs, JobOut, _job_out))
