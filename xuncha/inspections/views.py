from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.documents.downloads import document_download
from xuncha.findings.rules import feedback_opens
from xuncha.inspections import announcement as announcement_doc
from xuncha.inspections import domain
from xuncha.inspections.enums import InspectionKind
from xuncha.inspections.figures import progress, request_status
from xuncha.inspections.forms import (
    ContactForm,
    DatesForm,
    IndicatorForm,
    InspectionForm,
    MemberForm,
    ReadingForm,
    ReasonForm,
    ReplyForm,
    RequestForm,
    TargetForm,
)
from xuncha.inspections.lists import INSPECTIONS
from xuncha.inspections.models import Indicator, IndicatorReading, InformationRequest
from xuncha.inspections.queries import inspections_for_user
from xuncha.inspections.rules import may_change_inspection, may_work
from xuncha.inspections.words import words_of
from xuncha.lists.excel import list_download
from xuncha.orgs.queries import organisations_for_user
from xuncha.people.queries import people_for_user
from xuncha.plans.queries import terms_for_user
from xuncha.public import codes as public_codes
from xuncha.public import qr as public_qr
from xuncha.rectification.rules import overview_inspections
from xuncha.staffing.models import TeamAppraisal, TeamMember
from xuncha.staffing.recusal import recusal_conflicts
from xuncha.web.pages import choose_first, int_param, int_param_post, paginate
from xuncha.workflow import actions
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step


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
    return list_download(INSPECTIONS, rows, request=request)


@require_http_methods(["GET", "POST"])
def inspection_create(request):
    """A new inspection in a term the user may plan (asked first when not given: the list's
    「新建巡察」); `?organisation=` preselects an organisation to inspect (the coverage page's
    「安排巡察」 for an organisation not yet inspected)."""
    terms = terms_for_user(request.user, Action.CHANGE)
    chosen = int_param(request, "term") or int_param_post(request, "term")
    if chosen is None and request.method == "GET":
        options = list(terms.order_by("-starts_on", "pk").values_list("pk", "name")[:200])
        if not options:
            raise Http404
        if len(options) > 1:
            return choose_first(
                request, title=_("New inspection"), name="term", label=_("Term"), options=options,
                cancel=reverse("inspections:list"),
            )
        chosen = options[0][0]
    term = get_for_user_or_404(terms, request.user, Action.CHANGE, pk=chosen or 0)
    organisations = organisations_for_user(request.user).filter(path__startswith=term.owner.path).order_by("path")
    initial = None
    if (organisation := int_param(request, "organisation")) is not None:
        initial = {"targets": list(organisations.filter(pk=organisation))}
    form = InspectionForm(request.POST or None, term=term, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = domain.create_inspection(by=request.user, term=term, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, inspection.words.say(_("Inspection created.")))
            return redirect("inspections:detail", pk=inspection.pk)
    title = words_of(term).say(_("New inspection"))
    return render(request, "inspections/form.html", {"form": form, "title": title, "term": term})


def _sharing(rows, inspection) -> list:
    """The rows with the page's one inspection object: what is remembered on it about the user
    (`may_work`) is read once, not once per row."""
    rows = list(rows)
    for row in rows:
        row.inspection = inspection
    return rows


def inspection_detail(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user, include_archived=True), request.user, pk=pk)
    today = timezone.localdate()
    team = (
        restrict(TeamMember.objects.active().filter(inspection=inspection), request.user)
        .select_related("person__organisation", "inspection", "home_unit", "evaluation")
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
        .select_related("recipient", "inspection")
        .prefetch_related("files")
    )
    user = request.user
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "targets": inspection.targets.select_related("organisation"),
            "team": [(m, offered(user, m, "staffing.TeamMember")) for m in _sharing(team, inspection)],
            "indicators": [
                (progress(i), offered(user, i, "inspections.Indicator")) for i in _sharing(indicators, inspection)
            ],
            "requests": [
                (r, request_status(r, today=today), offered(user, r, "inspections.InformationRequest"))
                for r in _sharing(requests_, inspection)
            ],
            "actions": offered(user, inspection, "inspections.Inspection"),
            "sees_overrides": may_change_inspection(user, inspection),
            "appraisal": restrict(TeamAppraisal.objects.filter(inspection=inspection), user).first(),
            "may_work": may_work(user, inspection),
            "opens": {  # the pages linked from this one that open for this user
                "feedback": feedback_opens(user, inspection),
                "rectification": overview_inspections(user).filter(pk=inspection.pk).exists(),
                "people": set(
                    people_for_user(user, include_archived=True)
                    .filter(pk__in=team.values("person_id"))
                    .values_list("pk", flat=True)
                ),
            },
            "history": history_entries(inspection, user=user),
        },
    )


def _step_page(request, name, obj, form, *, inspection, title, success, template="inspections/form.html", **extra):
    """A form page for one declared step on `obj`: 404 unless the user may take it; on a valid
    POST the step is taken and the user goes back to the inspection."""
    require_allowed(request, name, obj)
    if request.method == "POST" and form.is_valid():
        try:
            if take_step(request, name, obj, form=form, success=success) is not None:
                return redirect("inspections:detail", pk=inspection.pk)
        except ConcurrentEditError:
            form.add_error(None, _("Someone changed this inspection meanwhile. Reload and try again."))
    context = {"form": form, "title": title, "inspection": inspection, **extra}
    return render(request, template, context)


def _inspection(request, pk):
    return get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)


@require_http_methods(["GET", "POST"])
def inspection_dates(request, pk: int):
    inspection = _inspection(request, pk)
    form = DatesForm(
        request.POST or None,
        initial={
            "version": inspection.version,
            "entry_on": inspection.entry_on,
            "exit_on": inspection.exit_on,
            "feedback_on": inspection.feedback_on,
        },
    )
    return _step_page(
        request, "inspection.set_dates", inspection, form, inspection=inspection, title=_("Dates"),
        success=_("Dates saved; due dates derived from the feedback date."),
    )


@require_http_methods(["GET", "POST"])
def target_add(request, pk: int):
    inspection = _inspection(request, pk)
    organisations = organisations_for_user(request.user).filter(path__startswith=inspection.term.owner.path)
    form = TargetForm(request.POST or None, organisations=organisations)
    return _step_page(
        request, "inspection.add_target", inspection, form, inspection=inspection,
        title=_("Add inspected organisation"), success=_("Organisation added."),
    )


@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    inspection = _inspection(request, pk)
    require_allowed(request, "inspection.assign_member", inspection)
    people = people_for_user(request.user).select_related("organisation")
    form = MemberForm(
        request.POST or None,
        people=people,
        units=organisations_for_user(request.user),
        initial={"person": request.GET.get("person"), "role": request.GET.get("role")},
    )
    conflicts = []
    if request.method == "POST" and form.is_valid():
        done = take_step(request, "inspection.assign_member", inspection, form=form, success=_("Team member assigned."))
        if done is not None:
            return redirect("inspections:detail", pk=inspection.pk)
        conflicts = recusal_conflicts(form.cleaned_data["person"], inspection)
        if conflicts and not form.cleaned_data["override_reason"].strip():
            form.add_error(None, _("Refused: conflict of interest (回避). To assign anyway, give a written reason."))
    elif request.method == "GET" and form["person"].value():
        person = people.filter(pk=int_param(request, "person") or 0).first()
        conflicts = recusal_conflicts(person, inspection) if person else []
    return render(
        request,
        "inspections/member_form.html",
        {"form": form, "title": _("Assign team member"), "inspection": inspection, "conflicts": conflicts},
    )


@require_http_methods(["POST"])
def member_remove(request, pk: int):
    member = get_for_user_or_404(TeamMember.objects.active().select_related("inspection"), request.user, pk=pk)
    take_step(request, "member.remove", member, form=ReasonForm(request.POST), success=_("Team member removed."))
    return redirect("inspections:detail", pk=member.inspection_id)


@require_http_methods(["GET", "POST"])
def indicator_add(request, pk: int):
    inspection = _inspection(request, pk)
    return _step_page(
        request, "inspection.add_indicator", inspection, IndicatorForm(request.POST or None),
        inspection=inspection, title=_("New indicator"), success=_("Indicator added."),
    )


@require_http_methods(["GET", "POST"])
def reading_add(request, pk: int):
    indicator = get_for_user_or_404(Indicator.objects.select_related("inspection"), request.user, pk=pk)
    form = ReadingForm(request.POST or None, initial={"on": timezone.localdate()})
    return _step_page(
        request, "indicator.record_reading", indicator, form, inspection=indicator.inspection,
        title=_("Record a reading"), success=_("Reading recorded."),
    )


@require_http_methods(["GET", "POST"])
def request_add(request, pk: int):
    inspection = _inspection(request, pk)
    form = RequestForm(
        request.POST or None,
        organisations=organisations_for_user(request.user),
        initial={"sent_on": timezone.localdate()},
    )
    return _step_page(
        request, "inspection.create_request", inspection, form, inspection=inspection,
        title=_("New information request"), success=_("Request recorded."),
    )


@require_http_methods(["GET", "POST"])
def request_reply(request, pk: int):
    info = get_for_user_or_404(InformationRequest.objects.select_related("inspection"), request.user, pk=pk)
    form = ReplyForm(request.POST or None, request.FILES or None, initial={"replied_on": timezone.localdate()})
    return _step_page(
        request, "request.record_reply", info, form, inspection=info.inspection, title=_("Record the reply"),
        success=_("Reply recorded."), multipart=True,
    )


def _announcement(request, pk):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    leader = TeamMember.objects.active().filter(inspection=inspection, role="leader").select_related("person").first()
    return inspection, announcement_doc.build(inspection, leader_name=leader.person.name if leader else None)


def announcement_page(request, pk: int):
    inspection, doc = _announcement(request, pk)
    context = {
        "inspection": inspection,
        "doc": doc,
        "missing": announcement_doc.missing_contact(inspection),
        "may_edit": actions.get("inspection.update").allowed(request.user, inspection),
        # the 码上巡 codes printed under it, once the pages are published (xuncha.public)
        "codes": public_codes.page_codes(public_codes.published_pages(inspection)),
        "publish": offered(request.user, inspection, "inspections.Inspection").publish_public_pages,
        "base_url_missing": not public_qr.base_url(),
        "code_caption": public_codes.ANNOUNCEMENT_CAPTION,
    }
    return render(request, "inspections/announcement.html", context)


@require_http_methods(["GET", "POST"])
def announcement_contact(request, pk: int):
    """The phone, mailbox and e-mail the announcement gives, filled in from its page."""
    inspection = _inspection(request, pk)
    require_allowed(request, "inspection.update", inspection)
    initial = {"version": inspection.version, **{f: getattr(inspection, f) for f in ("phone", "mailbox", "email")}}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if take_step(request, "inspection.update", inspection, form=form, success=_("Contact saved.")):
                return redirect("inspections:announcement", pk=inspection.pk)
        except ConcurrentEditError:
            form.add_error(None, _("Someone changed this inspection meanwhile. Reload and try again."))
    context = {"form": form, "title": _("Reporting contact"), "inspection": inspection}
    return render(request, "inspections/form.html", context)


def announcement_docx(request, pk: int):
    return _announcement_download(request, pk, "docx")


def announcement_pdf(request, pk: int):
    return _announcement_download(request, pk, "pdf")


def _announcement_download(request, pk: int, format: str):
    inspection, doc = _announcement(request, pk)
    codes = public_codes.announcement_figures(public_codes.published_pages(inspection))
    # named as it is titled, and for which inspection: 市委第一巡察组巡察公告-对湖里区的常规巡察.docx
    return document_download(
        request,
        announcement_doc.official(doc, figures=codes),
        f"{doc.title}-{inspection.title}", format=format,
        fallback=f"announcement-{inspection.pk}", docx_url=reverse("inspections:announcement_docx", args=[pk]),
    )
