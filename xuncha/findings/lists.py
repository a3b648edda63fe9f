"""The findings list: filters and columns declared once for the findings page of an
inspection, its Excel export and the API's /findings. Finding texts carry no reporter's
identity (scrubbed when recorded); the cells go through the disclosure rule all the same."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.permissions import Action, restrict
from xuncha.confidential.disclosure import identity_scrubber
from xuncha.findings.enums import FindingSource
from xuncha.findings.models import Category, Finding, Problem
from xuncha.lists.declarations import Column, Filter, ListSpec, declare


def findings_for_user(user, action=Action.VIEW):
    return restrict(Finding.objects.active(), user, action)


def _promoted(findings, value):
    return findings.filter(Exists(Problem.findings.through.objects.filter(finding_id=OuterRef("pk"))))


def _details(findings):
    from xuncha.petitions.models import Petition

    return findings.select_related("inspection", "category", "organisation").prefetch_related(
        Prefetch("problems", queryset=Problem.objects.order_by("position")),
        Prefetch("petitions", queryset=Petition.objects.only("pk", "finding_id")),
        "evidence",
    )


def _problems(finding) -> str:
    return "、".join(f"（{p.number}）" for p in finding.problems.all())


def _text(finding) -> str:
    return identity_scrubber(finding)(finding.text)


FINDINGS = declare(
    ListSpec(
        name="findings",
        label=_("Findings"),
        base=findings_for_user,
        filters=(
            Filter("inspection", _("Inspection"), "id", lambda f, v: f.filter(inspection_id=v)),
            Filter("q", _("Text"), "text", lambda f, v: f.filter(Q(text__icontains=v))),
            Filter(
                "source", _("Source"), "choice", lambda f, v: f.filter(source=v), choices=lambda: FindingSource.choices
            ),
            Filter(
                "category", _("Category"), "choice", lambda f, v: f.filter(category_id=v),
                choices=lambda: [(str(pk), name) for pk, name in Category.objects.values_list("pk", "name")],
            ),
            Filter("promoted", _("In the feedback"), "flag", _promoted),
        ),
        columns=(
            Column("id", _("No."), lambda f: f.pk, kind="number", width=8),
            Column("inspection", _("Inspection"), lambda f: f.inspection.title, width=30),
            Column("text", _("Finding"), _text, width=60),
            Column("source", _("Source"), lambda f: str(f.get_source_display()), width=12),
            Column("category", _("Category"), lambda f: f.category.name, width=30),
            Column("organisation", _("Organisation concerned"), lambda f: f.organisation.name, width=24),
            Column("problems", _("Problems"), _problems, width=14),
            Column("recorded_on", _("Recorded on"), lambda f: localtime(f.recorded_at).date(), kind="date", width=12),
        ),
        ordering=("-recorded_at", "-pk"),
        details=_details,
    )
)
