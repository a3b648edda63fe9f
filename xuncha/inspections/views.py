from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, can, get_for_user_or_404, restrict
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.inspections import announcement as announcement_doc
from xuncha.inspections import domain
from xuncha.inspections.enums import InspectionKind
from xuncha.inspections.figures import progress, request_status
from xuncha.inspections.forms import (
    DatesForm,
    IndicatorForm,
    InspectionForm,
    MemberForm,
    ReadingForm,
    ReplyForm,
    RequestForm,
    TargetForm,
)
from xuncha.inspections.lists import INSPECTIONS
from xuncha.inspections.models import Indicator, IndicatorReading, InformationRequest
from xuncha.inspections.queries import inspections_for_user, may_work_on
from xuncha.lists.excel import list_download
from xuncha.orgs.queries import organisations_for_user
from xuncha.people.queries import people_for_user
from xuncha.plans.queries import terms_for_user
from xuncha.staffing import domain as staffing
from xuncha.staffing.models import TeamMember
from xuncha.staffing.recusal import recusal_conflicts
from xuncha.web.pages import int_param, int_param_post, paginate


def inspection_list(request):
    page, query = paginate(request, INSPECTIONS.details(INSPECTIONS.rows(request.user, request.GET)))
    return render(
        request,
        "inspections/list.html",
        {
            "page": page,
            "query": query,
            "kinds": InspectionKind.choices,
            "terms": terms_for_user(request.user),
            "may_create": terms_for_user(request.user, Action.CHANGE).exists(),
        },
    )


def inspection_export(request):
    rows = INSPECTIONS.details(INSPECTIONS.rows(request.user, request.GET, Action.EXPORT))
    return list_download(INSPECTIONS, rows, title=str(INSPECTIONS.label))


@require_http_methods(["GET", "POST"])
def inspection_create(request):
    term = get_for_user_or_404(
        terms_for_user(request.user, Action.CHANGE),
        request.user,
        Action.CHANGE,
        pk=int_param(request, "term") or int_param_post(request, "term") or 0,
    )
    organisations = organisations_for_user(request.user).filter(path__startswith=term.owner.path).order_by("path")
    form = InspectionForm(request.POST or None, term=term, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = domain.create_inspection(by=request.user, term=term, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Inspection created."))
            return redirect("inspections:detail", pk=inspection.pk)
    return render(request, "inspections/form.html", {"form": form, "title": _("New inspection"), "term": term})


def inspection_detail(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user, include_archived=True), request.user, pk=pk)
    today = timezone.localdate()
    team = (
        restrict(TeamMember.objects.active().filter(inspection=inspection), request.user)
        .select_related("person__organisation")
        .order_by("role", "pk")
    )
    indicators = restrict(Indicator.objects.filter(inspection=inspection), request.user).prefetch_related(
        Prefetch(
            "readings",
            queryset=IndicatorReading.objects.order_by("-on", "-id"),
            to_attr="prefetched_readings",
        )
    )
    requests_ = (
        restrict(InformationRequest.objects.filter(inspection=inspection), request.user)
        .select_related("recipient")
        .prefetch_related("files")
    )
    may_change = can(request.user, Action.CHANGE, inspection)
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "targets": inspection.targets.select_related("organisation"),
            "team": team,
            "indicators": [progress(i) for i in indicators],
            "requests": [(r, request_status(r, today=today)) for r in requests_],
            "may_change": may_change,
            "may_work": can_work(request.user, inspection),
            "history": history_entries(inspection, user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def inspection_dates(request, pk: int):
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, Action.CHANGE), request.user, Action.CHANGE, pk=pk
    )
    form = DatesForm(
        request.POST or None,
        initial={
            "version": inspection.version,
            "entry_on": inspection.entry_on,
            "exit_on": inspection.exit_on,
            "feedback_on": inspection.feedback_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            domain.set_dates(inspection, by=request.user, expected_version=data.pop("version"), **data)
        except ConcurrentEditError:
            form.add_error(None, _("Someone changed this inspection meanwhile. Reload and try again."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dates saved; due dates derived from the feedback date."))
            return redirect("inspections:detail", pk=inspection.pk)
    return render(request, "inspections/form.html", {"form": form, "title": _("Dates"), "inspection": inspection})


@require_http_methods(["GET", "POST"])
def target_add(request, pk: int):
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, Action.CHANGE), request.user, Action.CHANGE, pk=pk
    )
    organisations = organisations_for_user(request.user).filter(path__startswith=inspection.term.owner.path)
    form = TargetForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_target(inspection, by=request.user, organisation=form.cleaned_data["organisation"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organisation added."))
            return redirect("inspections:detail", pk=inspection.pk)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Add inspected organisation"), "inspection": inspection},
    )


@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, Action.CHANGE), request.user, Action.CHANGE, pk=pk
    )
    form = MemberForm(
        request.POST or None,
        people=people_for_user(request.user).select_related("organisation"),
        initial={"person": request.GET.get("person")},
    )
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            staffing.assign_member(inspection, by=request.user, **form.cleaned_data)
        except staffing.RecusalRefused as error:
            conflicts = error.conflicts
            form.add_error(None, _("Refused: conflict of interest (回避). To assign anyway, give a written reason."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Team member assigned."))
            return redirect("inspections:detail", pk=inspection.pk)
    elif request.method == "GET" and form["person"].value():
        person = people_for_user(request.user).filter(pk=form["person"].value()).first()
        conflicts = recusal_conflicts(person, inspection) if person else []
    return render(
        request,
        "inspections/member_form.html",
        {"form": form, "title": _("Assign team member"), "inspection": inspection, "conflicts": conflicts},
    )


@require_http_methods(["POST"])
def member_remove(request, pk: int):
    member = get_for_user_or_404(
        TeamMember.objects.active().select_related("inspection"), request.user, Action.CHANGE, pk=pk
    )
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Give a reason."))
    else:
        staffing.remove_member(member, by=request.user, reason=reason)
        messages.success(request, _("Team member removed."))
    return redirect("inspections:detail", pk=member.inspection_id)


def can_work(user, inspection) -> bool:
    return may_work_on(user, inspection)


@require_http_methods(["GET", "POST"])
def indicator_add(request, pk: int):
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, Action.CHANGE), request.user, Action.CHANGE, pk=pk
    )
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_indicator(inspection, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Indicator added."))
            return redirect("inspections:detail", pk=inspection.pk)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("New indicator"), "inspection": inspection},
    )


@require_http_methods(["GET", "POST"])
def reading_add(request, pk: int):
    indicator = get_for_user_or_404(Indicator.objects.select_related("inspection"), request.user, Action.CREATE, pk=pk)
    form = ReadingForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            domain.record_reading(indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Reading recorded."))
            return redirect("inspections:detail", pk=indicator.inspection_id)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Record a reading"), "inspection": indicator.inspection},
    )


@require_http_methods(["GET", "POST"])
def request_add(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    if not can_work(request.user, inspection):
        raise Http404
    form = RequestForm(
        request.POST or None,
        organisations=organisations_for_user(request.user),
        initial={"sent_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.create_information_request(inspection, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Request recorded."))
            return redirect("inspections:detail", pk=inspection.pk)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("New information request"), "inspection": inspection},
    )


@require_http_methods(["GET", "POST"])
def request_reply(request, pk: int):
    info = get_for_user_or_404(
        InformationRequest.objects.select_related("inspection"), request.user, Action.CHANGE, pk=pk
    )
    form = ReplyForm(request.POST or None, request.FILES or None, initial={"replied_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            domain.record_reply(
                info,
                by=request.user,
                reply=form.cleaned_data["reply"],
                replied_on=form.cleaned_data["replied_on"],
                uploads=form.cleaned_data["files"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Reply recorded."))
            return redirect("inspections:detail", pk=info.inspection_id)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Record the reply"), "inspection": info.inspection, "multipart": True},
    )


def _announcement(request, pk):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    leader = TeamMember.objects.active().filter(inspection=inspection, role="leader").select_related("person").first()
    return inspection, announcement_doc.build(inspection, leader_name=leader.person.name if leader else None)


def announcement_page(request, pk: int):
    inspection, doc = _announcement(request, pk)
    return render(request, "inspections/announcement.html", {"inspection": inspection, "doc": doc})


def announcement_docx(request, pk: int):
    inspection, doc = _announcement(request, pk)
    response = HttpResponse(
        announcement_doc.to_docx(doc),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="announcement-{inspection.pk}.docx"'
    return response
