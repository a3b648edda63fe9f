"""The inspections list: filters and columns declared once for the page, its Excel export and
the API's /inspections."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from xuncha.inspections.enums import InspectionKind
from xuncha.inspections.models import InspectionTarget
from xuncha.inspections.queries import inspections_for_user
from xuncha.lists.declarations import Column, Filter, ListSpec, declare


def _text(inspections, text):
    return inspections.filter(
        Q(title__icontains=text) | Q(team_name__icontains=text) | Q(targets__organisation__name__icontains=text)
    ).distinct()


def _details(inspections):
    return inspections.select_related("round", "batch", "term__owner").prefetch_related(
        Prefetch("targets", queryset=InspectionTarget.objects.select_related("organisation"))
    )


INSPECTIONS = declare(
    ListSpec(
        name="inspections",
        label=_("Inspections"),
        base=inspections_for_user,
        filters=(
            Filter("q", _("Text"), "text", _text),
            Filter("kind", _("Kind"), "choice", lambda i, v: i.filter(kind=v), choices=lambda: InspectionKind.choices),
            Filter("term", _("Term"), "id", lambda i, v: i.filter(term_id=v)),
        ),
        columns=(
            Column("id", _("No."), lambda i: i.pk, kind="number", width=8),
            Column("term", _("Term"), lambda i: i.term.name, width=16),
            Column("round", _("Round"), lambda i: str(i.round or ""), width=14),
            Column("kind", _("Kind"), lambda i: i.kind_label, width=12),
            Column("title", _("Title"), lambda i: i.title, width=36),
            Column("team", _("Team"), lambda i: i.team_name, width=16),
            Column(
                "targets", _("Inspected organisations"),
                lambda i: "、".join(t.organisation.name for t in i.targets.all()), width=30,
            ),
            Column("theme", _("Theme"), lambda i: i.theme, width=20),
            Column("entry_on", _("Entry"), lambda i: i.entry_on, kind="date", width=12),
            Column("exit_on", _("Exit"), lambda i: i.exit_on, kind="date", width=12),
            Column("feedback_on", _("Feedback"), lambda i: i.feedback_on, kind="date", width=12),
            Column("plan_due_on", _("Plan due"), lambda i: i.plan_due_on, kind="date", width=12),
            Column("report_due_on", _("Report due"), lambda i: i.report_due_on, kind="date", width=12),
        ),
        ordering=("-entry_on", "-pk"),
        details=_details,
    )
)
