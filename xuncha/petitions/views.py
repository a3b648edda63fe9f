"""Petition and immediate-fix pages. Every step goes through its declaration
(`xuncha.petitions.actions`) by `xuncha.workflow.steps.take_step`; the lists are the declared
ones (`xuncha.petitions.lists`), so the page, its Excel export and the API show the same rows."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.audit.domain import record_event, record_events
from xuncha.audit.history import history_entries
from xuncha.confidential.disclosure import identity_scrubber, may_read
from xuncha.findings.domain import ensure_default_categories
from xuncha.inspections.queries import inspections_for_user, work_inspection_or_404, work_inspections_for_user
from xuncha.lists.excel import list_download
from xuncha.orgs.queries import organisations_for_user
from xuncha.petitions import domain
from xuncha.petitions.enums import Channel, FixStatus, PetitionStatus
from xuncha.petitions.forms import (
    AnswerForm,
    FixResultForm,
    PetitionForm,
    RefuseForm,
    ReplyForm,
    RevealForm,
    ToClueForm,
    ToFindingForm,
    ToFixForm,
)
from xuncha.petitions.identity import Identity, reveal
from xuncha.petitions.lists import FIXES, PETITIONS
from xuncha.petitions.models import IdentityReveal, ReporterIdentity
from xuncha.petitions.queries import fixes_for_user, petitions_for_user
from xuncha.petitions.rules import may_reveal_identity, require_petition_role
from xuncha.public.takein import addenda_of, attachments_of, report_of, take_in_if_waiting
from xuncha.web.pages import choose_first, int_param, int_param_post, paginate
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step

PETITION, FIX, INSPECTION = "petitions.Petition", "petitions.ImmediateFix", "inspections.Inspection"


def petition_list(request):
    require_petition_role(request.user)
    take_in_if_waiting()  # reports from the public site (码上巡) join the intake first
    page, query = paginate(request, PETITIONS.details(PETITIONS.rows(request.user, request.GET)))
    record_events("petitions.petition.listed", actor=request.user, objs=page)
    return render(
        request,
        "petitions/list.html",
        {
            "page": page,
            "query": query,
            "statuses": PetitionStatus.choices,
            "may_register": work_inspections_for_user(request.user).exists(),
        },
    )


def petition_export(request):
    """The list's rows and columns: content and handling only, never a reporter's identity."""
    require_petition_role(request.user)
    petitions = list(PETITIONS.details(PETITIONS.rows(request.user, request.GET, Action.EXPORT)))
    record_events("petitions.petition.exported", actor=request.user, objs=petitions)
    return list_download(PETITIONS, petitions, request=request)


@require_http_methods(["GET", "POST"])
def petition_create(request):
    """Register a petition of an inspection the user works on (asked first when not given: the
    list's 「登记信访件」)."""
    chosen = int_param(request, "inspection") or int_param_post(request, "inspection")
    if chosen is None and request.method == "GET":
        options = list(
            work_inspections_for_user(request.user).order_by("-entry_on", "-pk").values_list("pk", "title")[:200]
        )
        if not options:
            raise Http404
        if len(options) > 1:
            return choose_first(
                request, title=_("Register a petition"), name="inspection", label=_("Inspection"),
                options=options, cancel=reverse("petitions:list"),
            )
        chosen = options[0][0]
    inspection = work_inspection_or_404(request.user, chosen)
    form = PetitionForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        identity = Identity(
            name=data["reporter_name"],
            phone=data["reporter_phone"],
            workplace=data["reporter_workplace"],
            address=data["reporter_address"],
        )
        try:
            petition = domain.receive_petition(
                inspection,
                by=request.user,
                channel=data["channel"],
                received_on=data["received_on"],
                content=data["content"],
                identity=identity,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Petition recorded. Tracking code: %(code)s") % {"code": petition.tracking_code}
            )
            return redirect("petitions:detail", pk=petition.pk)
    return render(request, "petitions/form.html", {"form": form, "title": _("New petition"), "inspection": inspection})


def _units(user, inspection):
    """The units a problem of `inspection` may be handed to: under the inspecting committee."""
    return organisations_for_user(user).filter(path__startswith=inspection.term.owner.path)


def _petition(request, pk):
    return get_for_user_or_404(petitions_for_user(request.user), request.user, pk=pk)


@require_http_methods(["GET", "POST"])
def petition_detail(request, pk: int):
    """The petition; a POST here only opens the reporter's identity (a logged read, not a step)."""
    petition = _petition(request, pk)
    record_event("petitions.petition.viewed", actor=request.user, obj=petition)
    public_report = report_of(petition) if petition.channel == Channel.QR else None
    ensure_default_categories()
    identity, reveal_form = None, RevealForm(request.POST or None)
    if request.method == "POST" and request.POST.get("step", "reveal") == "reveal":
        if reveal_form.is_valid():
            try:
                identity = reveal(petition, by=request.user, **reveal_form.cleaned_data)
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, " ".join(e for errors in reveal_form.errors.values() for e in errors))
    units, today = _units(request.user, petition.inspection), timezone.localdate()
    return render(
        request,
        "petitions/detail.html",
        {
            "petition": petition,
            "shown": _shown(petition, "content", "reply", "outcome_reason"),
            "has_identity": ReporterIdentity.objects.filter(petition=petition).exists(),
            "may_reveal": may_reveal_identity(request.user, petition),
            "actions": offered(request.user, petition, PETITION),
            "identity": identity,
            "reveal_form": reveal_form,
            "reveals": restrict(IdentityReveal.objects.filter(petition=petition), request.user).select_related(
                "revealed_by"
            ),
            "fixes": fixes_for_user(request.user).filter(petition=petition),
            "history": history_entries(petition, user=request.user),
            "public_report": public_report,
            "public_attachments": attachments_of(public_report) if public_report else [],
            # what the reporter added, scrubbed of their identity like the content above
            "public_addenda": [
                (addendum, identity_scrubber(petition)(addendum.content))
                for addendum in (addenda_of(public_report) if public_report else [])
            ],
            "clue_form": ToClueForm(prefix="clue"),
            "fix_form": ToFixForm(prefix="fix", organisations=units, initial={"handed_over_on": today}),
            "finding_form": ToFindingForm(prefix="finding", organisations=units),
            "refuse_form": RefuseForm(prefix="refuse"),
            "reply_form": ReplyForm(prefix="reply", initial={"on": today}),
        },
    )


def _shown(obj, *fields) -> dict[str, str]:
    """The record's texts as the disclosure rule shows them (reporters' identities scrubbed)."""
    scrub = identity_scrubber(obj)
    return {name: scrub(getattr(obj, name) or "") for name in fields}


def _petition_step(request, pk, name, make_form, **data):
    petition = _petition(request, pk)
    require_allowed(request, name, petition)
    take_step(request, name, petition, form=make_form(petition), data=data)
    return redirect("petitions:detail", pk=petition.pk)


@require_POST
def petition_to_clue(request, pk: int):
    return _petition_step(
        request, pk, "petition.to_clue", lambda p: ToClueForm(request.POST, prefix="clue"),
        received_on=timezone.localdate(),
    )


@require_POST
def petition_to_fix(request, pk: int):
    return _petition_step(
        request, pk, "petition.to_fix",
        lambda p: ToFixForm(request.POST, prefix="fix", organisations=_units(request.user, p.inspection)),
    )


@require_POST
def petition_to_finding(request, pk: int):
    return _petition_step(
        request, pk, "petition.to_finding",
        lambda p: ToFindingForm(request.POST, prefix="finding", organisations=_units(request.user, p.inspection)),
    )


@require_POST
def petition_refuse(request, pk: int):
    return _petition_step(request, pk, "petition.refuse", lambda p: RefuseForm(request.POST, prefix="refuse"))


@require_POST
def petition_conclude(request, pk: int):
    return _petition_step(request, pk, "petition.conclude", lambda p: ReplyForm(request.POST, prefix="reply"))


def fix_list(request):
    require_petition_role(request.user, fixes=True)
    page, query = paginate(request, FIXES.details(FIXES.rows(request.user, request.GET)))
    return render(request, "petitions/fix_list.html", {"page": page, "query": query, "statuses": FixStatus.choices})


def fix_export(request):
    require_petition_role(request.user, fixes=True)
    return list_download(FIXES, FIXES.details(FIXES.rows(request.user, request.GET, Action.EXPORT)), request=request)


def _fix(request, pk):
    return get_for_user_or_404(fixes_for_user(request.user), request.user, pk=pk)


def fix_detail(request, pk: int):
    fix = _fix(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "petitions/fix_detail.html",
        {
            "fix": fix,
            "actions": offered(request.user, fix, FIX),
            "result_form": FixResultForm(initial={"on": today}),
            "answer_form": AnswerForm(initial={"on": today}),
            "show_answer": may_read(request.user, fix, "answer_to_reporter"),
            "shown": _shown(fix, "description", "result", "answer_to_reporter"),
            "history": history_entries(fix, user=request.user),
        },
    )


@require_POST
def fix_result(request, pk: int):
    fix = _fix(request, pk)
    take_step(request, "fix.record_result", fix, form=FixResultForm(request.POST))
    return redirect("petitions:fix", pk=fix.pk)


@require_POST
def fix_answer(request, pk: int):
    fix = _fix(request, pk)
    take_step(request, "fix.answer", fix, form=AnswerForm(request.POST))
    return redirect("petitions:fix", pk=fix.pk)


@require_http_methods(["GET", "POST"])
def fix_hand_over(request):
    """Hand a problem found during the inspection (not from a petition) to a unit at once."""
    inspection = get_for_user_or_404(
        inspections_for_user(request.user), request.user,
        pk=int_param(request, "inspection") or int_param_post(request, "inspection") or 0,
    )
    require_allowed(request, "inspection.hand_over_fix", inspection)
    form = ToFixForm(
        request.POST or None, organisations=_units(request.user, inspection),
        initial={"handed_over_on": timezone.localdate()},
    )
    if request.method == "POST" and (fix := take_step(request, "inspection.hand_over_fix", inspection, form=form)):
        return redirect("petitions:fix", pk=fix.pk)
    title = _("Hand over an immediate fix")
    return render(request, "petitions/form.html", {"form": form, "title": title, "inspection": inspection})
