"""Inspections: who inspects whom, when, on what theme, with which indicators and which
information gathered before entry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.inspections.enums import DEFAULT_ACCEPTED_MATTERS, InspectionKind, RecipientKind


class Inspection(ArchivableModel, VersionedModel):
    term = models.ForeignKey("plans.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="inspections")
    round = models.ForeignKey(
        "plans.Round",
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    batch = models.ForeignKey(
        "plans.Batch",
        verbose_name=_("batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=InspectionKind.choices, default=InspectionKind.ROUTINE)
    title = models.CharField(_("title"), max_length=200)
    team_name = models.CharField(_("team"), max_length=60, help_text=_("e.g. 市委第一巡察组"))
    theme = models.CharField(_("theme"), max_length=200, blank=True, help_text=_("For special inspections."))
    entry_on = models.DateField(_("entry"), null=True, blank=True)
    exit_on = models.DateField(_("exit"), null=True, blank=True)
    feedback_on = models.DateField(_("feedback"), null=True, blank=True)
    plan_due_on = models.DateField(_("plan due"), null=True, blank=True, editable=False)
    report_due_on = models.DateField(_("report due"), null=True, blank=True, editable=False)
    phone = models.CharField(_("reporting phone"), max_length=60, blank=True)
    mailbox = models.CharField(_("postal mailbox"), max_length=200, blank=True)
    email = models.CharField(_("e-mail"), max_length=120, blank=True)
    accepted_matters = models.TextField(_("matters accepted"), default=DEFAULT_ACCEPTED_MATTERS)
    follows_up = models.ForeignKey(
        "self",
        verbose_name=_("follows up"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        editable=False,
        help_text=_("The earlier inspection a follow-up inspection (回头看) re-checks."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-entry_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exit_on__isnull=True)
                | models.Q(entry_on__isnull=True)
                | models.Q(exit_on__gte=models.F("entry_on")),
                name="inspections_exit_after_entry",
            ),
            models.CheckConstraint(
                condition=models.Q(feedback_on__isnull=True)
                | models.Q(exit_on__isnull=True)
                | models.Q(feedback_on__gte=models.F("exit_on")),
                name="inspections_feedback_after_exit",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def audit_org_path(self) -> str:
        return self.term.owner.path

    @property
    def words(self):
        """巡视 or 巡察 and the words built on it, by the inspecting body's level (words.py)."""
        from xuncha.inspections.words import words_for

        return words_for(self)

    @property
    def kind_label(self) -> str:
        """The kind in the inspection's words: 常规巡视 for a provincial inspection."""
        return self.words.say(self.get_kind_display())


class InspectionTarget(models.Model):
    """An organisation inspected by an inspection. `round` repeats the inspection's round so
    the database itself refuses inspecting one organisation twice in a round."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="targets"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("inspected organisation"),
        on_delete=models.PROTECT,
        related_name="inspected_by",
    )
    round = models.ForeignKey(
        "plans.Round", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspected organisation")
        verbose_name_plural = _("inspected organisations")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "organisation"], name="inspections_target_unique"),
            models.UniqueConstraint(
                fields=["round", "organisation"],
                condition=models.Q(round__isnull=False),
                name="inspections_target_once_per_round",
                violation_error_message=_("This organisation is already inspected in this round."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class Indicator(models.Model):
    """A special inspection's own measure of progress (seed 000: 闲置资产 782.61万平方米 of
    which 467.54 disposed, 去化率 59.74%). The rate is computed from readings, never typed."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=120, help_text=_("e.g. 闲置资产去化率"))
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("e.g. 万平方米"))
    baseline = models.DecimalField(_("total at the start"), max_digits=16, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(baseline__gt=0),
                name="inspections_indicator_baseline_positive",
                violation_error_message=_("The starting total must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=models.Q(target__isnull=True) | models.Q(target__gte=0),
                name="inspections_indicator_target_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name


class IndicatorReading(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="readings"
    )
    on = models.DateField(_("date"))
    value = models.DecimalField(_("achieved"), max_digits=16, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        ordering = ["-on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="inspections_reading_not_negative",
                violation_error_message=_("A reading cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.on} · {self.value}"


class InformationRequest(models.Model):
    """巡前信息沟通: a request to another body about the inspected organisation's leadership."""

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="information_requests",
    )
    recipient_kind = models.CharField(_("asked body"), max_length=16, choices=RecipientKind.choices)
    recipient = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("asked organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.TextField(_("what is asked"))
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(_("reply due"))
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    files = models.ManyToManyField("files.StoredFile", verbose_name=_("attached files"), blank=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("sent_on")),
                name="inspections_request_due_after_sent",
                violation_error_message=_("The reply cannot be due before the request is sent."),
            ),
        ]

    def __str__(self):
        return f"{self.get_recipient_kind_display()} · {self.subject[:30]}"
