"""Interview (约谈) pages: list, record, detail, correct."""

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
from xuncha.supervision.forms import InterviewForm
from xuncha.supervision.lists import INTERVIEWS
from xuncha.supervision.queries import addressee_choices, documents_for_user, interviews_for_user, measure_choices
from xuncha.web.pages import int_param, int_param_post
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step


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
            "may_create": inspection is not None
            and offered(request.user, inspection, "inspections.Inspection").record_interview is not None,
        },
    )


def interview_export(request):
    rows = INTERVIEWS.details(INTERVIEWS.rows(request.user, request.GET, Action.EXPORT))
    return list_download(INTERVIEWS, INTERVIEWS.shown(request.user, rows, "exported"), request=request)


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
        inspections_for_user(request.user),
        request.user,
        pk=int_param(request, "inspection") or int_param_post(request, "inspection") or 0,
    )
    require_allowed(request, "inspection.record_interview", inspection)
    form = _form(request, inspection, request.POST or None)
    if request.method == "POST" and form.is_valid():
        interview = take_step(
            request, "inspection.record_interview", inspection, data=form.values(), success=_("Interview recorded.")
        )
        if interview:
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
            "actions": offered(request.user, interview, "supervision.Interview"),
            "history": history_entries(interview, user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def interview_edit(request, pk: int):
    interview = get_for_user_or_404(interviews_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "interview.update", interview)
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
        data = {**links, **values, "expected_version": form.cleaned_data["version"] or 0}
        try:
            saved = take_step(request, "interview.update", interview, data=data)
        except ConcurrentEditError as conflict:
            form.add_error(
                None,
                _("Someone else saved this record meanwhile: %(fields)s.")
                % {"fields": "、".join(str(c.label) for c in conflict.changes)},
            )
        else:
            if saved:
                return redirect("supervision:interview", pk=pk)
    return render(
        request,
        "web/_simple_form.html",
        {"form": form, "title": _("Correct the interview record"), "inspection": interview.inspection},
    )
