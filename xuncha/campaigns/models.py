"""Campaigns (联动巡察): inspections run together across levels under one lead committee, such as
seed 000's "市、区两级同步开展专项巡察", counted together. A campaign holds no figures of its own:
its figures are those of its inspections' rows (`xuncha.campaigns.figures`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel


class Campaign(ArchivableModel, VersionedModel):
    name = models.CharField(_("name"), max_length=160, help_text=_("e.g. 国有企业改革发展专项巡察（市区联动）"))
    theme = models.CharField(_("theme"), max_length=120, blank=True)
    owner = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("lead committee"),
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("The committee that leads the campaign; its lower levels' inspections may join."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "name", "id"]

    def __str__(self):
        return self.name

    @property
    def audit_org_path(self) -> str:
        return self.owner.path


class CampaignInspection(ArchivableModel):
    """One inspection's place in a campaign; taking it out archives the link (with the reason)."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="links")
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="campaign_links"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign inspection")
        verbose_name_plural = _("campaign inspections")
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "inspection"],
                condition=models.Q(archived_at__isnull=True),
                name="campaigns_inspection_once",
                violation_error_message=_("This inspection is already in the campaign."),
            )
        ]

    def __str__(self):
        return f"{self.campaign} · {self.inspection}"

    @property
    def audit_org_path(self) -> str:
        return self.campaign.owner.path
