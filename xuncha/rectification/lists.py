"""The rectification plans list: filters and columns declared once for the API's /plans (and
any page or export of plans that reads it)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.orgs.models import Organisation
from xuncha.rectification.enums import PlanStatus
from xuncha.rectification.queries import plans_for_user


def _subtree(plans, pk):
    path = Organisation.objects.filter(pk=pk).values_list("path", flat=True).first()
    return plans.filter(organisation__path__startswith=path) if path else plans.none()


PLANS = declare(
    ListSpec(
        name="plans",
        label=_("Rectification plans"),
        base=plans_for_user,
        filters=(
            Filter("term", _("Term"), "id", lambda p, v: p.filter(inspection__term_id=v)),
            Filter("inspection", _("Inspection"), "id", lambda p, v: p.filter(inspection_id=v)),
            Filter("organisation", _("Inspected organisation"), "id", _subtree),
            Filter(
                "status", _("Status"), "choice", lambda p, v: p.filter(status=v), choices=lambda: PlanStatus.choices
            ),
            Filter("joint_review", _("Joint review"), "flag", lambda p, v: p.filter(joint_review=True)),
        ),
        columns=(
            Column("id", _("No."), lambda p: p.pk, kind="number", width=8),
            Column("inspection", _("Inspection"), lambda p: p.inspection.title, width=30),
            Column("organisation", _("Inspected organisation"), lambda p: p.organisation.name, width=24),
            Column("status", _("Status"), lambda p: str(p.get_status_display()), width=10),
            Column(
                "joint_review", _("Joint review"), lambda p: str(_("Joint review")) if p.joint_review else "", width=10
            ),
            Column("measures", _("Measures"), lambda p: p.measure_count, kind="number", width=8),
            Column("submitted_on", _("Submitted on"), lambda p: p.submitted_on, kind="date", width=12),
            Column("approved_on", _("Approved on"), lambda p: p.approved_on, kind="date", width=12),
        ),
        ordering=("-inspection__feedback_on", "organisation__path", "pk"),
        sorts={"submitted_on": ("submitted_on",), "approved_on": ("approved_on",), "status": ("status",)},
        details=lambda plans: plans.annotate(
            measure_count=Count("measures", filter=Q(measures__archived_at__isnull=True), distinct=True)
        ),
    )
)

# the 清零 list is declared beside the rates it belongs with (xuncha/rectification/levels.py)
from xuncha.rectification import levels  # noqa: E402, F401
