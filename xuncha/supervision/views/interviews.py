"""Interview (约谈) pages: list, record, detail, correct."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, get_for_user_or_404
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.inspections.queries import inspections_for_user
from xuncha.lists.excel import list_download
from xuncha.lists.sorting import list_page
from xuncha.people.queries import people_for_user
from xuncha.supervision import interviews as domain
from xuncha.supervision.forms import InterviewForm
from xuncha.supervision.lists import INTERVIEWS
from xuncha.supervision.queries import addressee_choices, documents_for_user, interviews_for_user, measure_choices
from xuncha.supervision.rules import is_office_for
from xuncha.supervision.views.documents import add_errors
from xuncha.web.pages import int_param, int_param_post


def interview_list(request):
    inspection = None
    if (inspection_id := int_param(request, "inspection")) is not None:
        inspection = inspections_for_user(request.user).filter(pk=inspection_id).first()
    context = list_page(request, INTERVIEWS, INTERVIEWS.rows(request.user, request.GET))
    return render(
        request,
        "supervision/interviews.html",
        {
            **context,
            "inspection": inspection,
            "may_create": inspection is not None and is_office_for(request.user, inspection),
        },
    )


def interview_export(request):
    rows = INTERVIEWS.details(INTERVIEWS.rows(request.user, request.GET, Action.EXPORT))
    return list_download(INTERVIEWS, INTERVIEWS.shown(request.user, rows, "exported"), title=str(INTERVIEWS.label))


def _form(request, inspection, data=None, initial=None):
    return InterviewForm(
        data,
        initial=initial,
        organisations=addressee_choices(request.user, inspection),
        people=people_for_user(request.user).select_related("organisation").order_by("organisation__path", "name"),
        measures=measure_choices(request.user, inspection),
        documents=documents_for_user(request.user).filter(inspection=inspection),
    )


@require_http_methods(["GET", "POST"])
def interview_create(request):
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, Action.CHANGE),
        request.user,
        Action.CHANGE,
        pk=int_param(request, "inspection") or int_param_post(request, "inspection") or 0,
    )
    form = _form(request, inspection, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interview = domain.record_interview(inspection, by=request.user, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Interview recorded."))
            return redirect("supervision:interview", pk=interview.pk)
    return render(
        request, "web/_simple_form.html", {"form": form, "title": _("Record an interview"), "inspection": inspection}
    )


def interview_detail(request, pk: int):
    interview = get_for_user_or_404(interviews_for_user(request.user), request.user, pk=pk)
    return render(
        request,
        "supervision/interview_detail.html",
        {
            "interview": interview,
            "measures": interview.measures.select_related("plan__organisation"),
            "documents": documents_for_user(request.user).filter(pk__in=interview.documents.values("pk")),
            "may_edit": is_office_for(request.user, interview.inspection),
            "history": history_entries(interview, user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def interview_edit(request, pk: int):
    interview = get_for_user_or_404(
        interviews_for_user(request.user, Action.CHANGE), request.user, Action.CHANGE, pk=pk
    )
    initial = {
        "version": interview.version,
        "organisation": interview.organisation,
        "held_on": interview.held_on,
        "place": interview.place,
        "interviewers": list(interview.interviewers.all()),
        "interviewees": list(interview.interviewees.all()),
        "reason": interview.reason,
        "summary": interview.summary,
        "measures": list(interview.measures.all()),
        "documents": list(interview.documents.all()),
    }
    form = _form(request, interview.inspection, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        links = {key: values.pop(key) for key in ("interviewers", "interviewees", "measures", "documents")}
        try:
            domain.update_interview(
                interview, by=request.user, expected_version=form.cleaned_data["version"] or 0, **links, **values
            )
        except ConcurrentEditError as conflict:
            form.add_error(
                None,
                _("Someone else saved this record meanwhile: %(fields)s.")
                % {"fields": "、".join(c.label for c in conflict.changes)},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("supervision:interview", pk=pk)
    return render(
        request,
        "web/_simple_form.html",
        {"form": form, "title": _("Correct the interview record"), "inspection": interview.inspection},
    )
