"""Petitions (信访件) from the public, their reporters' identities kept apart and encrypted,
and immediate fixes (立行立改) handed to units during the inspection."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel, WrittenOnce
from xuncha.petitions.enums import Channel, FixStatus, Outcome, PetitionStatus, RevealReason


class Petition(ArchivableModel, VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="petitions"
    )
    serial = models.PositiveIntegerField(_("number"))
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    content = models.TextField(_("content"))
    status = models.CharField(
        _("status"), max_length=16, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED
    )
    outcome = models.CharField(_("triage"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("reason"), blank=True)
    clue = models.ForeignKey(
        "clues.Clue", verbose_name=_("clue"), null=True, blank=True, on_delete=models.PROTECT, related_name="petitions"
    )
    finding = models.ForeignKey(
        "findings.Finding",
        verbose_name=_("finding"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    reply = models.TextField(_("reply to the reporter"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["tracking_code"])

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "serial"], name="petitions_serial_unique")]

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("Petition %(number)s") % {"number": f"{self.inspection_id}-{self.serial:03d}"}

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path


class ReporterIdentity(models.Model):
    """Who reported: name, phone, workplace and address, encrypted together with SM4-GCM and
    bound to the petition. Never exported, transferred or shown without an explicit, logged
    reveal by a user granted the identity-reader role. No history is kept of this table."""

    petition = models.OneToOneField(
        Petition, verbose_name=_("petition"), on_delete=models.PROTECT, related_name="identity"
    )
    token = models.TextField(_("encrypted identity"))
    key_id = models.CharField(_("key id"), max_length=40, db_index=True)

    class Meta:
        verbose_name = _("reporter identity")
        verbose_name_plural = _("reporter identities")

    def __str__(self):
        return f"#{self.petition_id}"


class IdentityReveal(WrittenOnce):
    """One opening of a reporter's identity, with the reason in the reader's words. The access
    log records that it happened, by whom, when, for which petition and the reason's category;
    the words stay here, read only by those who may reveal the identity themselves. Append-only
    like the log: a reveal is never edited."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.PROTECT, related_name="identity_reveals"
    )
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revealed by"), on_delete=models.PROTECT, related_name="+"
    )
    revealed_at = models.DateTimeField(_("revealed at"), auto_now_add=True)
    category = models.CharField(_("reason category"), max_length=16, choices=RevealReason.choices)
    reason = models.CharField(_("reason"), max_length=300)

    changed_refusal = "A reveal record is never changed."
    deleted_refusal = "A reveal record is never deleted."

    class Meta:
        verbose_name = _("identity reveal")
        verbose_name_plural = _("identity reveals")
        ordering = ["-revealed_at", "-id"]

    def __str__(self):
        return f"#{self.petition_id} {self.revealed_at:%Y-%m-%d %H:%M}"



class ImmediateFix(ArchivableModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="immediate_fixes"
    )
    petition = models.ForeignKey(
        Petition,
        verbose_name=_("petition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="immediate_fixes",
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("handed to"), on_delete=models.PROTECT, related_name="immediate_fixes"
    )
    description = models.TextField(_("what to fix"))
    handed_over_on = models.DateField(_("handed over on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=8, choices=FixStatus.choices, default=FixStatus.OPEN)
    result = models.TextField(_("result"), blank=True)
    fixed_on = models.DateField(_("fixed on"), null=True, blank=True)
    answer_to_reporter = models.TextField(_("answer to the reporter"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("immediate fix")
        verbose_name_plural = _("immediate fixes")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("handed_over_on")),
                name="petitions_fix_deadline_after_handover",
                violation_error_message=_("The deadline is before the hand-over."),
            ),
        ]

    def __str__(self):
        return self.description[:40]

    @property
    def is_overdue(self) -> bool:
        """Still open after its deadline (the list's badge and its `overdue` filter)."""
        from django.utils import timezone

        return self.status == FixStatus.OPEN and self.deadline < timezone.localdate()

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path
