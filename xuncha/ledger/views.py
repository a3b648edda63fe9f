"""Ledger pages: export downloads, the import form with its error report, and job progress.

Small ledgers are exported and imported within the request; longer ones (more rows than
`job_threshold()` for an export, `import_job_threshold()` for an import) become a background job
and the user is sent to the job's page, where its starter may also cancel it.
"""

import tempfile
from dataclasses import dataclass

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.inspections.queries import inspections_for_user
from xuncha.ledger import domain
from xuncha.ledger.export import export_inspection_ledger, export_term_ledger
from xuncha.ledger.forms import LedgerUploadForm
from xuncha.ledger.importer import ImportResult
from xuncha.ledger.models import LedgerJob
from xuncha.ledger.queries import exportable_inspections, ledger_title
from xuncha.plans.models import Term
from xuncha.web.downloads import XLSX, dated_name, file_download
from xuncha.web.rows import DateText, labels, link, options
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step


def _download(handle, *, inspection=None, term=None) -> FileResponse:
    """A ledger file named by its sheet's title (十二届市委巡察反馈问题整改总台账-20261202.xlsx)."""
    title = ledger_title(inspection=inspection, term=term)
    scope = f"inspection-{inspection.pk}" if inspection is not None else f"term-{term.pk}"
    return file_download(
        handle,
        dated_name(title, extension="xlsx"),
        content_type=XLSX,
        fallback=dated_name("ledger", scope, extension="xlsx"),
    )


@require_GET
def export_inspection(request, pk: int):
    inspection = get_object_or_404(exportable_inspections(request.user), pk=pk)
    scope = type(inspection).objects.filter(pk=inspection.pk)
    if domain.export_size(request.user, scope) > domain.job_threshold():
        job = domain.start_export_job(by=request.user, language=get_language(), inspection=inspection)
        return redirect("ledger:job", pk=job.pk)
    out = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it when sent)
    export_inspection_ledger(inspection, user=request.user, out=out)
    out.seek(0)
    return _download(out, inspection=inspection)


@require_GET
def export_term(request, pk: int):
    term = get_for_user_or_404(Term.objects.active().select_related("owner"), request.user, Action.EXPORT, pk=pk)
    scope = inspections_for_user(request.user, Action.EXPORT).filter(term=term)
    if domain.export_size(request.user, scope) > domain.job_threshold():
        job = domain.start_export_job(by=request.user, language=get_language(), term=term)
        return redirect("ledger:job", pk=job.pk)
    out = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it when sent)
    export_term_ledger(term, user=request.user, out=out)
    out.seek(0)
    return _download(out, term=term)


@require_http_methods(["GET", "POST"])
def import_ledger(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "inspection.import_ledger", inspection)
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        outcome = take_step(
            request, "inspection.import_ledger", inspection, form=form, data={"language": get_language()},
            success=False,
        )
        if isinstance(outcome, LedgerJob):
            return redirect("ledger:job", pk=outcome.pk)
        result = outcome if isinstance(outcome, ImportResult) else None
        if result is not None and result.ok:
            messages.success(request, domain.import_notice(result))
            return redirect("ledger:import", pk=inspection.pk)
    jobs = restrict(LedgerJob.objects.filter(inspection=inspection), request.user)[:5]
    context = {
        "inspection": inspection,
        "form": form,
        "result": result,
        "notice": domain.import_notice(result) if result else "",
        "jobs": jobs,
    }
    return render(request, "ledger/import.html", context)


@require_GET
def job(request, pk: int):
    job = get_for_user_or_404(LedgerJob.objects.select_related("inspection", "term"), request.user, pk=pk)
    template = "ledger/_job_status.html" if request.htmx else "ledger/job.html"
    return render(request, template, {"job": job, "actions": offered(request.user, job, "ledger.LedgerJob")})


@require_POST
def job_cancel(request, pk: int):
    job = get_for_user_or_404(LedgerJob, request.user, pk=pk)
    cancelled = take_step(request, "ledgerjob.cancel", job, success=False)
    if isinstance(cancelled, LedgerJob):
        if cancelled.finished:
            messages.success(request, cancelled.message)
        else:
            messages.info(request, _("The job stops at its next step."))
    return redirect("ledger:job", pk=job.pk)


@require_GET
def job_download(request, pk: int):
    job = get_for_user_or_404(LedgerJob.objects.select_related("inspection", "term"), request.user, pk=pk)
    if not job.result:
        raise Http404
    if job.inspection_id:
        return _download(job.result.open("rb"), inspection=job.inspection)
    return _download(job.result.open("rb"), term=job.term)


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


@dataclass(slots=True)
class LedgerRow:
    """One row of the ledger page, every cell ready to place (issue 19)."""

    pk: int
    url: str
    inspection_title: str
    inspection_url: str
    organisation_name: str
    number: int
    short: str
    leader: str
    lead_name: str | None
    other_units: list[str]
    problem_rows: list[tuple[str, int, str]]
    ongoing: bool
    deadline_text: str
    overdue_badge: str
    status_label: str
    sign_off_label: str


def ledger_rows(user, keys: list[int], *, today) -> list[LedgerRow]:
    """The page's rows for the measures `keys` (read from the user's scoped list in this
    request), in that order: their columns as values, not model rows, with the overdue mark
    (`overdue_q`), their problems and units in three queries; links only to pages that open
    for the user (a unit sees its measures, not the inspection's rectification page nor the
    problems), in two more. Preparing them here rather than with {% url %}, truncatechars,
    |date and get_FOO_display per cell is most of what makes the page cheap."""
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
                short=_shorten(content, 60),
                leader=leader,
                lead_name=lead_name if lead_id else None,
                other_units=[name for unit_id, name in units.get(pk, ()) if unit_id != lead_id],
                problem_rows=[
                    (links["problem"](problem_id) if problem_id in readable else "", p_number, _shorten(p_title, 30))
                    for problem_id, p_number, p_title in problems.get(pk, ())
                ],
                ongoing=ongoing,
                deadline_text=deadline_text(deadline),
                overdue_badge=badge if is_late else "",
                status_label=statuses.get(status, status),
                sign_off_label=sign_offs.get(sign_off, sign_off) if sign_off else "",
            )
        )
    return rows


@require_GET
def ledger_list(request):
    """整改台账: the measures the user may see, with filters and pagination."""
    from xuncha.ledger.lists import MEASURES
    from xuncha.plans.queries import terms_for_user
    from xuncha.rectification.enums import MeasureStatus, SignOff
    from xuncha.rectification.rules import may_read_ledger
    from xuncha.web.pages import paginate_capped

    if not may_read_ledger(request.user):
        raise Http404  # roles that never see a measure have no ledger (default deny)
    filters = MEASURES.parse(request.GET)
    # the page's keys from the filtered, ordered scope (an index walk that stops at the page),
    # then its rows as values
    page, query = paginate_capped(request, MEASURES.rows(request.user, request.GET).values_list("pk", flat=True))
    page.object_list = ledger_rows(request.user, list(page.object_list), today=timezone.localdate())
    return render(
        request,
        "ledger/list.html",
        {
            "page": page,
            "query": query,
            "ongoing": _("Ongoing"),
            "filters": filters,
            "export_query": query,
            "term_options": options(
                terms_for_user(request.user).order_by("-starts_on", "owner__path").values_list("pk", "name"),
                filters.get("term"),
            ),
            "statuses": MeasureStatus.choices,
            "sign_offs": [("none", SignOff.NONE.label), *[c for c in SignOff.choices if c[0]]],
        },
    )


@require_GET
def ledger_list_export(request):
    """The filtered ledger list as Excel: exactly the rows the page shows for the same filters
    (not the round-trip ledger file of an inspection, which `export_inspection` writes)."""
    from xuncha.ledger.lists import MEASURES
    from xuncha.lists.excel import list_download
    from xuncha.rectification.rules import may_export_ledger

    if not may_export_ledger(request.user):
        raise Http404
    rows = MEASURES.details(MEASURES.rows(request.user, request.GET, Action.EXPORT))
    return list_download(MEASURES, rows.iterator(chunk_size=2000), request=request)
