"""The appraisal pages: the list of schemes (and, for a lower office, its own signed-off
appraisals), a scheme with its editor (until an appraisal uses it), next year's scheme copied
from it, the ranked table of a scheme and its Excel export, and an appraisal: its item scores
with reasons and evidence, the total and grade worked out from them, the appraised committee's
own figures for the year beside them, and the steps. Everything out of scope is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404
from xuncha.appraisal import domain
from xuncha.appraisal.forms import ItemForm, ReasonForm, SchemeForm, ScoreForm, SectionForm, StartForm
from xuncha.appraisal.models import AppraisalItem
from xuncha.appraisal.queries import appraisals_for_user, ranked, schemes_for_user
from xuncha.appraisal.reference import reference
from xuncha.appraisal.rules import may_edit_scheme, may_keep, may_read
from xuncha.appraisal.scoring import grade_label, result
from xuncha.appraisal.subjects import appraising_committee_q, subjects_of
from xuncha.audit.domain import record_event
from xuncha.exports.xlsx import Field, xlsx_download
from xuncha.surveys.forms import office_organisations
from xuncha.web.downloads import dated_name
from xuncha.workflow import actions as declared
from xuncha.workflow.steps import require_allowed, take_step


def _require_reader(user):
    if not may_read(user):
        raise Http404


def _owners(user):
    return office_organisations(user).filter(appraising_committee_q())


def appraisal_list(request):
    _require_reader(request.user)
    schemes = list(schemes_for_user(request.user).order_by("-year", "owner__path"))
    kept = {s.pk for s in schemes}
    own = [a for a in appraisals_for_user(request.user).order_by("-scheme__year", "pk") if a.scheme_id not in kept]
    return render(request, "appraisal/list.html", {
        "schemes": schemes, "own": own, "may_create": _owners(request.user).exists(),
    })


@require_http_methods(["GET", "POST"])
def scheme_create(request):
    owners = _owners(request.user)
    if not owners.exists():
        raise Http404
    sources = schemes_for_user(request.user, Action.CHANGE)
    today = timezone.localdate()
    initial = {"owner": owners.first(), "year": today.year}
    if (chosen := request.GET.get("source", "")).isdigit() and (source := sources.filter(pk=chosen).first()):
        initial.update(source=source, owner=source.owner, year=source.year + 1,
                       title=source.title.replace(str(source.year), str(source.year + 1)))
    form = SchemeForm(request.POST or None, initial=initial, owners=owners, sources=sources)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        source = data.pop("source")
        try:
            if source is not None:
                scheme = domain.copy_scheme(source, by=request.user, year=data["year"], title=data["title"])
            else:
                scheme = domain.create_scheme(by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Scheme created."))
            return redirect("appraisal:scheme", pk=scheme.pk)
    return render(request, "appraisal/form.html", {"form": form, "title": _("New appraisal scheme")})


def _scheme(request, pk, action=Action.VIEW):
    _require_reader(request.user)
    return get_for_user_or_404(schemes_for_user(request.user, action), request.user, action, pk=pk)


def scheme_detail(request, pk):
    scheme = _scheme(request, pk)
    sections = list(scheme.sections.prefetch_related("items"))
    frozen = scheme.is_frozen
    editable = may_edit_scheme(request.user, scheme) and not frozen
    return render(request, "appraisal/scheme.html", {
        "scheme": scheme,
        "result": result(_Blank(scheme), sections, []),
        "frozen": frozen,
        "may_copy": may_edit_scheme(request.user, scheme),
        "forms": {"section": SectionForm(), "item": ItemForm(scheme=scheme)} if editable else {},
    })


class _Blank:
    """No appraisal: the scheme's sections and items with no scores (the scheme page)."""

    def __init__(self, scheme):
        self.scheme = scheme


@require_POST
def scheme_add(request, pk, part):
    scheme = _scheme(request, pk, Action.CHANGE)
    forms = {"section": SectionForm, "item": ItemForm}
    if part not in forms:
        raise Http404
    form = forms[part](request.POST, **({"scheme": scheme} if part == "item" else {}))
    try:
        if form.is_valid():
            data = dict(form.cleaned_data)
            if part == "section":
                domain.add_section(scheme, by=request.user, **data)
            else:
                domain.add_item(data.pop("section"), by=request.user, **data)
            messages.success(request, _("Saved."))
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("appraisal:scheme", pk=scheme.pk)


@require_POST
def item_remove(request, pk):
    item = get_for_user_or_404(AppraisalItem.objects.select_related("section__scheme"), request.user, Action.CHANGE,
                               pk=pk)
    try:
        domain.remove_item(item, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Item removed."))
    return redirect("appraisal:scheme", pk=item.section.scheme_id)


def scheme_table(request, pk):
    scheme = _scheme(request, pk)
    keeps = may_edit_scheme(request.user, scheme)
    started = appraisals_for_user(request.user).filter(scheme=scheme).values("subject")
    startable = subjects_of(scheme.owner).exclude(pk__in=started)
    return render(request, "appraisal/table.html", {
        "scheme": scheme,
        "rows": ranked(scheme, appraisals_for_user(request.user)),
        "start_form": StartForm(subjects=startable) if keeps and startable.exists() else None,
    })


def scheme_export(request, pk):
    scheme = _scheme(request, pk, Action.EXPORT)
    rows = ranked(scheme, appraisals_for_user(request.user, Action.EXPORT))
    fields = [
        Field(_("Place in the table"), 6),
        Field(_("Committee appraised"), 30),
        Field(_("Total"), 10),
        Field(_("Grade"), 12),
        Field(_("State"), 16),
        Field(_("Signed off at"), 14),
    ]
    record_event("appraisal.scheme.exported", actor=request.user, obj=scheme, org_path=scheme.owner.path)
    return xlsx_download(
        dated_name(scheme.title, extension="xlsx"),
        fields,
        (
            [
                r.rank if r.rank is not None else "",
                r.subject.name,
                r.total if r.total is not None else "",
                str(r.grade_label) if r.rank is not None else "",
                str(r.appraisal.get_status_display()) if r.appraisal else _("Not started"),
                timezone.localtime(r.appraisal.signed_off_at).date() if r.appraisal and r.appraisal.signed_off_at
                else "",
            ]
            for r in rows
        ),
        fallback=dated_name("appraisal", extension="xlsx"),
        name=_("Appraisal"),
        title=_("%(title)s: ranked table") % {"title": scheme.title},
    )


@require_POST
def appraisal_start(request, pk):
    scheme = _scheme(request, pk, Action.CHANGE)
    form = StartForm(request.POST, subjects=subjects_of(scheme.owner))
    if not form.is_valid():
        raise Http404
    try:
        appraisal = domain.start_appraisal(by=request.user, scheme=scheme, subject=form.cleaned_data["subject"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("appraisal:table", pk=scheme.pk)
    return redirect("appraisal:detail", pk=appraisal.pk)


def _appraisal(request, pk, action=Action.VIEW):
    _require_reader(request.user)
    return get_for_user_or_404(appraisals_for_user(request.user, action), request.user, action, pk=pk)


def appraisal_detail(request, pk):
    appraisal = _appraisal(request, pk)
    worked = result(appraisal)
    offered = declared.offered(request.user, appraisal, "appraisal.Appraisal")
    return render(request, "appraisal/detail.html", {
        "appraisal": appraisal,
        "scheme": appraisal.scheme,
        "result": worked,
        "grade_label": grade_label(appraisal.scheme, worked.total),
        "actions": offered,
        "score_form": ScoreForm(appraisal=appraisal) if offered.score else None,
        "reason_form": ReasonForm() if offered.reopen else None,
        "keeps": may_keep(request.user, appraisal),
        "may_read_scheme": schemes_for_user(request.user).filter(pk=appraisal.scheme_id).exists(),
        "reference": reference(appraisal.subject, appraisal.scheme.year, request.user, today=timezone.localdate()),
    })


@require_POST
def appraisal_score(request, pk):
    from xuncha.files.domain import store_upload

    appraisal = _appraisal(request, pk)
    require_allowed(request, "appraisal.score", appraisal)  # 404 before any upload is stored
    form = ScoreForm(request.POST, request.FILES, appraisal=appraisal)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("appraisal:detail", pk=appraisal.pk)
    data = dict(form.cleaned_data)
    upload = data.pop("evidence")
    try:
        with transaction.atomic():  # the evidence stays only with the score it documents
            evidence = [store_upload(upload, by=request.user)] if upload else []
            done = take_step(request, "appraisal.score", appraisal, data={**data, "evidence": evidence},
                             success=_("Score saved."))
            if done is None:
                transaction.set_rollback(True)
    except ValidationError as error:  # the file refused by the upload checks
        for message in error.messages:
            messages.error(request, message)
    return redirect(reverse("appraisal:detail", args=[appraisal.pk]) + "#scores")


STEPS = {"sign_off", "reopen"}


@require_POST
def appraisal_step(request, pk, verb):
    if verb not in STEPS:
        raise Http404
    appraisal = _appraisal(request, pk)
    form = ReasonForm(request.POST) if verb == "reopen" else None
    try:
        take_step(request, f"appraisal.{verb}", appraisal, form=form,
                  success=_("Signed off.") if verb == "sign_off" else _("Reopened."))
    except PermissionDenied:
        raise Http404 from None
    return redirect("appraisal:detail", pk=appraisal.pk)
