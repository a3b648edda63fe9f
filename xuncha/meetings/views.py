"""Meeting pages: the list, recording and correcting a meeting, its detail with the agenda,
decisions and follow-up items, a follow-up item's page, the minutes, and the leaders'
attendance figure. Each step is taken through its declaration (`take_step`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.documents.downloads import document_download
from xuncha.inspections.queries import inspections_for_user
from xuncha.lists.excel import list_download
from xuncha.lists.sorting import list_page
from xuncha.meetings import domain, figures, queries, rules
from xuncha.meetings.enums import MeetingKind
from xuncha.meetings.forms import AgendaItemForm, CompleteForm, FollowUpForm, MeetingForm
from xuncha.meetings.lists import MEETINGS
from xuncha.meetings.minutes import minutes
from xuncha.people.queries import people_for_user
from xuncha.web.pages import int_param
from xuncha.workflow import handoff
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step

MEETING, FOLLOW_UP = "meetings.Meeting", "meetings.FollowUpItem"


def meeting_list(request):
    context = list_page(request, MEETINGS, MEETINGS.rows(request.user, request.GET))
    this_year = timezone.localdate().year
    return render(
        request,
        "meetings/list.html",
        {
            **context,
            "kinds": MeetingKind.choices,
            "years": range(this_year, this_year - 6, -1),
            "may_create": queries.recordable_terms(request.user).exists(),
        },
    )


def meeting_export(request):
    rows = MEETINGS.details(MEETINGS.rows(request.user, request.GET, Action.EXPORT))
    return list_download(MEETINGS, MEETINGS.shown(request.user, rows, "exported"), request=request)


def _meeting_form(request, data=None, *, initial=None, editing=False, term=None):
    terms = queries.recordable_terms(request.user)
    inspections = inspections_for_user(request.user).filter(term__in=[term] if term else terms).order_by("-pk")
    return MeetingForm(
        data,
        initial=initial,
        terms=terms,
        inspections=inspections,
        people=people_for_user(request.user).select_related("organisation").order_by("organisation__path", "name"),
        editing=editing,
    )


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not queries.recordable_terms(request.user).exists():
        raise Http404
    initial = {"held_on": timezone.localdate()}
    if (kind := request.GET.get("kind")) in MeetingKind.values:
        initial["kind"] = kind
    if (inspection_id := int_param(request, "inspection")) is not None:
        inspection = inspections_for_user(request.user).filter(pk=inspection_id).select_related("term").first()
        if inspection is not None:
            initial.update(inspection=inspection, term=inspection.term)
    form = _meeting_form(request, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        term = values.pop("term")
        try:
            meeting = domain.record_meeting(term, by=request.user, **values)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            _errors(form, error)
        else:
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "web/_simple_form.html", {"form": form, "title": _("Record a meeting")})


def _agenda_form(request, meeting, data=None):
    from xuncha.clues.queries import clues_for_user
    from xuncha.findings.models import Problem

    inspections = inspections_for_user(request.user).filter(term=meeting.term).order_by("-pk")
    return AgendaItemForm(
        data,
        inspections=inspections,
        problems=restrict(Problem.objects.filter(inspection__term=meeting.term), request.user).order_by("pk"),
        clues=clues_for_user(request.user).filter(inspection__term=meeting.term).order_by("pk"),
        clue_label=lambda clue: handoff.label(clue),
        prefix="item",
    )


def _follow_up_form(request, meeting, data=None):
    return FollowUpForm(
        data,
        agenda=queries.agenda_of(meeting),
        owners=queries.owner_choices(meeting.term),
        prefix="followup",
    )


def meeting_detail(request, pk: int):
    meeting = get_for_user_or_404(queries.meetings_for_user(request.user), request.user, pk=pk)
    actions = offered(request.user, meeting, MEETING)
    agenda = list(queries.agenda_of(meeting))
    clues = rules.visible_clue_ids(request.user, [item.clue_id for item in agenda])
    from xuncha.findings.models import Problem

    problems = set(
        restrict(
            Problem.objects.filter(pk__in=[i.problem_id for i in agenda if i.problem_id]), request.user
        ).values_list("pk", flat=True)
    )
    shown = [
        {
            "item": item,
            "clue": handoff.label(item.clue) if item.clue_id in clues else "",
            "clue_id": item.clue_id if item.clue_id in clues else None,
            "problem": item.problem if item.problem_id in problems else None,
        }
        for item in agenda
    ]
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "attendances": queries.attendances_of(meeting),
            "agenda": shown,
            "follow_ups": queries.follow_ups_for_user(request.user).filter(meeting=meeting),
            "actions": actions,
            "agenda_form": _agenda_form(request, meeting) if actions.add_item else None,
            "follow_up_form": _follow_up_form(request, meeting) if actions.add_follow_up else None,
            "history": history_entries(meeting, user=request.user),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = get_for_user_or_404(queries.meetings_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "meeting.update", meeting)
    attendances = list(queries.attendances_of(meeting))
    initial = {
        "version": meeting.version,
        "kind": meeting.kind,
        "title": meeting.title,
        "held_on": meeting.held_on,
        "place": meeting.place,
        "chair": meeting.chair,
        "inspection": meeting.inspection,
        "summary": meeting.summary,
        "attendees": [a.person for a in attendances],
        "leaders": [a.person for a in attendances if a.as_leader],
        "leader_role": next((a.role for a in attendances if a.as_leader and a.role), ""),
    }
    form = _meeting_form(request, request.POST or None, initial=initial, editing=True, term=meeting.term)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        data = {**values, "expected_version": form.cleaned_data["version"] or 0}
        try:
            saved = take_step(request, "meeting.update", meeting, data=data)
        except ConcurrentEditError as conflict:
            form.add_error(
                None,
                _("Someone else saved this record meanwhile: %(fields)s.")
                % {"fields": "、".join(str(c.label) for c in conflict.changes)},
            )
        else:
            if saved:
                return redirect("meetings:detail", pk=pk)
    return render(request, "web/_simple_form.html", {"form": form, "title": _("Correct the meeting record")})


@require_POST
def meeting_add_item(request, pk: int):
    meeting = get_for_user_or_404(queries.meetings_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "meeting.add_item", meeting)
    take_step(
        request,
        "meeting.add_item",
        meeting,
        form=_agenda_form(request, meeting, request.POST),
        success=_("Agenda item added."),
    )
    return redirect(reverse("meetings:detail", args=[pk]) + "#agenda")


@require_POST
def meeting_add_follow_up(request, pk: int):
    meeting = get_for_user_or_404(queries.meetings_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "meeting.add_follow_up", meeting)
    take_step(
        request,
        "meeting.add_follow_up",
        meeting,
        form=_follow_up_form(request, meeting, request.POST),
        success=_("Follow-up item sent."),
    )
    return redirect(reverse("meetings:detail", args=[pk]) + "#follow-ups")


def follow_up_detail(request, pk: int):
    item = get_for_user_or_404(queries.follow_ups_for_user(request.user), request.user, pk=pk)
    actions = offered(request.user, item, FOLLOW_UP)
    readable = queries.meetings_for_user(request.user).filter(pk=item.meeting_id).exists()
    return render(
        request,
        "meetings/follow_up.html",
        {
            "item": item,
            "meeting": item.meeting,
            "meeting_readable": readable,
            "agenda_item": item.agenda_item if readable else None,
            "actions": actions,
            "complete_form": CompleteForm() if actions.complete else None,
            "history": history_entries(item, user=request.user),
            "today": timezone.localdate(),
        },
    )


@require_POST
def follow_up_complete(request, pk: int):
    item = get_for_user_or_404(queries.follow_ups_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "followup.complete", item)
    take_step(request, "followup.complete", item, form=CompleteForm(request.POST), success=_("Marked done."))
    return redirect("meetings:follow_up", pk=pk)


def _minutes(request, pk: int, format: str):
    meeting = get_for_user_or_404(queries.meetings_for_user(request.user), request.user, pk=pk)
    document = minutes(
        meeting,
        attendances=list(queries.attendances_of(meeting)),
        agenda=list(queries.agenda_of(meeting)),
        follow_ups=list(queries.follow_ups_for_user(request.user).filter(meeting=meeting).order_by("deadline", "pk")),
    )
    # 会议纪要-巡察反馈会议-20261020.docx: what it is, the kind of meeting and its day
    name = "-".join([_("Minutes"), str(meeting.get_kind_display()), f"{meeting.held_on:%Y%m%d}"])
    plain = f"minutes-{meeting.pk}-{meeting.held_on:%Y%m%d}"
    docx_url = reverse("meetings:minutes_docx", args=[meeting.pk])
    return document_download(request, document, name, format=format, fallback=plain, docx_url=docx_url)


def minutes_docx(request, pk: int):
    return _minutes(request, pk, "docx")


def minutes_pdf(request, pk: int):
    return _minutes(request, pk, "pdf")


def leader_figures(request):
    """Leaders' attendances at feedback meetings per term and year, from the rows below."""
    if not rules.may_read_meetings(request.user):
        raise Http404
    meetings = queries.meetings_for_user(request.user)
    term_id, year = int_param(request, "term"), int_param(request, "year")
    rows = figures.drill_down(meetings, term_id=term_id, year=year) if term_id or year else None
    return render(
        request,
        "meetings/figures.html",
        {"counts": figures.leader_counts(meetings), "rows": rows, "term_id": term_id, "year": year},
    )
