"""Interviews (约谈): leaders talk to the people responsible for slow or weak rectification."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel


class Interview(ArchivableModel, VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="interviews"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="interviews"
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    interviewers = models.ManyToManyField("people.Person", verbose_name=_("interviewers"), related_name="+")
    interviewees = models.ManyToManyField(
        "people.Person", verbose_name=_("interviewees"), related_name="interviews_received"
    )
    reason = models.TextField(_("reason"))
    measures = models.ManyToManyField(
        "rectification.Measure", verbose_name=_("measures"), blank=True, related_name="interviews"
    )
    documents = models.ManyToManyField(
        "supervision.SupervisionDocument", verbose_name=_("documents"), blank=True, related_name="interviews"
    )
    summary = models.TextField(_("summary"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[interviewers, interviewees, measures, documents])

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path
