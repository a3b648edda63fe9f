"""An uploaded published report through the API (see `xuncha.restapi.exposure`): its detail and
its two steps, correcting the text and importing it, as the review page takes them."""

from datetime import datetime

from ninja import Schema

from xuncha.accounts.permissions import restrict
from xuncha.reports.actions import UPLOAD
from xuncha.reports.models import ReportUpload
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names


class UploadOut(Schema):
    id: int
    inspection_id: int
    organisation_id: int
    text: str
    imported_at: datetime | None
    actions: list[str]


class UploadStepIn(Schema):
    text: str | None = None  # the corrected text (import: optional, the stored text otherwise)


def _uploads(user):
    return restrict(ReportUpload.objects.select_related("inspection"), user)


def _out(request, upload):
    return {**fields_of(upload, UploadOut), "actions": offered_names(request, upload, UPLOAD)}


def _step_data(action, request, data: dict) -> dict:
    return {"text": data["text"]} if data.get("text") is not None else {}


expose(Exposed(UPLOAD, "report-uploads", _uploads, UploadOut, _out, step_in=UploadStepIn, step_data=_step_data))
