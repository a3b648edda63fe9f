"""Campaign steps, each declared once (see `xuncha.workflow.actions`): the lead committee's
office adds its own or lower levels' inspections, takes one out with a reason, and edits the
campaign's name and description."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.permissions import Action as Permission
from xuncha.accounts.permissions import can
from xuncha.workflow.actions import Action, declare

CAMPAIGN, LINK = "campaigns.Campaign", "campaigns.CampaignInspection"


def _open(campaign) -> str | None:
    return gettext("This campaign is archived.") if campaign.is_archived else None


def _linked(link) -> str | None:
    if link.is_archived:
        return gettext("This inspection is no longer in the campaign.")
    return _open(link.campaign)


def _may_keep(user, obj) -> bool:
    return can(user, Permission.CHANGE, obj)


def _d():
    from xuncha.campaigns import domain

    return domain


declare(
    Action(
        "campaign.add_inspection",
        _("Add an inspection"),
        CAMPAIGN,
        _open,
        _may_keep,
        "campaigns.campaign.inspection_added",
        perform=lambda o, by, d: _d().add_inspection(o, by=by, inspection=d.get("inspection")),
    )
)
declare(
    Action(
        "campaign.edit",
        _("Edit"),
        CAMPAIGN,
        _open,
        _may_keep,
        "campaigns.campaign.edited",
        style="secondary",
        perform=lambda o, by, d: _d().edit_campaign(
            o, by=by, version=d.get("version", o.version), **{k: v for k, v in d.items() if k in _d().EDITABLE}
        ),
    )
)
declare(
    Action(
        "campaigninspection.remove",
        _("Take out of the campaign"),
        LINK,
        _linked,
        _may_keep,
        "campaigns.campaign.inspection_removed",
        requires=("reason",),
        style="danger",
        perform=lambda o, by, d: _d().remove_inspection(o, by=by, reason=d.get("reason", "")),
    )
)
