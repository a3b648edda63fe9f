"""The measures list (整改台账 as a list): filters and columns declared once, read by the
ledger page, its Excel export of the filtered rows and the API's /measures."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.findings.models import Problem
from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.orgs.models import Organisation
from xuncha.rectification.deadlines import overdue_q
from xuncha.rectification.enums import MeasureStatus, SignOff
from xuncha.rectification.queries import measures_for_user


def _in_campaign(measures, campaign_id):
    from xuncha.campaigns.models import CampaignInspection

    links = CampaignInspection.objects.filter(campaign_id=campaign_id, archived_at__isnull=True)
    return measures.filter(plan__inspection_id__in=links.values("inspection_id"))


def _subtree(measures, pk):
    path = Organisation.objects.filter(pk=pk).values_list("path", flat=True).first()
    return measures.filter(plan__organisation__path__startswith=path) if path else measures.none()


def _sign_off_choices():
    return [("none", SignOff.NONE.label), *[c for c in SignOff.choices if c[0]]]


def _details(measures):
    """What a row shows, in two extra queries per page whatever its length; only the columns
    shown are loaded (building full model rows cost a third of the page)."""
    return measures.only(
        *("id", "number", "content", "target", "leader", "deadline", "ongoing", "status", "sign_off"),
        *("plan_id", "lead_unit_id", "version", "archived_at"),
        *("plan__inspection", "plan__organisation", "plan__inspection__title", "plan__organisation__name"),
        "lead_unit__name",
    ).prefetch_related(
        Prefetch("problems", queryset=Problem.objects.only("id", "number", "title").order_by("position")),
        Prefetch("units", queryset=Organisation.objects.only("id", "name")),
    )


MEASURES = declare(
    ListSpec(
        name="measures",
        label=_("Rectification ledger"),
        base=measures_for_user,
        filters=(
            Filter("term", _("Term"), "id", lambda m, v: m.filter(plan__inspection__term_id=v)),
            Filter("inspection", _("Inspection"), "id", lambda m, v: m.filter(plan__inspection_id=v)),
            Filter("campaign", _("Campaign"), "id", _in_campaign),
            Filter("organisation", _("Inspected organisation"), "id", _subtree),
            Filter(
                "org_name", _("Organisation name"), "text",
                lambda m, v: m.filter(plan__organisation__name__icontains=v[:60]),
            ),
            Filter(
                "status", _("Status"), "choice", lambda m, v: m.filter(status=v),
                choices=lambda: MeasureStatus.choices,
            ),
            Filter(
                "sign_off", _("Sign-off"), "choice",
                lambda m, v: m.filter(sign_off="" if v == "none" else v),
                choices=_sign_off_choices,
            ),
            Filter("overdue", _("Overdue"), "flag", lambda m, v: m.filter(overdue_q(today=timezone.localdate()))),
            Filter("leader", _("Responsible leader"), "text", lambda m, v: m.filter(leader__icontains=v[:60])),
            Filter("q", _("Text"), "text", lambda m, v: m.filter(Q(content__icontains=v) | Q(target__icontains=v))),
            Filter("deadline_from", _("Deadline from"), "date", lambda m, v: m.filter(deadline__gte=v)),
            Filter("deadline_to", _("Deadline to"), "date", lambda m, v: m.filter(deadline__lte=v)),
        ),
        columns=(
            Column("id", _("Ledger key"), lambda m: m.pk, kind="number", width=10),
            Column("inspection", _("Inspection"), lambda m: m.plan.inspection.title, width=30),
            Column("organisation", _("Inspected organisation"), lambda m: m.plan.organisation.name, width=24),
            Column("number", _("No."), lambda m: m.number, kind="number", width=6),
            Column(
                "problems", _("Problems"), lambda m: "、".join(f"（{p.number}）" for p in m.problems.all()), width=14
            ),
            Column("content", _("Measure"), lambda m: m.content, width=50),
            Column("leader", _("Responsible leader"), lambda m: m.leader, width=16),
            Column("lead_unit", _("Lead unit"), lambda m: m.lead_unit.name if m.lead_unit_id else "", width=20),
            Column("deadline", _("Deadline"), lambda m: m.deadline, kind="date", width=12),
            Column("ongoing", _("Ongoing"), lambda m: "长期坚持" if m.ongoing else "", width=10),
            Column("status", _("Status"), lambda m: str(m.get_status_display()), width=12),
            Column("sign_off", _("Sign-off"), lambda m: str(m.get_sign_off_display()), width=12),
        ),
        ordering=("-plan_id", "number"),
        details=_details,
    )
)
