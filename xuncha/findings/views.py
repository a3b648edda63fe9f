from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.files.domain import store_upload
from xuncha.findings import domain
from xuncha.findings.forms import AspectForm, FindingForm, ItemForm, ProblemEditForm, ProblemForm, PromoteForm
from xuncha.findings.lists import FINDINGS
from xuncha.findings.models import Aspect, FeedbackRevision, Finding, Item, Problem
from xuncha.findings.rules import feedback_opens
from xuncha.inspections.queries import inspections_for_user
from xuncha.inspections.rules import may_work
from xuncha.lists.excel import list_download
from xuncha.orgs.queries import organisations_for_user
from xuncha.web.pages import int_param, paginate
from xuncha.workflow import actions
from xuncha.workflow.actions import offered
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
                if take_step(request, FINDING_STEP, inspection, form=form, data={"evidence": evidence},
                             success=_("Finding recorded.")) is not None:
                    return redirect("findings:list", pk=inspection.pk)
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


def _problems(aspects):
    for aspect in aspects:
        yield from aspect.direct_problems
        for item in aspect.items.all():
            yield from item.problems.all()


@require_http_methods(["GET", "POST"])
def feedback(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    # every level through its policy: an inspected organisation reads only its own problems
    # (and the aspects and items holding them) of an inspection that inspects several
    problems = restrict(Problem.objects.filter(inspection=inspection), request.user).order_by("position")
    aspects = (
        restrict(Aspect.objects.filter(inspection=inspection), request.user)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=restrict(Item.objects.filter(aspect__inspection=inspection), request.user)
                .order_by("position")
                .prefetch_related(Prefetch("problems", queryset=problems)),
            ),
            Prefetch("problems", queryset=problems.filter(item__isnull=True), to_attr="direct_problems"),
        )
        .order_by("position")
    )
    if not feedback_opens(request.user, inspection):
        raise Http404  # e.g. the inspected side before the feedback is given
    drafting = may_work(request.user, inspection)  # the office and the team read the draft
    aspects = list(aspects)
    for problem in _problems(aspects):
        problem.inspection = inspection  # one inspection object: the permission is read once
        problem.actions = {"update": actions.get("problem.update").offered_to(request.user, problem)}
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
    if form is not None and form.is_valid() and take_step(request, STEPS[which], inspection, form=form) is not None:
        return redirect("findings:feedback", pk=inspection.pk)
    return render(
        request,
        "findings/feedback.html",
        {
            "inspection": inspection,
            "aspects": aspects,
            "actions": offered(request.user, inspection, "inspections.Inspection"),
            "drafting": drafting,
            "frozen": domain.is_frozen(inspection),
            "version": domain.feedback_version(inspection),
            "revisions": FeedbackRevision.objects.filter(inspection=inspection).select_related("made_by")
            if drafting
            else [],
            **forms,
        },
    )


@require_http_methods(["GET", "POST"])
def problem_edit(request, pk: int):
    """Edit a problem's wording (a correction with a reason once the feedback is frozen)."""
    problem = get_for_user_or_404(Problem.objects.select_related("inspection"), request.user, pk=pk)
    require_allowed(request, "problem.update", problem)
    form = ProblemEditForm(request.POST or None, initial={"title": problem.title, "text": problem.text})
    if request.method == "POST" and form.is_valid() and take_step(request, "problem.update", problem, form=form):
        return redirect("findings:feedback", pk=problem.inspection_id)
    return render(
        request,
        "findings/problem_form.html",
        {"form": form, "title": _("Edit problem （%(number)s）") % {"number": problem.number}, "problem": problem},
    )
