"""Campaigns through the API (see `xuncha.restapi.exposure`): a campaign with its inspections
(those the caller may see), its combined figures and the steps the caller is offered; a
campaign's inspection link with its `remove` step."""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from ninja import Schema

from xuncha.accounts.permissions import restrict
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names

CAMPAIGN, LINK = "campaigns.Campaign", "campaigns.CampaignInspection"


class CampaignOut(Schema):
    id: int
    name: str
    theme: str
    owner_id: int
    year: int
    description: str
    version: int
    inspections: list[int]  # those the caller may see
    organisations: int
    problems: int
    done: int
    completion_rate: Decimal | None
    measures: int
    overdue: int
    actions: list[str]


class CampaignStepIn(Schema):
    inspection: int | None = None
    version: int | None = None
    name: str | None = None
    theme: str | None = None
    year: int | None = None
    description: str | None = None


class LinkOut(Schema):
    id: int
    campaign_id: int
    inspection_id: int
    added_at: date | None = None
    actions: list[str]


class LinkStepIn(Schema):
    reason: str | None = None


def _campaigns(user):
    from xuncha.campaigns.models import Campaign

    return restrict(Campaign.objects.select_related("owner"), user)


def _campaign_out(request, campaign):
    from xuncha.campaigns.figures import campaign_figures

    figures = campaign_figures(campaign, request.user, today=timezone.localdate())
    rect = figures.rectification
    return {
        **fields_of(
            campaign,
            CampaignOut,
            skip={"inspections", "organisations", "problems", "done", "completion_rate", "measures", "overdue"},
        ),
        "inspections": [i.pk for i in figures.inspections],
        "organisations": figures.organisations,
        "problems": rect.problems,
        "done": rect.done,
        "completion_rate": rect.completion_rate,
        "measures": rect.measures,
        "overdue": rect.overdue,
        "actions": offered_names(request, campaign, CAMPAIGN),
    }


def _campaign_step_data(action, request, data: dict) -> dict:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext

    from xuncha.inspections.queries import inspections_for_user

    if "inspection" in data:
        found = inspections_for_user(request.user).filter(pk=data["inspection"]).first()
        if found is None:
            raise ValidationError({"inspection": gettext("Unknown value for %(field)s.") % {"field": "inspection"}})
        data = {**data, "inspection": found}
    return data


def _links(user):
    from xuncha.campaigns.models import CampaignInspection

    return restrict(CampaignInspection.objects.select_related("campaign"), user)


def _link_out(request, link):
    return {
        **fields_of(link, LinkOut, skip={"added_at"}),
        "added_at": link.added_at.date() if link.added_at else None,
        "actions": offered_names(request, link, LINK),
    }


expose(
    Exposed(
        CAMPAIGN,
        "campaigns",
        _campaigns,
        CampaignOut,
        _campaign_out,
        step_in=CampaignStepIn,
        step_data=_campaign_step_data,
    )
)
expose(Exposed(LINK, "campaign-inspections", _links, LinkOut, _link_out, step_in=LinkStepIn))
