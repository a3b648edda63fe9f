"""Ledger jobs: exports and imports too long to run inside a request, run by a worker.

A job belongs to the user who started it and records what it is doing (rows done of the
total), its result (the exported file) or its error report, and a short notice shown on the
job's page when it finishes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xuncha.ledger.enums import JobKind, JobStatus


def _job_path(instance, filename: str) -> str:
    """Job files are served only through the job's page to its starter; their names carry a
    random part as well, in case the media directory is ever exposed."""
    return f"ledger/jobs/{filename}"


class LedgerJob(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=JobKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT, related_name="+"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    term = models.ForeignKey(
        "plans.Term", verbose_name=_("term"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=16, help_text=_("Messages are written in this language."))
    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in all"), default=0)
    source = models.FileField(_("uploaded ledger"), upload_to=_job_path, blank=True)
    result = models.FileField(_("exported ledger"), upload_to=_job_path, blank=True)
    errors = models.JSONField(_("error report"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    message = models.TextField(_("notice"), blank=True)
    cancel_requested_at = models.DateTimeField(
        _("cancel requested at"),
        null=True,
        blank=True,
        help_text=_("A running job stops at its next row check once this is set."),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ledger job")
        verbose_name_plural = _("ledger jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inspection__isnull=False) ^ models.Q(term__isnull=False),
                name="ledger_job_for_inspection_or_term",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in JobStatus.finished_states()

    @property
    def failed(self) -> bool:
        return self.status == JobStatus.FAILED

    @property
    def cancelled(self) -> bool:
        return self.status == JobStatus.CANCELLED

    @property
    def is_import(self) -> bool:
        return self.kind == JobKind.IMPORT

    @property
    def cancelling(self) -> bool:
        return self.cancel_requested_at is not None and not self.finished

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(100, self.rows_done * 100 // self.rows_total) if self.rows_total else 0

    @property
    def audit_org_path(self) -> str:
        return (self.inspection.term if self.inspection_id else self.term).owner.path
