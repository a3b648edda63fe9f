"""The ledger as a page (整改台账): every measure the user may see, filtered and paginated.

Filters come from the query string and each one narrows a permission-scoped queryset:
term, inspection, inspected organisation (its subtree, by id or by name), measure status,
sign-off, overdue, responsible leader and a text search in the measure. Malformed values are
ignored rather than refused (a filter link from an old page should still open the ledger).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

from xuncha.findings.models import Problem
from xuncha.orgs.models import Organisation
from xuncha.rectification.enums import MeasureStatus, SignOff
from xuncha.rectification.figures import overdue_measures
from xuncha.rectification.models import Measure
from xuncha.rectification.queries import measures_for_user
from xuncha.web.inputs import parse_id


@dataclass(frozen=True)
class LedgerFilters:
    term: int | None = None
    inspection: int | None = None
    organisation: int | None = None
    organisation_name: str = ""
    status: str = ""
    sign_off: str = ""
    overdue: bool = False
    leader: str = ""
    text: str = ""
    deadline_from: date | None = None
    deadline_to: date | None = None

    @classmethod
    def from_query(cls, params) -> "LedgerFilters":
        def whole(name):
            return parse_id(params.get(name))

        def day(name):
            try:
                return parse_date(params.get(name, "") or "")
            except ValueError:
                return None

        status = params.get("status", "")
        sign_off = params.get("sign_off", "")
        return cls(
            term=whole("term"),
            inspection=whole("inspection"),
            organisation=whole("organisation"),
            organisation_name=params.get("org_name", "").strip()[:60],
            status=status if status in MeasureStatus.values else "",
            sign_off=sign_off if sign_off in {*SignOff.values, "none"} - {""} else "",
            overdue=params.get("overdue") == "1",
            leader=params.get("leader", "").strip()[:60],
            text=params.get("q", "").strip()[:100],
            deadline_from=day("deadline_from"),
            deadline_to=day("deadline_to"),
        )


def ledger_rows(user, filters: LedgerFilters, *, today: date | None = None) -> QuerySet[Measure]:
    """The user's measures narrowed by `filters`, newest inspection first, in ledger order."""
    measures = measures_for_user(user)
    if filters.term is not None:
        measures = measures.filter(plan__inspection__term_id=filters.term)
    if filters.inspection is not None:
        measures = measures.filter(plan__inspection_id=filters.inspection)
    if filters.organisation is not None:
        path = Organisation.objects.filter(pk=filters.organisation).values_list("path", flat=True).first()
        measures = measures.filter(plan__organisation__path__startswith=path) if path else measures.none()
    if filters.organisation_name:
        measures = measures.filter(plan__organisation__name__icontains=filters.organisation_name)
    if filters.status:
        measures = measures.filter(status=filters.status)
    if filters.sign_off:
        measures = measures.filter(sign_off="" if filters.sign_off == "none" else filters.sign_off)
    if filters.overdue:
        measures = overdue_measures(measures, today=today or timezone.localdate())
    if filters.leader:
        measures = measures.filter(leader__icontains=filters.leader)
    if filters.text:
        measures = measures.filter(Q(content__icontains=filters.text) | Q(target__icontains=filters.text))
    if filters.deadline_from:
        measures = measures.filter(deadline__gte=filters.deadline_from)
    if filters.deadline_to:
        measures = measures.filter(deadline__lte=filters.deadline_to)
    return measures.order_by("-plan_id", "number")


def with_page_details(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """What a ledger row shows: the measure's own columns, its plan's inspection and
    organisation, and its problems and units (two queries per page, whatever its length). Only
    the columns shown are loaded: building full model rows cost a third of the page."""
    return measures.only(
        *("id", "number", "content", "leader", "deadline", "ongoing", "status", "sign_off", "plan_id", "lead_unit_id"),
        *("plan__inspection", "plan__organisation", "plan__inspection__title", "plan__organisation__name"),
        "lead_unit__name",
    ).prefetch_related(
        Prefetch("problems", queryset=Problem.objects.only("id", "number", "title").order_by("position")),
        Prefetch("units", queryset=Organisation.objects.only("id", "name")),
    )


def overdue_ids(measure_ids: list[int], *, today: date) -> set[int]:
    return set(overdue_measures(Measure.objects.filter(pk__in=measure_ids), today=today).values_list("pk", flat=True))
