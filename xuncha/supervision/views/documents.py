"""Supervision document pages: list, draft, edit, issue, answer, return, close, discard, DOCX and PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
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
from xuncha.supervision import documents as domain
from xuncha.supervision.configuration import settings_for_term
from xuncha.supervision.document_text import official_document
from xuncha.supervision.enums import DocumentKind, DocumentStatus
from xuncha.supervision.forms import AnswerForm, DateForm, DocumentForm, DraftForm, ReasonForm
from xuncha.supervision.lists import DOCUMENTS
from xuncha.supervision.queries import (
    accountabilities_for_user,
    addressee_choices,
    documents_for_user,
    measure_choices,
    measure_units,
)
from xuncha.supervision.rules import answer_overdue, is_office_for, returned_reason
from xuncha.web.forms import ArchiveForm
from xuncha.web.pages import int_param, int_param_post
from xuncha.workflow import actions
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import take_step


def add_errors(form, error: ValidationError) -> None:
    """Put each error on its field when the form has one, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, [m for e in errors for m in e.messages])
    else:
        form.add_error(None, error.messages)


def document_list(request):
    inspection = None
    if (inspection_id := int_param(request, "inspection")) is not None:
        inspection = inspections_for_user(request.user).filter(pk=inspection_id).first()
    context = list_page(request, DOCUMENTS, DOCUMENTS.rows(request.user, request.GET))
    today = timezone.localdate()
    return render(
        request,
        "supervision/documents.html",
        {
            **context,
            "inspection": inspection,
            "may_create": inspection is not None and is_office_for(request.user, inspection),
            "kinds": DocumentKind.choices,
            "statuses": DocumentStatus.choices,
            "overdue": {d.pk for d in context["page"] if answer_overdue(d, today=today)},
        },
    )


def document_export(request):
    rows = DOCUMENTS.details(DOCUMENTS.rows(request.user, request.GET, Action.EXPORT))
    return list_download(DOCUMENTS, DOCUMENTS.shown(request.user, rows, "exported"), request=request)


@require_http_methods(["GET", "POST"])
def document_create(request):
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, Action.CHANGE),
        request.user,
        Action.CHANGE,
        pk=int_param(request, "inspection") or int_param_post(request, "inspection") or 0,
    )
    form = DocumentForm(
        request.POST or None,
        organisations=addressee_choices(request.user, inspection),
        measures=measure_choices(request.user, inspection),
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = domain.draft_document(
                inspection,
                by=request.user,
                kind=form.cleaned_data["kind"],
                addressee=form.cleaned_data["addressee"],
                measures=list(measure_units(form.cleaned_data["measures"])),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Draft created. Check the text, then issue it."))
            return redirect("supervision:document", pk=document.pk)
    return render(
        request,
        "web/_simple_form.html",
        {"form": form, "title": _("New supervision document"), "inspection": inspection},
    )


def _document(request, pk, action=Action.VIEW):
    return get_for_user_or_404(
        documents_for_user(request.user, action, include_archived=True), request.user, action, pk=pk
    )


def document_detail(request, pk: int):
    document = _document(request, pk)
    steps = offered(request.user, document, "supervision.SupervisionDocument")
    today = timezone.localdate()
    return render(
        request,
        "supervision/document_detail.html",
        {
            "document": document,
            "measures": measure_units(document.measures.select_related("plan__organisation", "lead_unit")),
            "interviews": document.interviews.active().select_related("organisation"),
            "accountabilities": accountabilities_for_user(request.user).filter(document=document),
            "actions": steps,
            "draft_form": DraftForm.for_document(document) if steps.edit else None,
            "issue_form": DateForm(initial={"on": today}),
            "answer_form": AnswerForm(initial={"answered_on": today}),
            "reason_form": ReasonForm(),
            "archive_form": ArchiveForm(),
            "answer_overdue": answer_overdue(document, today=today),
            "returned_reason": returned_reason(document),
            "history": history_entries(document, user=request.user),
        },
    )


def _step(request, pk, name: str, form):
    """Take the declared step `name` with the form's cleaned data; who may not take it gets 404."""
    document = _document(request, pk)
    try:
        take_step(request, name, document, form=form)
    except ConcurrentEditError:
        messages.error(request, _("Someone else changed this document meanwhile; reload and try again."))
    return redirect("supervision:document", pk=pk)


@require_http_methods(["GET", "POST"])
def document_edit(request, pk: int):
    document = _document(request, pk)
    if not actions.get("document.edit").allowed(request.user, document):
        raise Http404
    if (why := actions.get("document.edit").refusal(document)) is not None:
        messages.error(request, why)
        return redirect("supervision:document", pk=pk)
    form = DraftForm.for_document(document, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.take(
                "document.edit",
                document,
                by=request.user,
                data={
                    "expected_version": data["version"],
                    "title": data["title"],
                    "body": data["body"],
                    "due_on": data["due_on"],
                },
            )
        except ConcurrentEditError as conflict:
            form.add_error(
                None,
                _("Someone else saved this draft meanwhile: %(fields)s.")
                % {"fields": "、".join(c.label for c in conflict.changes)},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("supervision:document", pk=pk)
    return render(
        request,
        "web/_simple_form.html",
        {"form": form, "title": _("Edit draft"), "inspection": document.inspection},
    )


@require_POST
def document_issue(request, pk: int):
    return _step(request, pk, "document.issue", DateForm(request.POST))


@require_POST
def document_answer(request, pk: int):
    return _step(request, pk, "document.answer", AnswerForm(request.POST))


@require_POST
def document_return(request, pk: int):
    return _step(request, pk, "document.return", ReasonForm(request.POST))


@require_POST
def document_close(request, pk: int):
    return _step(request, pk, "document.close", DateForm(request.POST))


@require_POST
def document_discard(request, pk: int):
    return _step(request, pk, "document.discard", ArchiveForm(request.POST))


def document_docx(request, pk: int):
    return _document_download(request, pk, "docx")


def document_pdf(request, pk: int):
    return _document_download(request, pk, "pdf")


def _document_download(request, pk: int, format: str):
    document = _document(request, pk)
    config = settings_for_term(document.inspection.term)
    official = official_document(document, prefix=document.prefix or config.number_prefix, today=timezone.localdate())
    # 督办通知书-湖里区-厦巡督〔2025〕3号.docx: its kind, its addressee and its number (a draft has none)
    addressee = document.addressee.short_name or document.addressee.name
    name = "-".join([document.get_kind_display(), addressee, document.number or _("Draft")])
    plain = f"supervision-{document.year}-{document.serial}" if document.serial else f"supervision-draft-{document.pk}"
    docx_url = reverse("supervision:document_docx", args=[document.pk])
    return document_download(request, official, name, format=format, fallback=plain, docx_url=docx_url)
