"""The measures list (整改台账 as a list): filters and columns declared once, read by the
ledger page, its Excel export of the filtered rows and the API's /measures."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


def _read(user, keys: list) -> list:
    from xuncha.ledger.rows import ledger_rows

    return ledger_rows(user, keys, today=timezone.localdate(), links=False)


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
        # cells of the rows the page prepares (`ledger.rows.ledger_rows`), for the export and the API
        columns=(
            Column("id", _("Ledger key"), lambda r: r.pk, kind="number", width=10),
            Column("inspection", _("Inspection"), lambda r: r.inspection_title, width=30),
            Column("organisation", _("Inspected organisation"), lambda r: r.organisation_name, width=24),
            Column("number", _("No."), lambda r: r.number, kind="number", width=6),
            Column(
                "problems", _("Problems"), lambda r: "、".join(f"（{number}）" for _, number, _ in r.problem_rows),
                width=14,
            ),
            Column("content", _("Measure"), lambda r: r.content, width=50),
            Column("leader", _("Responsible leader"), lambda r: r.leader, width=16),
            Column("lead_unit", _("Lead unit"), lambda r: r.lead_name or "", width=20),
            Column("deadline", _("Deadline"), lambda r: r.deadline, kind="date", width=12),
            Column("ongoing", _("Ongoing"), lambda r: "长期坚持" if r.ongoing else "", width=10),
            Column("status", _("Status"), lambda r: r.status_label, width=12),
            Column("sign_off", _("Sign-off"), lambda r: r.sign_off_state, width=12),
        ),
        ordering=("-plan_id", "number"),
        read=_read,
    )
)
