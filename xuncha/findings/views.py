from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.files.domain import store_upload
from xuncha.findings import domain
from xuncha.findings.forms import AspectForm, FindingForm, ItemForm, ProblemForm
from xuncha.findings.models import Aspect, FeedbackRevision, Finding, Item, Problem
from xuncha.inspections.queries import inspections_for_user, may_work_on, work_inspection_or_404
from xuncha.orgs.queries import organisations_for_user
from xuncha.web.pages import int_param_post


@require_http_methods(["GET", "POST"])
def finding_list(request, pk: int):
    inspection = work_inspection_or_404(request.user, pk)
    domain.ensure_default_categories()
    organisations = organisations_for_user(request.user).filter(path__startswith=inspection.term.owner.path)
    form = FindingForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            evidence = [store_upload(f, by=request.user) for f in data.pop("evidence")]
            domain.record_finding(inspection, by=request.user, evidence=evidence, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Finding recorded."))
            return redirect("findings:list", pk=inspection.pk)
    findings = (
        restrict(Finding.objects.active().filter(inspection=inspection), request.user)
        .select_related("category", "organisation")
        .prefetch_related("evidence", "problems")
    )
    return render(
        request,
        "findings/list.html",
        {
            "inspection": inspection,
            "findings": findings,
            "form": form,
            "aspects": inspection.aspects.prefetch_related("items"),
        },
    )


@require_http_methods(["POST"])
def finding_promote(request, pk: int):
    finding = get_for_user_or_404(
        Finding.objects.active().select_related("inspection"), request.user, Action.CHANGE, pk=pk
    )
    aspect = get_for_user_or_404(
        Aspect.objects.filter(inspection=finding.inspection),
        request.user,
        Action.CHANGE,
        pk=int_param_post(request, "aspect") or 0,
    )
    item = None
    if request.POST.get("item"):
        item = get_for_user_or_404(
            Item.objects.filter(aspect=aspect), request.user, Action.CHANGE, pk=int_param_post(request, "item") or 0
        )
    try:
        domain.promote_finding(
            finding,
            by=request.user,
            aspect=aspect,
            item=item,
            correction_reason=request.POST.get("correction_reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The finding is now a problem of the feedback."))
    return redirect("findings:feedback", pk=finding.inspection_id)


@require_http_methods(["GET", "POST"])
def feedback(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    aspects = (
        restrict(Aspect.objects.filter(inspection=inspection), request.user)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=Item.objects.order_by("position").prefetch_related(
                    Prefetch("problems", queryset=Problem.objects.order_by("position"))
                ),
            ),
            Prefetch(
                "problems",
                queryset=Problem.objects.filter(item__isnull=True).order_by("position"),
                to_attr="direct_problems",
            ),
        )
        .order_by("position")
    )
    if not restrict(Aspect.objects.filter(inspection=inspection), request.user).exists() and not _may_edit(
        request.user, inspection
    ):
        raise Http404  # e.g. the inspected side before the feedback is given
    may_edit = _may_edit(request.user, inspection)
    which = request.POST.get("step") if request.method == "POST" else None
    if which and not may_edit:
        raise Http404
    forms = {
        "aspect_form": AspectForm(request.POST if which == "aspect" else None, prefix="aspect"),
        "item_form": ItemForm(request.POST if which == "item" else None, prefix="item", inspection=inspection),
        "problem_form": ProblemForm(
            request.POST if which == "problem" else None, prefix="problem", inspection=inspection
        ),
    }
    if which in {"aspect", "item", "problem"}:
        form = forms[f"{which}_form"]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if which == "aspect":
                    domain.add_aspect(
                        inspection, by=request.user, title=data["title"], correction_reason=data["correction_reason"]
                    )
                elif which == "item":
                    domain.add_item(
                        data["aspect"],
                        by=request.user,
                        title=data["title"],
                        correction_reason=data["correction_reason"],
                    )
                else:
                    domain.add_problem(
                        inspection,
                        by=request.user,
                        aspect=data["aspect"],
                        item=data["item"],
                        title=data["title"],
                        text=data["text"],
                        correction_reason=data["correction_reason"],
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("findings:feedback", pk=inspection.pk)
    return render(
        request,
        "findings/feedback.html",
        {
            "inspection": inspection,
            "aspects": aspects,
            "may_edit": may_edit,
            "frozen": domain.is_frozen(inspection),
            "version": domain.feedback_version(inspection),
            "revisions": FeedbackRevision.objects.filter(inspection=inspection).select_related("made_by")
            if may_edit
            else [],
            **forms,
        },
    )


def _may_edit(user, inspection) -> bool:
    """The office and the team edit the feedback of their inspection."""
    return may_work_on(user, inspection)
