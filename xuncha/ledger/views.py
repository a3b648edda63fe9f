"""Ledger pages: export downloads, the import form with its error report, and job progress.

Small ledgers are exported and imported within the request; longer ones (more rows than
`job_threshold()` for an export, `import_job_threshold()` for an import) become a background job
and the user is sent to the job's page, where its starter may also cancel it.
"""

import tempfile

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
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
from xuncha.ledger.rows import ledger_rows
from xuncha.plans.models import Term
from xuncha.web.downloads import XLSX, dated_name, file_download
from xuncha.web.rows import options
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
    rows = MEASURES.rows(request.user, request.GET, Action.EXPORT)
    return list_download(MEASURES, MEASURES.exported(request.user, rows), request=request)

