from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, can, get_for_user_or_404
from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import ConcurrentEditError, save_versioned
from xuncha.clues.queries import clue_persons_for_user
from xuncha.documents.pdf import PdfUnavailable
from xuncha.files.domain import store_upload
from xuncha.findings.models import Problem
from xuncha.inspections.queries import inspections_for_user
from xuncha.orgs.queries import organisations_for_user
from xuncha.rectification.queries import plans_for_user
from xuncha.reports.actions import UPLOAD
from xuncha.reports.casework import disposition_words
from xuncha.reports.check_labels import parse_error_message
from xuncha.reports.content import Figure, build_report
from xuncha.reports.domain import choose_stated_figure, list_persons, save_explanation
from xuncha.reports.downloads import DOCX as DOCX_FORMAT
from xuncha.reports.downloads import PDF as PDF_FORMAT
from xuncha.reports.downloads import draft_for, report_file
from xuncha.reports.forms import DraftForm, ExplanationForm, FigureChoiceForm, PersonsForm, TextForm, UploadForm
from xuncha.reports.models import ReportDraft, ReportUpload, StatedFigure
from xuncha.reports.parsing import ReportParseError, parse_text, require_rectification
from xuncha.reports.reading import read_uploaded_report
from xuncha.web.downloads import DOCX, download
from xuncha.web.forms import rebase_on
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import take_step

PDF_TYPE = "application/pdf"


def _plan(request, pk: int, org_pk: int):
    return get_for_user_or_404(plans_for_user(request.user), request.user, inspection_id=pk, organisation_id=org_pk)


def _draft(plan, *, create: bool = False) -> ReportDraft:
    """The plan's report draft; an unsaved empty one until somebody saves it. Reading the report
    (a GET) writes nothing: the row is created only by a save (`create=True`, on POST)."""
    if create:
        draft, _created = ReportDraft.objects.get_or_create(inspection=plan.inspection, organisation=plan.organisation)
        return draft
    return draft_for(plan.inspection, plan.organisation)


def _listed_visible(user, draft) -> set:
    """The people the office named, as far as this user may see them: the named lists of section
    三 come from clues, which the inspected organisation's liaison never sees."""
    if not draft.pk:
        return set()
    return set(clue_persons_for_user(user).filter(pk__in=draft.listed_persons.values("pk")))


def _content(request, plan, draft):
    """The report as this user may read it: section 三 (clues, petitions, people) only for a
    reader of the inspection's clues, and every person it names logged as a read of the clue
    (docs/confidentiality.md)."""
    from xuncha.clues.queries import clues_for_user, log_clue_reads
    from xuncha.petitions.queries import petitions_for_user

    inspection = plan.inspection
    casework_visible = (
        clues_for_user(request.user).filter(inspection=inspection).exists()
        or petitions_for_user(request.user).filter(inspection=inspection).exists()
    )
    listed = _listed_visible(request.user, draft) if casework_visible else set()
    content = build_report(
        plan.inspection, plan.organisation, draft=draft, listed=listed, casework_visible=casework_visible
    )
    if named := {person.clue for person in content.named}:
        log_clue_reads(request.user, sorted(named, key=lambda c: c.pk), "viewed")
    return content


@require_http_methods(["GET", "POST"])
def progress_report(request, pk: int, org_pk: int):
    """The progress report computed from the ledger, with the office's sections, the gaps the
    document still has (explanations, contact, stated beside counted figures) and the forms
    that close them."""
    plan = _plan(request, pk, org_pk)
    editable = can(request.user, Action.CHANGE, plan)  # the draft's policy: who may change the plan
    if request.method == "POST" and not editable:
        raise Http404
    draft = _draft(plan, create=request.method == "POST")
    action = request.POST.get("action", "draft")
    posted = request.method == "POST" and action == "draft"
    form = DraftForm(request.POST if posted else None, initial=_draft_initial(draft))
    conflict = None
    if request.method == "POST":
        if action == "explanation":
            return _save_explanation(request, plan)
        if action == "figure":
            return _choose_figure(request, plan)
        if action == "persons":
            return _list_persons(request, plan, draft)
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
    content = _content(request, plan, draft)
    return render(
        request,
        "reports/progress.html",
        {
            "plan": plan,
            "content": content,
            "form": form if editable else None,
            "conflict": conflict,
            "Figure": Figure,
            "explanations": _explanation_forms(content) if editable else [],
            "stated": _stated_rows(request.user, content),
            "persons_form": _persons_form(request.user, draft, content) if editable else None,
        },
    )


def _draft_initial(draft) -> dict:
    return {name: getattr(draft, name) for name in DraftForm.base_fields}


def _explanation_forms(content):
    forms = []
    for problem in content.unfinished:
        explanation = getattr(problem, "explanation", None)
        initial = (
            {
                "reason": explanation.reason,
                "next_steps": explanation.next_steps,
                "complete_by": explanation.complete_by,
                "complete_by_text": explanation.complete_by_text,
            }
            if explanation
            else {}
        )
        forms.append((problem, ExplanationForm(initial=initial, prefix=f"p{problem.pk}")))
    return forms


def _save_explanation(request, plan):
    problem = get_for_user_or_404(
        Problem.objects.filter(inspection=plan.inspection, organisation=plan.organisation),
        request.user,
        pk=request.POST.get("problem"),
    )
    form = ExplanationForm(request.POST, prefix=f"p{problem.pk}")
    if form.is_valid():
        save_explanation(problem, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})
    return redirect("reports:progress", pk=plan.inspection_id, org_pk=plan.organisation_id)


def _stated_rows(user, content):
    rows = []
    for figure in content.figures.values():
        if figure.stated is None:
            continue
        rows.append({"figure": figure, "choosable": can(user, Action.CHANGE, figure.stated)})
    return rows


def _choose_figure(request, plan):
    form = FigureChoiceForm(request.POST)
    if not form.is_valid():
        raise Http404
    figure = get_for_user_or_404(
        StatedFigure.objects.filter(inspection=plan.inspection, organisation=plan.organisation),
        request.user,
        Action.CHANGE,
        pk=form.cleaned_data["figure"],
    )
    choose_stated_figure(figure, by=request.user, use_in_report=form.cleaned_data["printed"] == "stated")
    messages.success(request, _("Saved."))
    return redirect("reports:progress", pk=plan.inspection_id, org_pk=plan.organisation_id)


def _person_choices(user, content) -> list[tuple[str, str]]:
    if content.casework is None:
        return []
    visible = set(
        clue_persons_for_user(user)
        .filter(pk__in=[p.pk for p in content.casework.persons])
        .values_list("pk", flat=True)
    )
    return [
        (str(p.pk), f"{p.position}{p.name}（{disposition_words(p.disposition) if p.disposition else _('case filed')}）")
        for p in content.casework.persons
        if p.pk in visible
    ]


def _persons_form(user, draft, content):
    choices = _person_choices(user, content)
    if not choices:
        return None
    # the names offered are read too: log the clues not logged already as printed (`_content`)
    from xuncha.clues.queries import log_clue_reads

    offered = {int(pk) for pk, _label in choices}
    printed = {person.clue_id for person in content.named}
    clues = {p.clue for p in content.casework.persons if p.pk in offered and p.clue_id not in printed}
    if clues:
        log_clue_reads(user, sorted(clues, key=lambda c: c.pk), "viewed")
    listed = [str(pk) for pk in draft.listed_persons.values_list("pk", flat=True)] if draft.pk else []
    return PersonsForm(initial={"persons": listed}, persons=choices)


def _list_persons(request, plan, draft):
    content = _content(request, plan, draft)
    choices = _person_choices(request.user, content)
    form = PersonsForm(request.POST, persons=choices)
    if not form.is_valid():
        raise Http404
    visible = {pk for pk, _label in choices}
    keep = [p for p in draft.listed_persons.all() if str(p.pk) not in visible]  # named by others
    chosen = [p for p in content.casework.persons if str(p.pk) in form.cleaned_data["persons"]]
    list_persons(draft, by=request.user, persons=keep + chosen)
    messages.success(request, _("Saved."))
    return redirect("reports:progress", pk=plan.inspection_id, org_pk=plan.organisation_id)


def progress_report_docx(request, pk: int, org_pk: int):
    return _download(request, pk, org_pk, DOCX_FORMAT)


def progress_report_pdf(request, pk: int, org_pk: int):
    return _download(request, pk, org_pk, PDF_FORMAT)


def _download(request, pk: int, org_pk: int, fmt: str):
    plan = _plan(request, pk, org_pk)
    content = _content(request, plan, _draft(plan))
    name = _("%(organisation)s rectification progress report") % {
        "organisation": plan.organisation.short_name or plan.organisation.name
    }
    try:
        data = report_file(content, fmt)
    except PdfUnavailable:
        messages.error(request, _("The PDF cannot be made: LibreOffice is not available. Download the Word file."))
        return redirect("reports:progress", pk=pk, org_pk=org_pk)
    content_type = PDF_TYPE if fmt == PDF_FORMAT else DOCX
    return download(data, f"{name}.{fmt}", content_type=content_type, fallback=f"progress-report-{plan.pk}.{fmt}")


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
