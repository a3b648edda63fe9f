"""The ledger import job's steps, each declared once (see `xuncha.workflow.actions`):

an inspection ──import the ledger──▶ (applied now, or) a job queued ──cancel──▶ cancelled
(a queued job at once; a running one at its next row check).

Importing rewrites plans, so it is the inspection's office's or the liaison's whose plan it is
(`ledger.rules.may_import`); a job is its starter's own, and only its starter cancels it.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action as Do
from xuncha.accounts.permissions import can
from xuncha.ledger.rules import may_import
from xuncha.workflow.actions import Action, declare


def _d():
    from xuncha.ledger import domain

    return domain


def _importable(inspection) -> str | None:
    if inspection.is_archived:
        return gettext("This inspection is archived; its ledger can no longer be imported.")
    return None


def _cancellable(job) -> str | None:
    if job.finished:
        return gettext("The job has already finished.")
    if job.cancel_requested_at is not None:
        return gettext("The job is already being cancelled.")
    return None


def _may_cancel(user, job) -> bool:
    return getattr(user, "pk", None) is not None and can(user, Do.CHANGE, job)


declare(Action(
    "inspection.import_ledger", _("Import the ledger"), "inspections.Inspection", _importable, may_import,
    "ledger.job.started", next_actor=Role.OFFICE.value, requires=("file",),
    perform=lambda o, by, d: _d().start_import(o, by=by, upload=d.get("ledger"), language=d.get("language", "")),
))
declare(Action(
    "ledgerjob.cancel", _("Cancel the job"), "ledger.LedgerJob", _cancellable, _may_cancel, "ledger.job.cancelled",
    style="danger",
    perform=lambda o, by, d: _d().cancel_job(o, by=by),
))
