"""Supervision document pages: list, draft, edit, issue, answer, return, close, discard, DOCX."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.documents.writer import render_docx
from xuncha.inspections.queries import inspections_for_user
from xuncha.supervision import documents as domain
from xuncha.supervision.configuration import settings_for_term
from xuncha.supervision.document_text import official_document
from xuncha.supervision.enums import DocumentKind, DocumentStatus
from xuncha.supervision.forms import AnswerForm, DateForm, DocumentForm, DraftForm, ReasonForm
from xuncha.supervision.queries import addressee_choices, documents_for_user, measure_choices, measure_units
from xuncha.supervision.rules import is_office_for, may_answer, may_manage
from xuncha.web.forms import ArchiveForm
from xuncha.web.pages import int_param, paginate


def add_errors(form, error: ValidationError) -> None:
    """Put each error on its field when the form has one, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, [m for e in errors for m in e.messages])
    else:
        form.add_error(None, error.messages)


def document_list(request):
    documents = documents_for_user(request.user)
    inspection = None
    if (inspection_id := int_param(request, "inspection")) is not None:
        documents = documents.filter(inspection_id=inspection_id)
        inspection = inspections_for_user(request.user).filter(pk=inspection_id).first()
    if (kind := request.GET.get("kind", "")) in DocumentKind.values:
        documents = documents.filter(kind=kind)
    if (status := request.GET.get("status", "")) in DocumentStatus.values:
        documents = documents.filter(status=status)
    ordered = documents.order_by(F("issued_on").desc(nulls_first=True), "-pk")
    page, query = paginate(request, ordered)
    return render(
        request,
        "supervision/documents.html",
        {
            "page": page,
            "query": query,
            "inspection": inspection,
            "may_create": inspection is not None and is_office_for(request.user, inspection),
            "kinds": DocumentKind.choices,
            "statuses": DocumentStatus.choices,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def document_create(request):
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, Action.CHANGE),
        request.user,
        Action.CHANGE,
        pk=request.GET.get("inspection") or request.POST.get("inspection") or 0,
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
    manage = may_manage(request.user, document) and not document.is_archived
    today = timezone.localdate()
    return render(
        request,
        "supervision/document_detail.html",
        {
            "document": document,
            "measures": measure_units(document.measures.select_related("plan__organisation", "lead_unit")),
            "interviews": document.interviews.active().select_related("organisation"),
            "may_manage": manage,
            "may_answer": may_answer(request.user, document) and not document.is_archived,
            "draft_form": DraftForm.for_document(document) if manage and document.status == "draft" else None,
            "issue_form": DateForm(initial={"on": today}),
            "answer_form": AnswerForm(initial={"answered_on": today}),
            "reason_form": ReasonForm(),
            "archive_form": ArchiveForm(),
            "answer_overdue": document.status == DocumentStatus.ISSUED and document.due_on and today > document.due_on,
            "history": history_entries(document, user=request.user),
        },
    )


def _step(request, pk, action, *, manage: bool):
    document = _document(request, pk, Action.CHANGE if manage else Action.VIEW)
    if not manage and not may_answer(request.user, document):
        raise Http404
    try:
        action(document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ConcurrentEditError:
        messages.error(request, _("Someone else changed this document meanwhile; reload and try again."))
    else:
        messages.success(request, _("Saved."))
    return redirect("supervision:document", pk=pk)


def _form_step(request, pk, form, act, *, manage: bool = True):
    def action(document):
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        act(document, form.cleaned_data)

    return _step(request, pk, action, manage=manage)


@require_http_methods(["GET", "POST"])
def document_edit(request, pk: int):
    document = _document(request, pk, Action.CHANGE)
    if document.status != DocumentStatus.DRAFT or document.is_archived:
        messages.error(request, _("Only a draft can be edited."))
        return redirect("supervision:document", pk=pk)
    form = DraftForm.for_document(document, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.update_draft(
                document,
                by=request.user,
                expected_version=data["version"],
                title=data["title"],
                body=data["body"],
                due_on=data["due_on"],
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
    return _form_step(
        request, pk, DateForm(request.POST), lambda d, c: domain.issue_document(d, by=request.user, on=c["on"])
    )


@require_POST
def document_answer(request, pk: int):
    return _form_step(
        request,
        pk,
        AnswerForm(request.POST),
        lambda d, c: domain.answer_document(d, by=request.user, answer=c["answer"], on=c["answered_on"]),
        manage=False,
    )


@require_POST
def document_return(request, pk: int):
    return _form_step(
        request, pk, ReasonForm(request.POST), lambda d, c: domain.return_answer(d, by=request.user, reason=c["reason"])
    )


@require_POST
def document_close(request, pk: int):
    return _form_step(
        request, pk, DateForm(request.POST), lambda d, c: domain.close_document(d, by=request.user, on=c["on"])
    )


@require_POST
def document_discard(request, pk: int):
    return _form_step(
        request,
        pk,
        ArchiveForm(request.POST),
        lambda d, c: domain.discard_draft(d, by=request.user, reason=c["reason"]),
    )


def document_docx(request, pk: int):
    document = _document(request, pk)
    config = settings_for_term(document.inspection.term)
    official = official_document(document, prefix=document.prefix or config.number_prefix, today=timezone.localdate())
    response = HttpResponse(
        render_docx(official),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"supervision-{document.year}-{document.serial}" if document.serial else f"supervision-draft-{document.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response
