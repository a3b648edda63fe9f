"""Campaigns: the list, a new campaign, and a campaign's page with its inspections across levels
and their combined figures (each linking to its rows)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import get_for_user_or_404, restrict
from xuncha.audit.history import history_entries
from xuncha.campaigns import domain
from xuncha.campaigns.figures import campaign_figures
from xuncha.campaigns.forms import AddInspectionForm, CampaignForm
from xuncha.campaigns.models import Campaign, CampaignInspection
from xuncha.campaigns.rules import campaign_owners, may_read_campaigns
from xuncha.inspections.forms import ReasonForm
from xuncha.inspections.queries import inspections_for_user
from xuncha.rectification.rules import may_read_ledger, may_see_figures
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import take_step


def campaign_list(request):
    if not may_read_campaigns(request.user):
        raise Http404
    campaigns = restrict(Campaign.objects.active(), request.user).select_related("owner").order_by("-year", "name")
    return render(
        request,
        "campaigns/list.html",
        {"campaigns": campaigns, "may_create": campaign_owners(request.user).exists()},
    )


@require_http_methods(["GET", "POST"])
def campaign_create(request):
    owners = campaign_owners(request.user)
    if not owners.exists():
        raise Http404
    form = CampaignForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        campaign = domain.create_campaign(by=request.user, **form.cleaned_data)
        messages.success(request, _("Campaign created."))
        return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "title": _("New campaign")})


def _joinable(request, campaign):
    return (
        inspections_for_user(request.user)
        .filter(term__owner__path__startswith=campaign.owner.path)
        .exclude(campaign_links__campaign=campaign, campaign_links__archived_at__isnull=True)
        .select_related("term__owner")
        .order_by("term__owner__path", "-entry_on", "pk")
    )


def campaign_detail(request, pk: int):
    campaign = get_for_user_or_404(Campaign.objects.select_related("owner"), request.user, pk=pk)
    actions = offered(request.user, campaign, "campaigns.Campaign")
    figures = campaign_figures(campaign, request.user, today=timezone.localdate())
    links = {link.inspection_id: link for link in CampaignInspection.objects.active().filter(campaign=campaign)}
    for inspection in figures.inspections:
        inspection.link = links.get(inspection.pk)
        inspection.link_actions = offered(request.user, inspection.link, "campaigns.CampaignInspection")
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "figures": figures,
            "actions": actions,
            "add_form": AddInspectionForm(inspections=_joinable(request, campaign)) if actions.add_inspection else None,
            "drills": {"figures": may_see_figures(request.user), "ledger": may_read_ledger(request.user)},
            "history": history_entries(campaign, user=request.user),
        },
    )


@require_POST
def inspection_add(request, pk: int):
    campaign = get_for_user_or_404(Campaign.objects.select_related("owner"), request.user, pk=pk)
    form = AddInspectionForm(request.POST, inspections=_joinable(request, campaign))
    take_step(request, "campaign.add_inspection", campaign, form=form, success=_("Inspection added to the campaign."))
    return redirect("campaigns:detail", pk=campaign.pk)


@require_POST
def inspection_remove(request, pk: int):
    link = get_for_user_or_404(CampaignInspection.objects.active(), request.user, pk=pk)
    take_step(
        request,
        "campaigninspection.remove",
        link,
        form=ReasonForm(request.POST),
        success=_("Inspection taken out of the campaign."),
    )
    return redirect("campaigns:detail", pk=link.campaign_id)
