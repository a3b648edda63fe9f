"""Writes to campaigns: creating one (the lead committee's office), adding an inspection of the
lead committee or of a level below it, taking one out with a reason, and editing the name."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import archive, save_versioned
from xuncha.campaigns.models import Campaign, CampaignInspection
from xuncha.workflow import actions


def create_campaign(*, by, owner, name: str, year: int, theme: str = "", description: str = "") -> Campaign:
    with transaction.atomic():
        campaign = Campaign(
            owner=owner,
            name=(name or "").strip(),
            year=year,
            theme=(theme or "").strip(),
            description=(description or "").strip(),
            created_by=by if getattr(by, "pk", None) else None,
        )
        campaign.full_clean()
        campaign.save()
        record_event("campaigns.campaign.created", actor=by, obj=campaign)
        return campaign


def add_inspection(campaign: Campaign, *, by, inspection) -> CampaignInspection:
    """An inspection of the lead committee's own terms or of a committee below it (a district's
    inspection in a city's campaign); never one of another branch or of a level above."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().select_related("owner").get(pk=campaign.pk)
        actions.check("campaign.add_inspection", by, campaign)
        if inspection is None:
            raise ValidationError({"inspection": _("Choose an inspection.")})
        if inspection.is_archived:
            raise ValidationError(_("This inspection is archived."))
        if not inspection.term.owner.path.startswith(campaign.owner.path):
            raise ValidationError(
                _("Only inspections of %(owner)s or of the levels below it can join this campaign.")
                % {"owner": campaign.owner.name}
            )
        link = CampaignInspection(
            campaign=campaign, inspection=inspection, added_by=by if getattr(by, "pk", None) else None
        )
        link.full_clean()
        try:
            with transaction.atomic():
                link.save()
        except IntegrityError:
            raise ValidationError(_("This inspection is already in the campaign.")) from None
        record_event("campaigns.campaign.inspection_added", actor=by, obj=campaign, data={"inspection": inspection.pk})
        return link


def remove_inspection(link: CampaignInspection, *, by, reason: str) -> CampaignInspection:
    with transaction.atomic():
        link = CampaignInspection.objects.select_for_update().get(pk=link.pk)
        actions.check("campaigninspection.remove", by, link)
        removed = archive(link, by=by, reason=reason)
        record_event(
            "campaigns.campaign.inspection_removed",
            actor=by,
            obj=link.campaign,
            data={"inspection": link.inspection_id},
        )
        return removed


EDITABLE = ("name", "theme", "year", "description")


def edit_campaign(campaign: Campaign, *, by, version: int, **changes) -> Campaign:
    with transaction.atomic():
        current = Campaign.objects.select_for_update().get(pk=campaign.pk)
        actions.check("campaign.edit", by, current)
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items() if k in EDITABLE}
        saved = save_versioned(current, expected_version=version, changes=values)
        record_event("campaigns.campaign.edited", actor=by, obj=saved, data={"fields": sorted(values)})
        return saved
