"""The evaluation pages: schemes (list, detail with the editor, new version, build from a
template), evaluations (list, start, the page per organisation with its scores, computed items
with their deductions and source rows, phases side by side, the steps), the ranked table of a
term and its export for the 绩效考评. Everything out of the user's scope is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.audit.domain import record_event
from xuncha.evaluation import domain
from xuncha.evaluation.enums import ConsequenceKind, EvaluationStatus, Grade, Method
from xuncha.evaluation.forms import (
    EvaluationForm,
    FigureForm,
    GroupForm,
    ItemForm,
    PlateForm,
    ReasonForm,
    SchemeForm,
    ScoreForm,
)
from xuncha.evaluation.models import Item
from xuncha.evaluation.queries import evaluations_for_user, ranked, schemes_for_user
from xuncha.evaluation.rules import may_change, may_edit_scheme, may_read_evaluations, may_run_evaluations, may_score
from xuncha.evaluation.scoring import score
from xuncha.exports.xlsx import Field, xlsx_download
from xuncha.inspections.models import Inspection
from xuncha.orgs.models import Organisation
from xuncha.plans.models import Term
from xuncha.surveys.forms import office_organisations
from xuncha.web.downloads import dated_name
from xuncha.workflow import actions as declared
from xuncha.workflow.steps import take_step


def _require_reader(user):
    if not may_read_evaluations(user):
        raise Http404


def _require_office(user):
    if not may_run_evaluations(user):
        raise Http404


# schemes


def scheme_list(request):
    _require_reader(request.user)
    rows = list(schemes_for_user(request.user).order_by("-is_template", "title", "-version"))
    return render(
        request,
        "evaluation/schemes.html",
        {
            "templates": [s for s in rows if s.is_template],
            "schemes": [s for s in rows if not s.is_template],
            "may_create": office_organisations(request.user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def scheme_create(request):
    _require_office(request.user)
    owners = office_organisations(request.user)
    sources = schemes_for_user(request.user)
    initial = {"owner": owners.first()}
    if (chosen := request.GET.get("source", "")).isdigit():
        source = sources.filter(pk=chosen).first()
        if source is not None:
            initial.update(source=source, title=source.title)
    form = SchemeForm(request.POST or None, initial=initial, owners=owners, sources=sources)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        source = data.pop("source")
        try:
            if source is not None:
                scheme = domain.copy_scheme(
                    source, by=request.user, owner=data["owner"], title=data["title"], as_template=data["is_template"]
                )
            else:
                scheme = domain.create_scheme(by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Scheme created."))
            return redirect("evaluation:scheme", pk=scheme.pk)
    return render(request, "evaluation/form.html", {"form": form, "title": _("New evaluation scheme")})


def scheme_detail(request, pk):
    _require_reader(request.user)
    scheme = get_for_user_or_404(schemes_for_user(request.user), request.user, pk=pk)
    plates = list(scheme.plates.prefetch_related("items"))
    editable = may_edit_scheme(request.user, scheme)
    frozen = scheme.is_frozen
    forms = {}
    if editable and not frozen:
        forms = {"plate": PlateForm(), "item": ItemForm(scheme=scheme), "group": GroupForm()}
    return render(
        request,
        "evaluation/scheme.html",
        {
            "scheme": scheme,
            "plates": plates,
            "items": sum(len(p.items.all()) for p in plates),
            "ours": sum(1 for p in plates for i in p.items.all() if i.text_is_ours),
            "groups": list(scheme.groups.all()),
            "frozen": frozen,
            "may_version": editable and frozen,
            "forms": forms,
            "Method": Method,
        },
    )


@require_POST
def scheme_add(request, pk, part):
    scheme = get_for_user_or_404(schemes_for_user(request.user, Action.CHANGE), request.user, Action.CHANGE, pk=pk)
    try:
        if part == "version":
            copy = domain.copy_scheme(scheme, by=request.user)
            messages.success(request, _("Copied as version %(n)s.") % {"n": copy.version})
            return redirect("evaluation:scheme", pk=copy.pk)
        if part == "plate":
            form = PlateForm(request.POST)
            if form.is_valid():
                domain.add_plate(scheme, by=request.user, **form.cleaned_data)
        elif part == "item":
            form = ItemForm(request.POST, scheme=scheme)
            if form.is_valid():
                data = dict(form.cleaned_data)
                domain.add_item(data.pop("plate"), by=request.user, **data)
        elif part == "group":
            form = GroupForm(request.POST)
            if form.is_valid():
                domain.add_group(scheme, by=request.user, **form.cleaned_data)
        else:
            raise Http404
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.success(request, _("Saved."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("evaluation:scheme", pk=scheme.pk)


def _changeable_item(request, pk):
    """An indicator of a scheme the user may edit (404 otherwise), refused once the scheme is frozen."""
    item = get_for_user_or_404(
        Item.objects.select_related("plate__scheme__owner"), request.user, Action.CHANGE, pk=pk
    )
    if item.plate.scheme.is_frozen:
        messages.error(request, _("This scheme has been used by an evaluation: copy it as a new version to change it."))
        return item, False
    return item, True


@require_http_methods(["GET", "POST"])
def scheme_item_edit(request, pk):
    item, changeable = _changeable_item(request, pk)
    scheme = item.plate.scheme
    if not changeable:
        return redirect("evaluation:scheme", pk=scheme.pk)
    initial = {f: getattr(item, f) for f in ("text", "max_points", "method", "metric", "rule", "per_unit",
                                             "text_is_ours")}
    form = ItemForm(request.POST or None, scheme=scheme, initial={**initial, "plate": item.plate})
    if request.method == "POST" and form.is_valid():
        try:
            domain.change_item(item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("evaluation:scheme", pk=scheme.pk)
    return render(request, "evaluation/form.html", {
        "form": form, "title": _("Change the indicator"), "back": reverse("evaluation:scheme", args=[scheme.pk]),
    })


@require_POST
def scheme_item_remove(request, pk):
    item, changeable = _changeable_item(request, pk)
    scheme = item.plate.scheme
    if changeable:
        try:
            domain.remove_item(item, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Indicator removed."))
    return redirect("evaluation:scheme", pk=scheme.pk)


# evaluations


def evaluation_list(request):
    _require_reader(request.user)
    rows = list(evaluations_for_user(request.user).order_by("-term_id", "organisation__name", "pk"))
    terms = {}
    for row in rows:
        terms.setdefault(row.term, []).append(row)
    return render(
        request,
        "evaluation/list.html",
        {"terms": list(terms.items()), "may_create": may_run_evaluations(request.user)},
    )


def _start_choices(user):
    terms = restrict(Term.objects.select_related("owner"), user, Action.CHANGE)
    paths = [t.owner.path for t in terms]
    organisations = Organisation.objects.none()
    for path in paths:
        organisations |= Organisation.objects.filter(path__startswith=path)
    return {
        "schemes": schemes_for_user(user).filter(is_template=False),
        "terms": terms,
        "organisations": organisations.order_by("path"),
        "inspections": restrict(Inspection.objects.all(), user, Action.CHANGE).order_by("-pk"),
    }


@require_http_methods(["GET", "POST"])
def evaluation_create(request):
    _require_office(request.user)
    form = EvaluationForm(request.POST or None, **_start_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = domain.start_evaluation(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not may_change(request.user, evaluation):
                raise Http404
            messages.success(request, _("Evaluation started."))
            return redirect("evaluation:detail", pk=evaluation.pk)
    return render(request, "evaluation/form.html", {"form": form, "title": _("New evaluation")})


def _evaluation(request, pk, action=Action.VIEW):
    return get_for_user_or_404(evaluations_for_user(request.user, action), request.user, action, pk=pk)


def _unlinked_where_unreadable(result, user) -> None:
    """A rating's rows link to its questionnaire windows' figures, which not every reader of an
    evaluation may open (the evaluated organisation's liaison): those keep their label only."""
    import dataclasses

    from xuncha.surveys.queries import windows_for_user

    linked = {row.window for p in result.plates for r in p.items for row in r.rows if row.window}
    if not linked:
        return
    readable = set(windows_for_user(user).filter(pk__in=linked).values_list("pk", flat=True))
    for plate in result.plates:
        for item in plate.items:
            item.rows = tuple(
                dataclasses.replace(row, url="") if row.window and row.window not in readable else row
                for row in item.rows
            )


def evaluation_detail(request, pk):
    evaluation = _evaluation(request, pk)
    result = score(evaluation, today=timezone.localdate())
    _unlinked_where_unreadable(result, request.user)
    offered = declared.offered(request.user, evaluation, "evaluation.Evaluation")
    editable = may_score(request.user, evaluation)
    consequences = {c.kind: c for c in evaluation.consequences.select_related("follow_up")}
    interview = consequences.get(ConsequenceKind.INTERVIEW)
    held = list(domain.carried_out_interviews(evaluation, interview, request.user)) if interview else []
    return render(
        request,
        "evaluation/detail.html",
        {
            "evaluation": evaluation,
            "scheme": evaluation.scheme,
            "result": result,
            "grade_label": Grade(result.grade).label,
            "actions": offered,
            "score_form": ScoreForm(evaluation=evaluation) if editable else None,
            "figure_form": FigureForm(evaluation=evaluation) if editable else None,
            "reason_form": ReasonForm() if offered.get("return") else None,
            "interview": interview,
            "interviews_held": held,
            "follow_up": consequences.get(ConsequenceKind.FOLLOW_UP),
            "follow_up_declared": "inspection.create_follow_up" in declared.REGISTRY,
            "may_change": may_change(request.user, evaluation),
            "changed": evaluation.signed_score is not None and evaluation.signed_score != result.total,
        },
    )


@require_POST
def evaluation_score(request, pk):
    from xuncha.files.domain import store_upload

    evaluation = _evaluation(request, pk, Action.CHANGE)
    form = ScoreForm(request.POST, request.FILES, evaluation=evaluation)
    if form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("evidence")
        try:
            evidence = [store_upload(upload, by=request.user)] if upload else []
            domain.score_item(evaluation, by=request.user, evidence=evidence, **{
                "item": data["item"], "score": data["score"], "group": data["group"], "note": data["note"],
                "phase": data.get("phase", ""),
            })
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Score saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("evaluation:detail", pk=evaluation.pk)


@require_POST
def evaluation_figure(request, pk):
    evaluation = _evaluation(request, pk, Action.CHANGE)
    form = FigureForm(request.POST, evaluation=evaluation)
    if form.is_valid():
        try:
            domain.enter_figure(evaluation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Figure saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("evaluation:detail", pk=evaluation.pk)


STEPS = {"submit", "sign_off", "return", "order_interview", "order_follow_up"}


@require_POST
def evaluation_step(request, pk, verb):
    if verb not in STEPS:
        raise Http404
    evaluation = _evaluation(request, pk)
    form = ReasonForm(request.POST) if verb == "return" else None
    try:
        take_step(request, f"evaluation.{verb}", evaluation, form=form)
    except PermissionDenied:
        raise Http404 from None
    return redirect("evaluation:detail", pk=evaluation.pk)


# the term's ranked table


def _term(request, pk, action=Action.VIEW):
    _require_reader(request.user)
    evaluations = evaluations_for_user(request.user, action).filter(term_id=pk)
    term = Term.objects.select_related("owner").filter(pk=pk).first()
    if term is None or not evaluations.exists():
        raise Http404
    return term, evaluations


def term_table(request, pk):
    term, evaluations = _term(request, pk)
    return render(
        request,
        "evaluation/term.html",
        {
            "term": term,
            "ranked": ranked(evaluations),
            "pending": evaluations.exclude(status=EvaluationStatus.SIGNED_OFF).count(),
        },
    )


def term_export(request, pk):
    term, evaluations = _term(request, pk, Action.EXPORT)
    rows = ranked(evaluations)
    fields = [
        Field(_("Place in the table"), 6),
        Field(_("Organisation evaluated"), 30),
        Field(_("Inspection"), 30),
        Field(_("Scheme"), 30),
        Field(_("Score"), 10),
        Field(_("Grade"), 10),
        Field(_("Signed off at"), 14),
    ]
    record_event("evaluation.term.exported", actor=request.user, obj=term, org_path=term.owner.path)
    return xlsx_download(
        dated_name(term.name, _("Rectification evaluation"), extension="xlsx"),
        fields,
        (
            [
                r.rank,
                r.evaluation.organisation.name,
                r.evaluation.inspection.title if r.evaluation.inspection else "",
                str(r.evaluation.scheme),
                r.evaluation.signed_score,
                r.evaluation.get_signed_grade_display(),
                timezone.localtime(r.evaluation.signed_off_at).date() if r.evaluation.signed_off_at else "",
            ]
            for r in rows
        ),
        fallback=dated_name("evaluation", extension="xlsx"),
        name=_("Evaluation"),
        title=_("%(term)s: rectification evaluation for the performance review") % {"term": term.name},
    )
