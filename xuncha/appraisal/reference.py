"""The platform's own figures of an appraised committee for the scheme's year, shown beside the
scores so that the appraiser reads the rows, not hearsay. Each comes from rows and links to
them:

* coverage (全覆盖率) of each of the committee's terms that runs in the year, on the last day of
  the year (today while the year runs): `xuncha.plans.coverage`, linking to the term's coverage
  page;
* the committee's inspections that entered during the year: their problems' completion rate
  and overdue measures, through `xuncha.rectification.figures.rectification_figures`, for all
  of them together and for each (linking to its rectification page and its overdue measures
  in the ledger).

The rows are those the reader may read (`restrict`, `measures_for_user`), as on every page.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from xuncha.accounts.permissions import restrict


@dataclass
class TermLine:
    term: object
    coverage: object  # plans.coverage.Coverage
    url: str


@dataclass
class InspectionLine:
    inspection: object
    figures: object  # RectificationFigures
    url: str
    overdue_url: str


@dataclass
class Reference:
    year: int
    on: date
    terms: list[TermLine]
    inspections: list[InspectionLine]
    figures: object  # RectificationFigures of all the inspections together


def year_inspections(subject, year: int, user):
    from xuncha.inspections.queries import inspections_for_user

    return (
        inspections_for_user(user)
        .filter(term__owner=subject, entry_on__year=year)
        .order_by("entry_on", "pk")
    )


def reference(subject, year: int, user, *, today: date) -> Reference:
    from xuncha.findings.models import Problem
    from xuncha.plans.coverage import coverage
    from xuncha.plans.models import Term
    from xuncha.rectification.figures import rectification_figures
    from xuncha.rectification.queries import measures_for_user

    on = min(today, date(year, 12, 31))
    terms = restrict(Term.objects.select_related("owner"), user).filter(
        owner=subject, starts_on__lte=date(year, 12, 31), ends_on__gte=date(year, 1, 1)
    ).order_by("starts_on")
    term_lines = [TermLine(t, coverage(t, on=on), reverse("plans:coverage", args=[t.pk])) for t in terms]
    inspections = list(year_inspections(subject, year, user))
    ids = [i.pk for i in inspections]
    problems = restrict(Problem.objects.all(), user)
    measures = measures_for_user(user)
    lines = [
        InspectionLine(
            i,
            rectification_figures(problems.filter(inspection=i), measures.filter(plan__inspection=i), today=today),
            reverse("rectification:overview", args=[i.pk]),
            reverse("ledger:list") + f"?inspection={i.pk}&overdue=1",
        )
        for i in inspections
    ]
    together = rectification_figures(
        problems.filter(inspection_id__in=ids), measures.filter(plan__inspection_id__in=ids), today=today
    )
    return Reference(year, on, term_lines, lines, together)
