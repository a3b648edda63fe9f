"""Follow-up inspections (回头看): the earlier problems a follow-up inspection re-checks.

The follow-up inspection itself is an ordinary `Inspection` of kind follow_up whose
`follows_up` names the earlier one: its team, findings, feedback and clues are the usual ones.
This app keeps only what is its own: one `ReCheck` per earlier problem, with its verdict."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.followup.enums import ReCheckStatus, Verdict


class ReCheck(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("follow-up inspection"),
        on_delete=models.PROTECT,
        related_name="rechecks",
    )
    problem = models.ForeignKey(
        "findings.Problem", verbose_name=_("earlier problem"), on_delete=models.PROTECT, related_name="rechecks"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReCheckStatus.choices, default=ReCheckStatus.PENDING
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, blank=True)
    note = models.TextField(_("what the re-check found"), blank=True)
    evidence = models.ManyToManyField("files.StoredFile", verbose_name=_("evidence"), blank=True, related_name="+")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_on = models.DateField(_("re-checked on"), null=True, blank=True)
    rebound = models.OneToOneField(
        "rectification.Rebound",
        verbose_name=_("rebound"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recheck",
    )
    new_problem = models.OneToOneField(
        "findings.Problem",
        verbose_name=_("problem in the follow-up's feedback"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recheck_source",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("re-check")
        verbose_name_plural = _("re-checks")
        ordering = ["inspection", "problem__inspection", "problem__position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "problem"], name="followup_recheck_once"),
            models.CheckConstraint(
                condition=models.Q(status=ReCheckStatus.PENDING, verdict="")
                | (models.Q(status=ReCheckStatus.CHECKED) & ~models.Q(verdict="")),
                name="followup_recheck_verdict_iff_checked",
            ),
            models.CheckConstraint(
                condition=models.Q(rebound__isnull=True) | models.Q(verdict=Verdict.REBOUND),
                name="followup_recheck_rebound_only_for_rebound",
            ),
        ]

    def __str__(self):
        return str(self.problem)
