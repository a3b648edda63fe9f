from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.files.domain import store_upload
from xuncha.findings import domain, tree, versions
from xuncha.findings.forms import (
    AspectForm,
    CloseCorrectionForm,
    FindingForm,
    ItemForm,
    MoveForm,
    NodeEditForm,
    PasteForm,
    ProblemEditForm,
    ProblemForm,
    PromoteForm,
)
from xuncha.findings.lists import FINDINGS
from xuncha.findings.models import Aspect, FeedbackRevision, Finding, Item, Problem
from xuncha.findings.numbering import aspect_label, item_label, problem_label
from xuncha.findings.paste import read_feedback
from xuncha.findings.rules import feedback_opens
from xuncha.inspections.queries import inspections_for_user
from xuncha.inspections.rules import may_work
from xuncha.lists.excel import list_download
from xuncha.orgs.queries import organisations_for_user
from xuncha.web.pages import int_param, paginate
from xuncha.workflow import actions
from xuncha.workflow.actions import Offered, offered
from xuncha.workflow.steps import require_allowed, take_step

FINDING_STEP = "inspection.record_finding"


def _work_inspection(request, pk):
    """The inspection with its aspects and items (the promote forms and guards read them)."""
    inspection = get_for_user_or_404(
        inspections_for_user(request.user).prefetch_related(
            Prefetch("aspects", queryset=Aspect.objects.order_by("position").prefetch_related("items"))
        ),
        request.user,
        pk=pk,
    )
    if not may_work(request.user, inspection):
        raise Http404
    return inspection


def _params(request, inspection) -> dict:
    return {**request.GET.dict(), "inspection": str(inspection.pk)}


@require_http_methods(["GET", "POST"])
def finding_list(request, pk: int):
    inspection = _work_inspection(request, pk)
    domain.ensure_default_categories()
    organisations = organisations_for_user(request.user).filter(path__startswith=inspection.term.owner.path)
    form = FindingForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST":
        require_allowed(request, FINDING_STEP, inspection)  # before any upload is stored
        if form.is_valid():
            try:
                evidence = [store_upload(f, by=request.user) for f in form.cleaned_data["evidence"]]
            except ValidationError as error:
                form.add_error(None, error)
            else:
                finding = take_step(
                    request,
                    FINDING_STEP,
                    inspection,
                    form=form,
                    data={"evidence": evidence},
                    success=_("Finding recorded."),
                )
                if finding is not None:
                    from xuncha.common.rebound import warn_at_entry  # 可能是反弹 (xuncha/common)

                    return redirect(
                        warn_at_entry(request, finding, "finding") or reverse("findings:list", args=[inspection.pk])
                    )
    page, query = paginate(request, FINDINGS.details(FINDINGS.rows(request.user, _params(request, inspection))))
    rows = []
    for finding in page:
        finding.inspection = inspection  # one inspection object: its aspects and permission read once
        rows.append((finding, offered(request.user, finding, "findings.Finding")))
    return render(
        request,
        "findings/list.html",
        {
            "inspection": inspection,
            "page": page,
            "query": query,
            "rows": rows,
            "form": form,
            "actions": offered(request.user, inspection, "inspections.Inspection"),
            "aspects": inspection.aspects.all(),
            "frozen": domain.is_frozen(inspection),
            "editing": tree.editable(inspection),
        },
    )


def finding_export(request, pk: int):
    inspection = _work_inspection(request, pk)
    rows = FINDINGS.details(FINDINGS.rows(request.user, _params(request, inspection), Action.EXPORT))
    return list_download(FINDINGS, rows, request=request, about=[inspection.title[:40]])


@require_POST
def finding_promote(request, pk: int):
    finding = get_for_user_or_404(Finding.objects.active().select_related("inspection"), request.user, pk=pk)
    require_allowed(request, "finding.promote", finding)
    form = PromoteForm(request.POST, inspection=finding.inspection)
    success = _("The finding is now a problem of the feedback.")
    take_step(request, "finding.promote", finding, form=form, success=success)
    return redirect("findings:feedback", pk=finding.inspection_id)


@require_http_methods(["GET"])
def item_options(request):
    """The item select's options for the aspect chosen in a form (a finding made a problem):
    the aspect's items only. An aspect the user may not see answers 404; the domain still
    checks that the posted item belongs to the posted aspect."""
    aspect = get_for_user_or_404(Aspect.objects.all(), request.user, pk=int_param(request, "aspect") or 0)
    items = restrict(Item.objects.filter(aspect=aspect), request.user).order_by("position")
    return render(
        request,
        "findings/_item_options.html",
        {"aspect": aspect, "items": items, "selected": int_param(request, "item")},
    )


STEPS = {"aspect": "inspection.add_aspect", "item": "inspection.add_item", "problem": "inspection.add_problem"}
NODE_STEPS = {"update", "move", "delete"}
NODE_MODELS = {"aspect": "findings.Aspect", "item": "findings.Item", "problem": "findings.Problem"}
CORRECTION_STEPS = {
    "open": "inspection.open_correction",
    "close": "inspection.close_correction",
    "discard": "inspection.discard_correction",
}


def _problems(aspects):
    for aspect in aspects:
        yield from aspect.direct_problems
        for item in aspect.items.all():
            yield from item.problems.all()


def _tree(inspection, user):
    """The inspection's aspects, items and problems the user reads, each level through its
    policy (an inspected organisation reads only its own problems, and the aspects and items
    holding them, of an inspection that inspects several), each problem counting its links to
    rectification, which decide whether it may be deleted."""
    problems = (
        restrict(Problem.objects.filter(inspection=inspection), user)
        .order_by("position")
        .annotate(
            rectification_links=Count("measures", distinct=True)
            + Count("flags", distinct=True)
            + Count("rebounds", distinct=True)
            + Count("rechecks", distinct=True)
            + Count("recheck_source", distinct=True)
        )
    )
    return list(
        restrict(Aspect.objects.filter(inspection=inspection), user)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=restrict(Item.objects.filter(aspect__inspection=inspection), user)
                .order_by("position")
                .prefetch_related(Prefetch("problems", queryset=problems)),
            ),
            Prefetch("problems", queryset=problems.filter(item__isnull=True), to_attr="direct_problems"),
        )
        .order_by("position")
    )


def _offer_on_nodes(aspects, inspection, user, editing: bool) -> None:
    """Each node's offered steps (`node.actions`) and labels; one inspection object for all."""
    for aspect in aspects:
        aspect.inspection = inspection
        aspect.label = aspect_label(aspect.position)
        nodes = [aspect, *aspect.items.all(), *_problems([aspect])]
        for item in aspect.items.all():
            item.aspect = aspect
            item.label = item_label(item.position)
        for problem in _problems([aspect]):
            problem.inspection = inspection
            problem.label = problem_label(problem.position)
        for node in nodes:
            model = NODE_MODELS[tree.kind_of(node)]
            node.actions = offered(user, node, model) if editing else Offered()
            node.refusal = actions.get(model.split(".")[1].lower() + ".delete").refusal(node) if editing else None


@require_http_methods(["GET", "POST"])
def feedback(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    drafting = may_work(request.user, inspection)  # the office and the team read the draft
    if not feedback_opens(request.user, inspection):
        raise Http404  # e.g. the inspected side before the feedback is given
    aspects = _tree(inspection, request.user)
    editing = drafting and tree.editable(inspection)
    _offer_on_nodes(aspects, inspection, request.user, editing)
    which = request.POST.get("step") if request.method == "POST" else None
    if which is not None and which not in STEPS:
        raise Http404
    if which:
        require_allowed(request, STEPS[which], inspection)
    forms = {
        "aspect_form": AspectForm(request.POST if which == "aspect" else None, prefix="aspect"),
        "item_form": ItemForm(request.POST if which == "item" else None, prefix="item", inspection=inspection),
        "problem_form": ProblemForm(
            request.POST if which == "problem" else None, prefix="problem", inspection=inspection
        ),
    }
    form = forms.get(f"{which}_form")
    if form is not None:
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        elif (made := take_step(request, STEPS[which], inspection, form=form)) is not None:
            from xuncha.common.rebound import warn_at_entry  # 可能是反弹 (xuncha/common)

            if isinstance(made, Problem) and (warned := warn_at_entry(request, made, "problem")):
                return redirect(warned)
            return redirect("findings:feedback", pk=inspection.pk)
    session = tree.open_session(inspection) if drafting else None
    return render(
        request,
        "findings/feedback.html",
        {
            "inspection": inspection,
            "aspects": aspects,
            "actions": offered(request.user, inspection, "inspections.Inspection") if drafting else Offered(),
            "drafting": drafting,
            "editing": editing,
            "frozen": tree.is_frozen(inspection),
            "version": tree.feedback_version(inspection),
            "session": session,
            "close_form": CloseCorrectionForm(prefix="close"),
            "revisions": FeedbackRevision.objects.filter(inspection=inspection, closed_at__isnull=False)
            .select_related("made_by")
            .order_by("-version")
            if drafting
            else [],
            "counts": {
                "aspects": len(aspects),
                "items": sum(len(a.items.all()) for a in aspects),
                "problems": sum(1 for _p in _problems(aspects)),
            },
            **forms,
        },
    )


def _node(request, kind: str, pk: int):
    model = {"aspect": Aspect, "item": Item, "problem": Problem}.get(kind)
    if model is None:
        raise Http404
    related = ["aspect__inspection"] if model is Item else ["inspection"]
    return get_for_user_or_404(model.objects.select_related(*related), request.user, pk=pk)


@require_POST
def node_step(request, kind: str, pk: int, verb: str):
    """Reword, move or delete one node of the tree (the declaration decides who and when)."""
    if verb not in NODE_STEPS or (kind == "problem" and verb == "update"):
        raise Http404
    node = _node(request, kind, pk)
    name = f"{kind}.{verb}"
    require_allowed(request, name, node)
    inspection = tree.inspection_of(node)
    form = {"update": NodeEditForm, "move": MoveForm}.get(verb)
    form = form(request.POST) if form is not None else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Check the input and try again."))
    else:
        success = {"update": _("Saved."), "move": _("Moved."), "delete": _("Deleted.")}[verb]
        take_step(request, name, node, form=form, success=success)
    anchor = "" if verb == "delete" else f"#{kind}-{pk}"
    return redirect(reverse("findings:feedback", args=[inspection.pk]) + anchor)


@require_POST
def correction(request, pk: int, verb: str):
    """Open a correction session, close it with its reason (one new version) or discard it."""
    if verb not in CORRECTION_STEPS:
        raise Http404
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    name = CORRECTION_STEPS[verb]
    require_allowed(request, name, inspection)
    form = CloseCorrectionForm(request.POST, prefix="close") if verb == "close" else None
    success = {
        "open": _("Correction opened: make the edits, then close it with the reason."),
        "close": "",
        "discard": _("Correction discarded."),
    }[verb]
    result = take_step(request, name, inspection, form=form, success=success)
    if verb == "close" and result is not None:
        messages.success(request, _("Version %(version)s of the feedback saved.") % {"version": result.version})
        return redirect("findings:version", pk=inspection.pk, number=result.version)
    return redirect("findings:feedback", pk=inspection.pk)


@require_http_methods(["GET", "POST"])
def paste(request, pk: int):
    """Paste the feedback's text, review the tree read from it, save it on confirmation."""
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "inspection.paste_feedback", inspection)
    form = PasteForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "confirm" in request.POST:
            pasted = take_step(request, "inspection.paste_feedback", inspection, form=form, success="")
            if pasted is not None:  # the tree save_pasted_feedback read and saved
                counts = pasted.counts
                messages.success(
                    request,
                    _("Feedback saved: %(aspects)s aspects, %(items)s items, %(problems)s problems.") % counts,
                )
                from xuncha.common.rebound import inspection_candidates  # 可能是反弹 (xuncha/common)

                if inspection_candidates(inspection):
                    messages.warning(request, _("Some problems may be rebounds: check them."))
                    return redirect("common:rebounds", pk=inspection.pk)
                return redirect("findings:feedback", pk=inspection.pk)
        else:
            try:
                preview = read_feedback(form.cleaned_data["text"])
            except ValidationError as error:
                form.add_error("text", error)
    refusal = actions.get("inspection.paste_feedback").refusal(inspection)
    return render(
        request,
        "findings/paste.html",
        {"inspection": inspection, "form": form, "preview": preview, "refusal": refusal},
    )


def version(request, pk: int, number: int):
    """One version of the feedback, compared with the one before (the office and the team)."""
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    if not may_work(request.user, inspection):
        raise Http404
    shown = versions.version(inspection, number)
    if shown is None:
        raise Http404
    latest = tree.feedback_version(inspection)
    session = tree.open_session(inspection)
    numbers = list(range(1, latest + 1)) + ([session.version] if session is not None else [])
    return render(
        request,
        "findings/version.html",
        {
            "inspection": inspection,
            "shown": shown,
            "numbers": numbers,
            "edits": shown.edits,
            "renumbered": shown.renumbered,
            "counts": versions.counts(shown.tree) if shown.tree is not None else None,
        },
    )


@require_http_methods(["GET", "POST"])
def problem_edit(request, pk: int):
    """Edit a problem's wording and details (in a correction once the feedback is frozen)."""
    problem = get_for_user_or_404(Problem.objects.select_related("inspection"), request.user, pk=pk)
    require_allowed(request, "problem.update", problem)
    form = ProblemEditForm(request.POST or None, initial={"title": problem.title, "text": problem.text})
    if request.method == "POST" and form.is_valid() and take_step(request, "problem.update", problem, form=form):
        return redirect(reverse("findings:feedback", args=[problem.inspection_id]) + f"#problem-{problem.pk}")
    return render(
        request,
        "findings/problem_form.html",
        {
            "form": form,
            "title": _("Edit problem %(number)s") % {"number": problem_label(problem.position)},
            "problem": problem,
            "editing": tree.editable(problem.inspection),
        },
    )
