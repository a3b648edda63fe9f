"""Ledger pages: export downloads, the import form with its error report, and job progress.

Small ledgers are exported and imported within the request; longer ones (more rows than
`job_threshold()` for an export, `import_job_threshold()` for an import) become a background job
and the user is sent to the job's page, where its starter may also cancel it.
"""

import tempfile

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
from xuncha.web.rows import DateText, labels, link
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


@require_GET
def ledger_list(request):
    """整改台账: the measures the user may see, with filters and pagination."""
    from xuncha.findings.models import Problem
    from xuncha.ledger.browse import overdue_ids
    from xuncha.ledger.lists import MEASURES
    from xuncha.plans.queries import terms_for_user
    from xuncha.rectification.enums import MeasureStatus, SignOff
    from xuncha.rectification.rules import may_read_ledger, overview_inspections
    from xuncha.web.pages import paginate_capped

    if not may_read_ledger(request.user):
        raise Http404  # roles that never see a measure have no ledger (default deny)
    filters = MEASURES.parse(request.GET)
    today = timezone.localdate()
    page, query = paginate_capped(request, MEASURES.details(MEASURES.rows(request.user, request.GET)))
    late = overdue_ids([m.pk for m in page], today=today)
    # links and shortened texts made here, not by {% url %} and truncatechars in the template:
    # a page of 50 rows made ~170 reverse() calls and ~100 truncations, a third of its time
    links = {name: link(f"rectification:{name}") for name in ("overview", "measure", "problem")}
    # a link only to the pages that open for the user (a unit sees its measures, not the
    # inspection's rectification page nor the problems): two queries per page
    overviews = set(
        overview_inspections(request.user)
        .filter(pk__in={m.plan.inspection_id for m in page})
        .values_list("pk", flat=True)
    )
    problems = set(
        restrict(Problem.objects.filter(pk__in={p.pk for m in page for p in m.problems.all()}), request.user)
        .values_list("pk", flat=True)
    )
    # labels, dates and the overdue badge made once per page, not per cell by the template's
    # filters (get_FOO_display, |date and an {% include %} per row)
    statuses, sign_offs = labels(MeasureStatus.choices), labels(SignOff.choices)
    deadline = DateText(empty="—")
    badge = render_to_string("web/_overdue_badge.html")
    for measure in page:
        measure.overdue_badge = badge if measure.pk in late else ""
        measure.url = links["measure"](measure.pk)
        inspection_id = measure.plan.inspection_id
        measure.inspection_url = links["overview"](inspection_id) if inspection_id in overviews else ""
        measure.short = _shorten(measure.content, 60)
        measure.problem_rows = [
            (links["problem"](p.pk) if p.pk in problems else "", p.number, _shorten(p.title, 30))
            for p in measure.problems.all()
        ]
        measure.lead_name = measure.lead_unit.name if measure.lead_unit_id else None
        measure.other_units = [u.name for u in measure.units.all() if u.pk != measure.lead_unit_id]
        measure.deadline_text = deadline(measure.deadline)
        measure.status_label = statuses.get(measure.status, measure.status)
        measure.sign_off_label = sign_offs.get(measure.sign_off, measure.sign_off) if measure.sign_off else ""
    return render(
        request,
        "ledger/list.html",
        {
            "page": page,
            "query": query,
            "ongoing": _("Ongoing"),
            "filters": filters,
            "export_query": query,
            "terms": terms_for_user(request.user).select_related("owner").order_by("-starts_on", "owner__path"),
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
