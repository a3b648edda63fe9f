"""Clues (问题线索): allegations against named people, handled by discipline bodies and never
shown to the inspected organisation. Received → dual-signed → transferred → receipt confirmed
→ concluded, with a handling method; per person, 立案 (a stage, with its date) and the outcome,
from which the form (四种形态) follows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.clues.enums import FORM_LABELS, FORM_OF, ClueStatus, Disposition, HandlingMethod, ReceivingKind
from xuncha.findings.enums import FindingSource
from xuncha.people.enums import Rank


class Clue(ArchivableModel, VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="clues"
    )
    serial = models.PositiveIntegerField(_("number"))
    allegation = models.TextField(_("allegation"))
    source = models.CharField(_("source"), max_length=16, choices=FindingSource.choices)
    status = models.CharField(_("status"), max_length=16, choices=ClueStatus.choices, default=ClueStatus.RECEIVED)
    received_on = models.DateField(_("received on"))
    receiving_kind = models.CharField(
        _("receiving body kind"), max_length=16, choices=ReceivingKind.choices, blank=True
    )
    receiving_body = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("receiving body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_clues",
    )
    transferred_on = models.DateField(_("transferred on"), null=True, blank=True)
    report_due_on = models.DateField(_("result due back"), null=True, blank=True)
    acknowledged_on = models.DateField(_("receipt confirmed on"), null=True, blank=True)
    handling_method = models.CharField(_("handling method"), max_length=16, choices=HandlingMethod.choices, blank=True)
    handling_note = models.TextField(_("handling"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    reported_back_on = models.DateField(_("result reported back on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clue")
        verbose_name_plural = _("clues")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "serial"], name="clues_serial_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="concluded") | models.Q(concluded_on__isnull=False),
                name="clues_concluded_has_date",
            ),
        ]

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("Clue %(number)s") % {"number": self.reference}

    @property
    def reference(self) -> str:
        return f"{self.inspection_id}-{self.serial:03d}"

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path


class CluePerson(models.Model):
    clue = models.ForeignKey(Clue, verbose_name=_("clue"), on_delete=models.PROTECT, related_name="persons")
    name = models.CharField(_("name"), max_length=60)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rank = models.CharField(_("rank"), max_length=16, choices=Rank.choices, default=Rank.OTHER)
    position = models.CharField(_("position"), max_length=120, blank=True)
    # 立案: a stage with its date, shown beside the four forms until the outcome decides the form
    case_filed_on = models.DateField(_("case filed on"), null=True, blank=True)
    disposition = models.CharField(_("disposition"), max_length=20, choices=Disposition.choices, blank=True)
    disposition_note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person concerned")
        verbose_name_plural = _("people concerned")
        ordering = ["clue", "id"]

    def __str__(self):
        return self.name

    @property
    def form(self) -> int | None:
        """The form (四种形态) follows from the outcome; a person whose case is filed and who has
        no outcome yet has no form."""
        return FORM_OF.get(self.disposition) if self.disposition else None

    @property
    def form_label(self) -> str:
        return str(FORM_LABELS[self.form]) if self.form else ""

    @property
    def handled(self) -> bool:
        return bool(self.disposition) or self.case_filed_on is not None


class ClueSignature(models.Model):
    """One of the two signatures (双签字) a clue needs before transfer; never the same user twice."""

    clue = models.ForeignKey(Clue, verbose_name=_("clue"), on_delete=models.PROTECT, related_name="signatures")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at"]
        constraints = [models.UniqueConstraint(fields=["clue", "signer"], name="clues_one_signature_per_user")]

    def __str__(self):
        return f"{self.clue} · {self.signer}"
