"""The typical cases list: its page, its Excel export and the API's /cases read the same filters
and columns (texts are stored redacted)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from xuncha.cases.enums import CaseSource, CaseStatus
from xuncha.cases.models import Tag
from xuncha.cases.queries import cases_for_user
from xuncha.lists.declarations import Column, Filter, ListSpec, declare


def _details(cases):
    return cases.select_related("term", "inspection").prefetch_related("tags").annotate(use_count=Count("uses"))


CASES = declare(
    ListSpec(
        name="cases",
        label=_("Typical cases"),
        base=cases_for_user,
        filters=(
            Filter("term", _("Term"), "id", lambda c, v: c.filter(term_id=v)),
            Filter("inspection", _("Inspection"), "id", lambda c, v: c.filter(inspection_id=v)),
            Filter(
                "status", _("Status"), "choice", lambda c, v: c.filter(status=v), choices=lambda: CaseStatus.choices
            ),
            Filter(
                "source", _("Drawn from"), "choice", lambda c, v: c.filter(source=v), choices=lambda: CaseSource.choices
            ),
            Filter("tag", _("Tag"), "id", lambda c, v: c.filter(tags__id=v)),
            Filter(
                "q",
                _("Text"),
                "text",
                lambda c, v: c.filter(Q(title__icontains=v) | Q(summary__icontains=v) | Q(lesson__icontains=v)),
            ),
        ),
        columns=(
            Column("title", _("Title"), lambda c: c.title, width=40),
            Column("term", _("Term"), lambda c: c.term.name, width=14),
            Column("inspection", _("Inspection"), lambda c: c.inspection.title, width=30),
            Column("source", _("Drawn from"), lambda c: str(c.get_source_display()), width=12),
            Column("tags", _("Tags"), lambda c: "、".join(t.name for t in c.tags.all()), width=24),
            Column("status", _("Status"), lambda c: str(c.get_status_display()), width=14),
            Column("published_on", _("Published on"), lambda c: c.published_on, kind="date", width=12),
            Column("uses", _("Uses in warning education"), lambda c: c.use_count, kind="number", width=10),
            Column("summary", _("What happened"), lambda c: c.summary, width=60),
        ),
        ordering=("-created_at", "-pk"),
        details=_details,
    )
)


def tag_choices():
    return Tag.objects.filter(cases__isnull=False).distinct().order_by("name")
