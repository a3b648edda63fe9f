"""The import of a published report, declared once (see `xuncha.workflow.actions`): the office
corrects the uploaded text and imports it once, into an inspection without feedback."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.permissions import Action as Access
from xuncha.accounts.permissions import can
from xuncha.workflow.actions import Action, declare

UPLOAD = "reports.ReportUpload"


def _open(upload) -> str | None:
    return gettext("This report has already been imported.") if upload.imported_at is not None else None


def _importable(upload) -> str | None:
    if (why := _open(upload)) is not None:
        return why
    if upload.inspection.problems.exists():
        return gettext("This inspection already has its feedback; import into an inspection without one.")
    return None


def _may_import(user, upload) -> bool:
    return can(user, Access.CHANGE, upload)


declare(Action(
    "report.correct", _("Correct and read again"), UPLOAD, _open, _may_import, "reports.upload.corrected",
    style="secondary",
    perform=lambda o, by, d: _d().correct_text(o, by=by, text=d.get("text")),
))
declare(Action(
    "report.import", _("Create the feedback and ledger"), UPLOAD, _importable, _may_import, "reports.report.imported",
    perform=lambda o, by, d: _d().import_upload(o, by=by, text=d.get("text")),
))


def _d():
    from xuncha.reports import domain

    return domain
