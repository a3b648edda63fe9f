"""The register's pages: list (with figures), new draft, one-click 提醒函, detail, edit, issue,
reply, discard, DOCX and PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.documents.downloads import document_download
from xuncha.inspections.queries import inspections_for_user
from xuncha.lists.excel import list_download
from xuncha.lists.sorting import list_page
from xuncha.plans.models import Term
from xuncha.results import domain
from xuncha.results.enums import ResultKind, ResultStatus
from xuncha.results.figures import register_figures
from xuncha.results.forms import DraftForm, IssueForm, ReplyForm, ResultForm
from xuncha.results.lists import RESULTS, reply_states
from xuncha.results.queries import (
    clue_choices,
    inspection_choices,
    leader_choices,
    office_terms,
    problem_choices,
    recipient_choices,
    results_for_user,
)
from xuncha.results.rules import may_draft, reply_overdue
from xuncha.results.text import official_document
from xuncha.web.forms import ArchiveForm
from xuncha.web.pages import int_param, int_param_post
from xuncha.workflow import actions
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import take_step

MODEL = "results.ResultDocument"


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, [m for e in errors for m in e.messages])
    else:
        form.add_error(None, error.messages)


def result_list(request):
    rows = RESULTS.rows(request.user, request.GET)
    context = list_page(request, RESULTS, rows)
    today = timezone.localdate()
    inspection = None
    if (inspection_id := int_param(request, "inspection")) is not None:
        inspection = inspections_for_user(request.user).filter(pk=inspection_id).select_related("term__owner").first()
    return render(
        request,
        "results/list.html",
        {
            **context,
            "may_create": office_terms(request.user).exists(),
            "inspection": inspection,
            "may_remind": inspection is not None
            and inspection.feedback_on is not None
            and may_draft(request.user, inspection.term),
            "kinds": ResultKind.choices,
            "statuses": ResultStatus.choices,
            "reply_states": reply_states(),
            "years": list(
                results_for_user(request.user)
                .exclude(year=None)
                .order_by("-year")
                .values_list("year", flat=True)
                .distinct()
            ),
            "overdue": {d.pk for d in context["page"] if reply_overdue(d, today=today)},
        },
    )


def result_export(request):
    rows = RESULTS.details(RESULTS.rows(request.user, request.GET, Action.EXPORT))
    return list_download(RESULTS, RESULTS.shown(request.user, rows, "exported"), request=request)


def result_figures(request):
    """Issued documents per year and kind in the user's scope, optionally of one term."""
    terms = Term.objects.active().filter(pk__in=results_for_user(request.user).values("term")).order_by("-starts_on")
    term = terms.filter(pk=int_param(request, "term") or 0).first()
    rows = results_for_user(request.user)
    if term is not None:
        rows = rows.filter(term=term)
    return render(
        request,
        "results/figures.html",
        {"figures": register_figures(rows, today=timezone.localdate()), "terms": terms, "term": term},
    )


@require_http_methods(["GET", "POST"])
def result_create(request):
    terms = office_terms(request.user)
    if not terms.exists():
        raise Http404
    term = terms.filter(pk=int_param(request, "term") or int_param_post(request, "term") or 0).first() or terms[0]
    form = ResultForm(
        request.POST or None,
        initial={"term": term, "kind": request.GET.get("kind") or ResultKind.NOTICE},
        terms=terms,
        organisations=recipient_choices(request.user),
        people=leader_choices(request.user),
        inspections=inspection_choices(request.user, term),
        problems=problem_choices(request.user, term),
        clues=clue_choices(request.user, term),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = domain.draft_result(
                data["term"],
                by=request.user,
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                recipients=data["recipients"],
                leaders=data["leaders"],
                inspections=data["inspections"],
                problems=data["problems"],
                clues=data["clues"],
                reply_required=data["reply_required"],
                due_on=data["due_on"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Draft created. Check the text, then issue it."))
            return redirect("results:detail", pk=document.pk)
    return render(request, "results/form.html", {"form": form, "title": _("New results-use document")})


@require_POST
def reminder_letter(request, pk: int):
    """One click at feedback: the 提醒函 draft for the inspection's organisation and leaders."""
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    if not may_draft(request.user, inspection.term):
        raise Http404
    try:
        document = domain.draft_reminder_letter(inspection, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("inspections:detail", pk=pk)
    messages.success(request, _("Draft created. Check the text, then issue it."))
    return redirect("results:detail", pk=document.pk)


def _document(request, pk, action=Action.VIEW):
    return get_for_user_or_404(
        results_for_user(request.user, action, include_archived=True), request.user, action, pk=pk
    )


def result_detail(request, pk: int):
    document = _document(request, pk)
    steps = offered(request.user, document, MODEL)
    today = timezone.localdate()
    return render(
        request,
        "results/detail.html",
        {
            "document": document,
            "actions": steps,
            "inspections": inspections_for_user(request.user).filter(pk__in=document.inspections.values("pk")),
            "problems": problem_choices(request.user, document.term).filter(pk__in=document.problems.values("pk")),
            "clues": clue_choices(request.user, document.term).filter(pk__in=document.clues.values("pk")),
            "issue_form": IssueForm(initial={"on": today}),
            "reply_form": ReplyForm(initial={"replied_on": today}),
            "archive_form": ArchiveForm(),
            "reply_overdue": reply_overdue(document, today=today),
            "history": history_entries(document, user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def result_edit(request, pk: int):
    document = _document(request, pk)
    action = actions.get("result.edit")
    if not action.allowed(request.user, document):
        raise Http404
    if (why := action.refusal(document)) is not None:
        messages.error(request, why)
        return redirect("results:detail", pk=pk)
    form = DraftForm.for_document(
        document,
        request.POST or None,
        organisations=recipient_choices(request.user),
        people=leader_choices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["expected_version"] = data.pop("version")
        try:
            actions.take("result.edit", document, by=request.user, data=data)
        except ConcurrentEditError as conflict:
            form.add_error(
                None,
                _("Someone else saved this draft meanwhile: %(fields)s.")
                % {"fields": "、".join(c.label for c in conflict.changes)},
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("results:detail", pk=pk)
    return render(request, "results/form.html", {"form": form, "title": _("Edit draft"), "document": document})


def _step(request, pk, name: str, form):
    document = _document(request, pk)
    try:
        take_step(request, name, document, form=form)
    except ConcurrentEditError:
        messages.error(request, _("Someone else changed this document meanwhile; reload and try again."))
    return redirect("results:detail", pk=pk)


@require_POST
def result_issue(request, pk: int):
    return _step(request, pk, "result.issue", IssueForm(request.POST))


@require_POST
def result_reply(request, pk: int):
    return _step(request, pk, "result.reply", ReplyForm(request.POST))


@require_POST
def result_discard(request, pk: int):
    return _step(request, pk, "result.discard", ArchiveForm(request.POST))


def result_docx(request, pk: int):
    return _download(request, pk, "docx")


def result_pdf(request, pk: int):
    return _download(request, pk, "pdf")


def _download(request, pk: int, format: str):
    document = _document(request, pk)
    official = official_document(document, today=timezone.localdate())
    # 巡察重要事项办理抄告单-厦巡抄〔2020〕12号.docx: its kind and its number (a draft has none)
    name = "-".join([document.kind_enum.chinese, document.number or _("Draft")])
    plain = f"result-{document.year}-{document.serial}" if document.serial else f"result-draft-{document.pk}"
    docx_url = reverse("results:docx", args=[document.pk])
    return document_download(request, official, name, format=format, fallback=plain, docx_url=docx_url)
