"""The ledger's rows prepared from values (issue 19): the page places them, and its Excel export
and the API's /measures read the same rows through the list's columns (`lists.MEASURES`)."""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string

from xuncha.accounts.permissions import restrict
from xuncha.web.rows import DateText, labels, link


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


@dataclass(slots=True)
class LedgerRow:
    """One row of the ledger, every cell ready to place (issue 19): the page places the short
    texts and links, its Excel export (`ledger_list_export`, the columns of `lists.MEASURES`) the
    full texts and the dates."""

    pk: int
    url: str
    inspection_title: str
    inspection_url: str
    organisation_name: str
    number: int
    content: str
    short: str
    leader: str
    lead_name: str | None
    other_units: list[str]
    problem_rows: list[tuple[str, int, str]]
    ongoing: bool
    deadline: date | None
    deadline_text: str
    overdue_badge: str
    status_label: str
    sign_off_label: str  # blank when none was requested (the page)
    sign_off_state: str  # the state's name, "not requested" too (the export)


def ledger_rows(user, keys: list[int], *, today, links: bool = True) -> list[LedgerRow]:
    """The ledger's rows for the measures `keys` (read from the user's scoped list in this
    request), in that order: their columns as values, not model rows, with the overdue mark
    (`overdue_q`), their problems and units in three queries; with `links`, links only to pages
    that open for the user (a unit sees its measures, not the inspection's rectification page
    nor the problems), in two more. Preparing them here rather than with {% url %},
    truncatechars, |date and get_FOO_display per cell is most of what makes the page cheap."""
    from django.db.models import BooleanField, ExpressionWrapper

    from xuncha.findings.models import Problem
    from xuncha.rectification.deadlines import overdue_q
    from xuncha.rectification.enums import MeasureStatus, SignOff
    from xuncha.rectification.models import Measure
    from xuncha.rectification.rules import overview_inspections

    if not keys:
        return []
    fields = (
        *("pk", "plan__inspection_id", "plan__inspection__title", "plan__organisation__name", "number"),
        *("content", "leader", "lead_unit_id", "lead_unit__name", "ongoing", "deadline", "status", "sign_off"),
    )
    late = ExpressionWrapper(overdue_q(today=today), output_field=BooleanField())
    measures = Measure.objects.filter(pk__in=keys).annotate(late=late)
    found = {row[0]: row for row in measures.values_list(*fields, "late")}
    problems: dict[int, list] = {}
    for measure_id, *problem in (
        Measure.problems.through.objects.filter(measure_id__in=keys)
        .order_by("problem__position", "problem_id")
        .values_list("measure_id", "problem_id", "problem__number", "problem__title")
    ):
        problems.setdefault(measure_id, []).append(problem)
    units: dict[int, list] = {}
    for measure_id, unit_id, name in (
        Measure.units.through.objects.filter(measure_id__in=keys)
        .order_by("organisation__path")
        .values_list("measure_id", "organisation_id", "organisation__name")
    ):
        units.setdefault(measure_id, []).append((unit_id, name))
    overviews, readable = set(), set()
    if links:
        inspections = {row[1] for row in found.values()}
        overviews = set(overview_inspections(user).filter(pk__in=inspections).values_list("pk", flat=True))
        problem_ids = {problem[0] for rows in problems.values() for problem in rows}
        readable = set(restrict(Problem.objects.filter(pk__in=problem_ids), user).values_list("pk", flat=True))

    links = {name: link(f"rectification:{name}") for name in ("overview", "measure", "problem")}
    statuses, sign_offs = labels(MeasureStatus.choices), labels(SignOff.choices)
    deadline_text = DateText(empty="—")
    badge = render_to_string("web/_overdue_badge.html")
    rows = []
    for key in keys:
        if (row := found.get(key)) is None:
            continue
        pk, inspection_id, title, organisation, number, content, leader, lead_id, lead_name, *rest = row
        ongoing, deadline, status, sign_off, is_late = rest
        rows.append(
            LedgerRow(
                pk=pk,
                url=links["measure"](pk),
                inspection_title=title,
                inspection_url=links["overview"](inspection_id) if inspection_id in overviews else "",
                organisation_name=organisation,
                number=number,
                content=content,
                short=_shorten(content, 60),
                leader=leader,
                lead_name=lead_name if lead_id else None,
                other_units=[name for unit_id, name in units.get(pk, ()) if unit_id != lead_id],
                problem_rows=[
                    (links["problem"](problem_id) if problem_id in readable else "", p_number, _shorten(p_title, 30))
                    for problem_id, p_number, p_title in problems.get(pk, ())
                ],
                ongoing=ongoing,
                deadline=deadline,
                deadline_text=deadline_text(deadline),
                overdue_badge=badge if is_late else "",
                status_label=statuses.get(status, status),
                sign_off_label=sign_offs.get(sign_off, sign_off) if sign_off else "",
                sign_off_state=sign_offs.get(sign_off, sign_off),
            )
        )
    return rows

