"""Per-person accountability outcomes (问责): who was held accountable, how, when and by whom.

The outcome uses the clue dispositions' vocabulary, so the form (四种形态) follows from it the
same way (`xuncha.clues.enums.FORM_OF`) and the two are counted alike (seed 001: 补充问责17人).
The 问责书 sent to an organisation is a supervision document; each person it led to is a row
here, linked to it where there is one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.clues.enums import FORM_LABELS, FORM_OF, Disposition


class Accountability(ArchivableModel, VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="accountabilities",
    )
    problem = models.ForeignKey(
        "findings.Problem",
        verbose_name=_("problem"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountabilities",
    )
    document = models.ForeignKey(
        "supervision.SupervisionDocument",
        verbose_name=_("accountability letter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountabilities",
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person held accountable"), on_delete=models.PROTECT, related_name="+"
    )
    disposition = models.CharField(_("outcome"), max_length=20, choices=Disposition.choices)
    decided_on = models.DateField(_("decided on"))
    deciding_body = models.CharField(_("deciding body"), max_length=120)
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accountability outcome")
        verbose_name_plural = _("accountability outcomes")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.person.name} · {self.get_disposition_display()}"

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path

    @property
    def form(self) -> int:
        return FORM_OF[Disposition(self.disposition)]

    @property
    def form_label(self):
        return FORM_LABELS[self.form]
