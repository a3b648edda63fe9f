from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.audit.domain import record_event, record_events
from xuncha.audit.history import history_entries
from xuncha.confidential.disclosure import identity_scrubber, may_read, row_scrubbers
from xuncha.findings.domain import ensure_default_categories
from xuncha.inspections.queries import work_inspection_or_404
from xuncha.orgs.queries import organisations_for_user
from xuncha.petitions import domain
from xuncha.petitions.enums import Outcome, PetitionStatus
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
from xuncha.petitions.models import IdentityReveal, ReporterIdentity
from xuncha.petitions.queries import fixes_for_user, petitions_for_user
from xuncha.petitions.rules import may_reveal_identity, may_triage, require_petition_role
from xuncha.web.exports import xlsx_response
from xuncha.web.pages import int_param, int_param_post, paginate


def _filtered(request, action=Action.VIEW):
    qs = petitions_for_user(request.user, action)
    if q := request.GET.get("q", "").strip():
        qs = qs.filter(content__icontains=q)
    if status := request.GET.get("status"):
        qs = qs.filter(status=status)
    if (inspection := int_param(request, "inspection")) is not None:
        qs = qs.filter(inspection_id=inspection)
    return qs.order_by("-received_on", "-pk")


def petition_list(request):
    require_petition_role(request.user)
    page, query = paginate(request, _filtered(request))
    record_events("petitions.petition.listed", actor=request.user, objs=page)
    scrub = row_scrubbers(page)
    rows = [(p, scrub[p.pk](p.content)) for p in page]
    return render(
        request,
        "petitions/list.html",
        {"page": page, "rows": rows, "query": query, "statuses": PetitionStatus.choices},
    )


def petition_export(request):
    """Content and handling only: reporter identities are never exported."""
    require_petition_role(request.user)
    petitions = list(_filtered(request, Action.EXPORT))
    for petition in petitions:
        record_event("petitions.petition.exported", actor=request.user, obj=petition)
    scrub = row_scrubbers(petitions)
    rows = (
        (
            str(p),
            p.inspection.title,
            p.get_channel_display(),
            p.received_on,
            scrub[p.pk](p.content),
            p.get_status_display(),
            p.get_outcome_display(),
            p.replied_on,
        )
        for p in petitions
    )
    headers = [
        _("Number"),
        _("Inspection"),
        _("Channel"),
        _("Received on"),
        _("Content"),
        _("Status"),
        _("Triage"),
        _("Replied on"),
    ]
    return xlsx_response("petitions", _("Petitions"), headers, rows)


@require_http_methods(["GET", "POST"])
def petition_create(request):
    inspection = work_inspection_or_404(
        request.user, int_param(request, "inspection") or int_param_post(request, "inspection")
    )
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


def _triage_forms(request, petition, data=None, which=None):
    targets = organisations_for_user(request.user).filter(path__startswith=petition.inspection.term.owner.path)
    today = timezone.localdate()
    return {
        "clue_form": ToClueForm(data if which == "clue" else None, prefix="clue"),
        "fix_form": ToFixForm(
            data if which == "fix" else None, prefix="fix", organisations=targets, initial={"handed_over_on": today}
        ),
        "finding_form": ToFindingForm(data if which == "finding" else None, prefix="finding", organisations=targets),
        "refuse_form": RefuseForm(data if which == "refuse" else None, prefix="refuse"),
        "reply_form": ReplyForm(data if which == "reply" else None, prefix="reply", initial={"on": today}),
    }


@require_http_methods(["GET", "POST"])
def petition_detail(request, pk: int):
    petition = get_for_user_or_404(petitions_for_user(request.user), request.user, pk=pk)
    record_event("petitions.petition.viewed", actor=request.user, obj=petition)
    ensure_default_categories()
    which = request.POST.get("step") if request.method == "POST" else None
    forms = _triage_forms(request, petition, request.POST if which else None, which)
    identity, reveal_form = None, RevealForm(request.POST if which == "reveal" else None)
    if which:
        try:
            identity = _apply(request, petition, which, forms, reveal_form)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if which != "reveal":
                messages.success(request, _("Saved."))
                return redirect("petitions:detail", pk=petition.pk)
        petition.refresh_from_db()
    return render(
        request,
        "petitions/detail.html",
        {
            "petition": petition,
            "shown": _shown(petition, "content", "reply", "outcome_reason"),
            "has_identity": ReporterIdentity.objects.filter(petition=petition).exists(),
            "may_reveal": may_reveal_identity(request.user, petition),
            "may_triage": may_triage(request.user, petition),
            "identity": identity,
            "reveal_form": reveal_form,
            "reveals": restrict(IdentityReveal.objects.filter(petition=petition), request.user).select_related(
                "revealed_by"
            ),
            "fixes": fixes_for_user(request.user).filter(petition=petition),
            "history": history_entries(petition, user=request.user),
            "Outcome": Outcome,
            **forms,
        },
    )


def _shown(obj, *fields) -> dict[str, str]:
    """The record's texts as the disclosure rule shows them (reporters' identities scrubbed)."""
    scrub = identity_scrubber(obj)
    return {name: scrub(getattr(obj, name) or "") for name in fields}


def _apply(request, petition, which, forms, reveal_form):
    user, today = request.user, timezone.localdate()

    def valid(form):
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        return form.cleaned_data

    if which == "reveal":
        d = valid(reveal_form)
        return reveal(petition, by=user, category=d["category"], reason=d["reason"])
    if which == "clue":
        d = valid(forms["clue_form"])
        domain.triage_to_clue(
            petition,
            by=user,
            allegation=d["allegation"],
            received_on=today,
            persons=[{"name": d["person_name"], "rank": d["person_rank"], "position": d["person_position"]}],
        )
    elif which == "fix":
        d = valid(forms["fix_form"])
        domain.triage_to_fix(petition, by=user, **d)
    elif which == "finding":
        d = valid(forms["finding_form"])
        domain.triage_to_finding(petition, by=user, **d)
    elif which == "refuse":
        domain.refuse_petition(petition, by=user, reason=valid(forms["refuse_form"])["reason"])
    elif which == "reply":
        d = valid(forms["reply_form"])
        domain.conclude_petition(petition, by=user, reply=d["reply"], on=d["on"])
    else:
        raise ValidationError(_("Unknown action."))
    return None


def fix_list(request):
    require_petition_role(request.user, fixes=True)
    fixes = fixes_for_user(request.user).order_by("status", "deadline", "pk")
    page, query = paginate(request, fixes)
    return render(request, "petitions/fix_list.html", {"page": page, "query": query, "today": timezone.localdate()})


@require_http_methods(["GET", "POST"])
def fix_detail(request, pk: int):
    fix = get_for_user_or_404(fixes_for_user(request.user), request.user, pk=pk)
    today = timezone.localdate()
    result_form = FixResultForm(request.POST if request.POST.get("step") == "result" else None, initial={"on": today})
    answer_form = AnswerForm(request.POST if request.POST.get("step") == "answer" else None, initial={"on": today})
    if request.method == "POST":
        try:
            if request.POST.get("step") == "result" and result_form.is_valid():
                domain.record_fix_result(fix, by=request.user, **result_form.cleaned_data)
            elif request.POST.get("step") == "answer" and answer_form.is_valid():
                domain.answer_reporter(fix, by=request.user, **answer_form.cleaned_data)
            else:
                raise ValidationError(_("Check the form."))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect("petitions:fix", pk=fix.pk)
    from xuncha.petitions.rules import may_record_fix_result

    return render(
        request,
        "petitions/fix_detail.html",
        {
            "fix": fix,
            "result_form": result_form,
            "answer_form": answer_form,
            "today": today,
            "may_record": may_record_fix_result(request.user, fix),
            "may_answer": fix.petition is not None and may_triage(request.user, fix.petition),
            "show_answer": may_read(request.user, fix, "answer_to_reporter"),
            "shown": _shown(fix, "description", "result", "answer_to_reporter"),
            "history": history_entries(fix, user=request.user),
        },
    )
