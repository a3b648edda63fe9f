from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, can, get_for_user_or_404
from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import ConcurrentEditError, save_versioned
from xuncha.files.domain import store_upload
from xuncha.inspections.queries import inspections_for_user
from xuncha.orgs.queries import organisations_for_user
from xuncha.rectification.queries import plans_for_user
from xuncha.reports.actions import UPLOAD
from xuncha.reports.check_labels import parse_error_message
from xuncha.reports.content import Figure, build_report
from xuncha.reports.forms import DraftForm, TextForm, UploadForm
from xuncha.reports.models import ReportDraft, ReportUpload
from xuncha.reports.parsing import ReportParseError, parse_text, require_rectification
from xuncha.reports.reading import read_uploaded_report
from xuncha.web.downloads import DOCX, download
from xuncha.web.forms import rebase_on
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import take_step


def _plan(request, pk: int, org_pk: int):
    return get_for_user_or_404(plans_for_user(request.user), request.user, inspection_id=pk, organisation_id=org_pk)


def _draft(plan, *, create: bool = False) -> ReportDraft:
    """The plan's report draft; an unsaved empty one until somebody saves it. Reading the report
    (a GET) writes nothing: the row is created only by a save (`create=True`, on POST)."""
    if create:
        draft, _created = ReportDraft.objects.get_or_create(inspection=plan.inspection, organisation=plan.organisation)
        return draft
    found = ReportDraft.objects.filter(inspection=plan.inspection, organisation=plan.organisation).first()
    return found or ReportDraft(inspection=plan.inspection, organisation=plan.organisation)


@require_http_methods(["GET", "POST"])
def progress_report(request, pk: int, org_pk: int):
    """The progress report computed from the ledger, with its edited narrative sections."""
    plan = _plan(request, pk, org_pk)
    draft = _draft(plan, create=request.method == "POST" and can(request.user, Action.CHANGE, plan))
    editable = can(request.user, Action.CHANGE, plan)  # the draft's policy: who may change the plan
    initial = {
        "version": draft.version,
        "shape": draft.shape,
        "organisational_work": draft.organisational_work,
        "next_steps": draft.next_steps,
        "issued_on": draft.issued_on,
    }
    form = DraftForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                with transaction.atomic():
                    data["updated_by"] = request.user
                    draft = save_versioned(draft, expected_version=data.pop("version") or 0, changes=data)
                    record_event("reports.draft.saved", actor=request.user, obj=plan)
            except ConcurrentEditError as error:
                conflict = error
                form = DraftForm(rebase_on(request.POST, error.current))
                form.is_valid()
            else:
                messages.success(request, _("Saved."))
                return redirect("reports:progress", pk=pk, org_pk=org_pk)
    content = _content(plan, draft)
    return render(
        request,
        "reports/progress.html",
        {
            "plan": plan,
            "content": content,
            "form": form if editable else None,
            "conflict": conflict,
            "Figure": Figure,
        },
    )


def _content(plan, draft):
    return build_report(
        plan.inspection,
        plan.organisation,
        shape=draft.shape,
        organisational_work=draft.organisational_work,
        next_steps=draft.next_steps,
        issued_on=draft.issued_on or timezone.localdate(),
    )


def progress_report_docx(request, pk: int, org_pk: int):
    from xuncha.reports.docx_writer import report_docx

    plan = _plan(request, pk, org_pk)
    content = _content(plan, _draft(plan))
    name = _("%(organisation)s rectification progress report") % {
        "organisation": plan.organisation.short_name or plan.organisation.name
    }
    return download(report_docx(content), f"{name}.docx", content_type=DOCX, fallback=f"progress-report-{plan.pk}.docx")


@require_http_methods(["GET", "POST"])
def upload(request, pk: int):
    """Upload a published report for an inspection whose feedback is not recorded yet."""
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, Action.CHANGE), request.user, Action.CHANGE, pk=pk
    )
    organisations = organisations_for_user(request.user).filter(pk__in=inspection.targets.values("organisation_id"))
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["report"][0]
        try:
            text = read_uploaded_report(upload_file)
            require_rectification(parse_text(text))  # refuse what is not a rectification report, saying why
        except ReportParseError as error:
            form.add_error("report", parse_error_message(error))
        else:
            upload_file.seek(0)
            stored = store_upload(upload_file, by=request.user)
            item = ReportUpload.objects.create(
                inspection=inspection,
                organisation=form.cleaned_data["organisation"],
                file=stored,
                text=text,
                uploaded_by=request.user,
            )
            return redirect("reports:review", pk=item.pk)
    return render(request, "reports/upload.html", {"inspection": inspection, "form": form})


@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    """The parsed tree and its checks beside the text; correct the text, then import."""
    item = get_for_user_or_404(ReportUpload.objects.select_related("inspection", "organisation"), request.user, pk=pk)
    form = TextForm(request.POST or None, initial={"text": item.text})
    if request.method == "POST":
        if request.POST.get("action") == "import":
            done = _("Imported: the feedback and the ledger are created.")
            plan = take_step(request, "report.import", item, form=form, success=done)
            if plan:
                return redirect("rectification:overview", pk=item.inspection_id)
        else:
            take_step(request, "report.correct", item, form=form, success="")
        return redirect("reports:review", pk=item.pk)
    try:
        parsed, error = parse_text(item.text), None
    except ReportParseError as exc:
        parsed, error = None, parse_error_message(exc)
    return render(
        request,
        "reports/review.html",
        {"item": item, "form": form, "parsed": parsed, "error": error, "actions": offered(request.user, item, UPLOAD)},
    )
