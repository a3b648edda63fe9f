from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, can, get_for_user_or_404
from xuncha.audit.history import history_entries
from xuncha.exports.xlsx import Field, xlsx_download
from xuncha.inspections.queries import inspections_for_user
from xuncha.orgs.queries import organisations_for_user
from xuncha.plans import domain
from xuncha.plans.coverage import coverage, not_yet_inspected
from xuncha.plans.forms import JointReviewForm, PeriodForm, ScopeRuleForm, TermForm
from xuncha.plans.models import Batch, Round
from xuncha.plans.queries import committee_choices, terms_for_user
from xuncha.plans.timeline import timeline_rows
from xuncha.web.downloads import dated_name
from xuncha.web.pages import int_param, paginate


def term_list(request):
    terms = terms_for_user(request.user).order_by("-starts_on")
    return render(
        request,
        "plans/term_list.html",
        {"terms": terms, "may_plan": committee_choices(request.user).exists()},
    )


@require_http_methods(["GET", "POST"])
def term_create(request):
    owners = committee_choices(request.user)
    if not owners.exists():
        raise Http404
    form = TermForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            term = domain.create_term(by=request.user, **data)
            domain.set_scope_rule(term, by=request.user, organisation=data["owner"], include=True, subtree=True)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Term created. Its scope is the committee's whole subtree; refine it below."))
            return redirect("plans:term", pk=term.pk)
    return render(request, "plans/form.html", {"form": form, "title": _("New term")})


def term_detail(request, pk: int):
    term = get_for_user_or_404(terms_for_user(request.user), request.user, pk=pk)
    rounds = (
        Round.objects.active()
        .filter(term=term)
        .prefetch_related(Prefetch("batches", queryset=Batch.objects.active().order_by("number")))
        .order_by("number")
    )
    inspections = (
        inspections_for_user(request.user)
        .filter(term=term)
        .select_related("round", "batch", "term__owner")
        .prefetch_related("targets__organisation")
        .order_by("entry_on", "pk")
    )
    today = timezone.localdate()
    return render(
        request,
        "plans/term_detail.html",
        {
            "term": term,
            "rounds": rounds,
            "inspections": inspections,
            "coverage": coverage(term, on=today),
            "scope_rules": term.scope_rules.select_related("organisation").order_by("organisation__path"),
            "may_plan": can(request.user, Action.CHANGE, term),
            "timeline": timeline_rows(term, rounds, inspections),
            "history": history_entries(term, user=request.user),
            "joint_form": JointReviewForm(
                initial={
                    "joint_review_plans": term.joint_review_plans,
                    "joint_review_sign_offs": term.joint_review_sign_offs,
                },
                auto_id="id_joint_%s",
            ),
            "scope_form": ScopeRuleForm(
                organisations=organisations_for_user(request.user).filter(path__startswith=term.owner.path)
            ),
        },
    )


@require_http_methods(["POST"])
def scope_rule_add(request, pk: int):
    term = get_for_user_or_404(terms_for_user(request.user), request.user, Action.CHANGE, pk=pk)
    form = ScopeRuleForm(request.POST, organisations=organisations_for_user(request.user))
    if form.is_valid():
        try:
            domain.set_scope_rule(term, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Scope updated."))
    else:
        messages.error(request, _("Choose an organisation in your scope."))
    return redirect("plans:term", pk=term.pk)


@require_http_methods(["POST"])
def joint_review_set(request, pk: int):
    """The term's joint review setting (三方联审), changed by its office on the term's page."""
    term = get_for_user_or_404(terms_for_user(request.user), request.user, Action.CHANGE, pk=pk)
    form = JointReviewForm(request.POST)
    if form.is_valid():
        try:
            domain.set_joint_review(
                term,
                by=request.user,
                plans=form.cleaned_data["joint_review_plans"],
                sign_offs=form.cleaned_data["joint_review_sign_offs"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Joint review setting saved."))
    else:
        messages.error(request, _("Choose kinds of inspection from the list."))
    return redirect("plans:term", pk=term.pk)


@require_http_methods(["GET", "POST"])
def round_create(request, pk: int):
    term = get_for_user_or_404(terms_for_user(request.user), request.user, Action.CHANGE, pk=pk)
    next_number = (term.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = PeriodForm(request.POST or None, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        try:
            domain.create_round(by=request.user, term=term, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Round created."))
            return redirect("plans:term", pk=term.pk)
    return render(request, "plans/form.html", {"form": form, "title": _("New round"), "term": term})


@require_http_methods(["GET", "POST"])
def batch_create(request, pk: int):
    round_ = get_for_user_or_404(Round.objects.active().select_related("term"), request.user, Action.CHANGE, pk=pk)
    next_number = (round_.batches.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = PeriodForm(request.POST or None, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        try:
            domain.create_batch(by=request.user, round=round_, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Batch created."))
            return redirect("plans:term", pk=round_.term_id)
    return render(request, "plans/form.html", {"form": form, "title": _("New batch"), "term": round_.term})


@require_http_methods(["GET"])
def batch_options(request):
    """The batch select's options for the round chosen in a form (the inspection form asks on
    change). No round: no batch. A round the user may not see answers 404, as its page would;
    the form still checks that the posted batch belongs to the posted round."""
    batches = Batch.objects.none()
    if request.GET.get("round"):
        round_ = get_for_user_or_404(Round.objects.active(), request.user, pk=int_param(request, "round") or 0)
        batches = round_.batches.filter(archived_at__isnull=True).select_related("round").order_by("number")
    return render(request, "plans/_batch_options.html", {"batches": batches, "selected": int_param(request, "batch")})


def term_coverage(request, pk: int):
    term = get_for_user_or_404(terms_for_user(request.user), request.user, pk=pk)
    today = timezone.localdate()
    missing = not_yet_inspected(term, on=today).select_related("parent")
    page, query = paginate(request, missing)
    return render(
        request,
        "plans/coverage.html",
        {
            "term": term,
            "coverage": coverage(term, on=today),
            "page": page,
            "query": query,
            # 「安排巡察」 beside each organisation not yet inspected, for who may plan this term
            "may_arrange": terms_for_user(request.user, Action.CHANGE).filter(pk=term.pk).exists(),
        },
    )


def term_coverage_export(request, pk: int):
    term = get_for_user_or_404(terms_for_user(request.user), request.user, Action.EXPORT, pk=pk)
    today = timezone.localdate()
    result = coverage(term, on=today)
    rows = [(_("All levels"), result.in_scope, result.inspected, float(result.rate or 0), "")]
    rows += [(c.label, c.in_scope, c.inspected, float(c.rate or 0), "") for c in result.by_level]
    rows += [("", "", "", "", "")]
    rows += [(o.get_level_display(), "", "", "", o.name) for o in not_yet_inspected(term, on=today)]
    fields = [
        Field(_("Level"), width=20),
        Field(_("In scope"), width=12),
        Field(_("Inspected"), width=12),
        Field(_("Coverage (%)"), width=14),
        Field(_("Not yet inspected"), width=40),
    ]
    return xlsx_download(
        dated_name(_("Coverage"), term.name, extension="xlsx", on=today),
        fields,
        rows,
        name=_("Coverage"),
        fallback=dated_name("coverage", f"term-{term.pk}", extension="xlsx", on=today),
    )
