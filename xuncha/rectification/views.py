from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import can, get_for_user_or_404, has_role, in_scope, restrict, scope_q
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.files.domain import store_upload
from xuncha.findings.models import Aspect, Problem
from xuncha.inspections.queries import inspections_for_user
from xuncha.orgs.queries import organisations_for_user
from xuncha.rectification import domain
from xuncha.rectification.dashboard import dashboard_figures
from xuncha.rectification.enums import MeasureStatus, PlanStatus, ProblemStatus, SignOff
from xuncha.rectification.figures import overdue_measures, rectification_figures
from xuncha.rectification.forms import FlagForm, MeasureForm, ProgressForm, ReasonForm, RegulationForm, StartPlanForm
from xuncha.rectification.models import Flag, Measure
from xuncha.rectification.queries import (
    dashboard_terms,
    inspection_measures,
    inspection_problems,
    measures_for_user,
    oversight_inspections,
    plans_for_user,
    sees_whole_inspection,
)
from xuncha.rectification.rules import is_office_for, is_reviewer_for, may_edit_plan, may_report, reviewer_body
from xuncha.rectification.status import with_status
from xuncha.web.forms import rebase_on
from xuncha.web.pages import int_param, int_param_post, paginate


def _problems_for(user, inspection):
    return inspection_problems(user, inspection)


def overview(request, pk: int):
    """Rectification of one inspection: its plans, figures, and the way into the board."""
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    plans = plans_for_user(request.user).filter(inspection=inspection)
    problems = _problems_for(request.user, inspection)
    if not plans.exists() and not problems.exists() and not is_office_for(request.user, inspection):
        raise Http404
    startable = (
        organisations_for_user(request.user)
        .filter(pk__in=inspection.targets.values("organisation_id"))
        .exclude(pk__in=plans.values("organisation_id"))
    )
    if not is_office_for(request.user, inspection):
        startable = startable.filter(scope_q(request.user, {Role.LIAISON}, "path") or Q(pk__in=[]))
    today = timezone.localdate()
    figures = rectification_figures(
        problems, measures_for_user(request.user).filter(plan__inspection=inspection), today=today
    )
    return render(
        request,
        "rectification/overview.html",
        {
            "inspection": inspection,
            "plans": plans,
            "figures": figures,
            "start_form": StartPlanForm(organisations=startable) if startable.exists() else None,
            "late": {p.pk: domain.is_late(p, today=today) for p in plans},
        },
    )


@require_POST
def plan_start(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    allowed = organisations_for_user(request.user).filter(pk__in=inspection.targets.values("organisation_id"))
    form = StartPlanForm(request.POST, organisations=allowed)
    if not form.is_valid():
        raise Http404
    organisation = form.cleaned_data["organisation"]
    if not (is_office_for(request.user, inspection) or in_scope(request.user, {Role.LIAISON}, organisation.path)):
        raise Http404
    try:
        plan = domain.start_plan(
            inspection, by=request.user, organisation=organisation, joint_review=form.cleaned_data["joint_review"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("rectification:overview", pk=inspection.pk)
    return redirect("rectification:plan", pk=plan.pk)


def _measure_form(request, plan, data=None, instance=None):
    organisations = organisations_for_user(request.user).filter(path__startswith=plan.organisation.path)
    problems = _problems_for(request.user, plan.inspection).filter(organisation=plan.organisation)
    initial = None
    if instance is not None:
        initial = {f: getattr(instance, f) for f in domain.MEASURE_FIELDS}
        initial.update(
            version=instance.version, problems=list(instance.problems.all()), units=list(instance.units.all())
        )
    return MeasureForm(data, problems=problems, organisations=organisations, initial=initial)


@require_http_methods(["GET", "POST"])
def plan_detail(request, pk: int):
    plan = get_for_user_or_404(plans_for_user(request.user), request.user, pk=pk)
    editable = plan.status in PlanStatus.editable_states() and may_edit_plan(request.user, plan)
    form = _measure_form(request, plan, request.POST if request.method == "POST" else None)
    gaps = None
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("version", None)
            try:
                domain.add_measure(
                    plan, by=request.user, problems=data.pop("problems"), units=data.pop("units"), **data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Measure added."))
                return redirect("rectification:plan", pk=plan.pk)
    if editable:
        gaps = domain.plan_gaps(plan)
    measures = plan.measures.active().prefetch_related("problems", "units").select_related("lead_unit")
    return render(
        request,
        "rectification/plan.html",
        {
            "plan": plan,
            "measures": measures,
            "form": form if editable else None,
            "editable": editable,
            "gaps": gaps,
            "is_office": is_office_for(request.user, plan.inspection),
            "reviewer_body": reviewer_body(request.user, plan.inspection),
            "signatures": plan.review_signatures.select_related("signer"),
            "late": domain.is_late(plan, today=timezone.localdate()),
            "history": history_entries(plan, user=request.user),
        },
    )


def _plan_step(request, pk, step):
    plan = get_for_user_or_404(plans_for_user(request.user), request.user, pk=pk)
    try:
        step(plan)
    except domain.PlanIncomplete as error:
        for message in error.messages:
            messages.error(request, message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, _("Saved."))
    return redirect("rectification:plan", pk=plan.pk)


@require_POST
def plan_submit(request, pk: int):
    def step(plan):
        if not may_edit_plan(request.user, plan):
            raise PermissionDenied
        domain.submit_plan(plan, by=request.user)

    return _plan_step(request, pk, step)


@require_POST
def plan_review(request, pk: int):
    """Approve, return with a reason, or sign a joint review."""

    def step(plan):
        action = request.POST.get("action")
        if action == "sign":
            body = reviewer_body(request.user, plan.inspection)
            if body is None:
                raise PermissionDenied
            domain.sign_joint_review(plan, by=request.user, body=body)
            return
        if not is_office_for(request.user, plan.inspection):
            raise PermissionDenied
        if action == "approve":
            domain.approve_plan(plan, by=request.user)
        elif action == "return":
            domain.return_plan(plan, by=request.user, reason=request.POST.get("reason", ""))
        else:
            raise ValidationError(_("Unknown action."))

    return _plan_step(request, pk, step)


@require_http_methods(["GET", "POST"])
def measure_detail(request, pk: int):
    measure = get_for_user_or_404(measures_for_user(request.user), request.user, pk=pk)
    plan = measure.plan
    step = request.POST.get("step") if request.method == "POST" else None
    editable = may_edit_plan(request.user, plan) and plan.status != PlanStatus.SUBMITTED
    edit_form = _measure_form(request, plan, request.POST if step == "edit" else None, instance=measure)
    progress_form = ProgressForm(
        request.POST if step == "progress" else None,
        request.FILES if step == "progress" else None,
        initial={"status": measure.status},
    )
    reason_form = ReasonForm(request.POST if step in {"return", "clear", "reopen"} else None)
    flag_form = FlagForm(request.POST if step == "flag" else None)
    regulation_form = RegulationForm(
        request.POST if step == "regulation" else None, request.FILES if step == "regulation" else None
    )
    conflict = None
    if step:
        try:
            result = _measure_step(
                request, measure, step, edit_form, progress_form, reason_form, flag_form, regulation_form, editable
            )
        except ConcurrentEditError as error:
            conflict = error
            edit_form = _measure_form(request, plan, rebase_on(request.POST, error.current), instance=error.current)
            edit_form.is_valid()
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if result:
                messages.success(request, _("Saved."))
                return redirect("rectification:measure", pk=measure.pk)
        measure.refresh_from_db()
    is_office = is_office_for(request.user, plan.inspection)
    flags = restrict(Flag.objects.filter(Q(measure=measure) | Q(problem__in=measure.problems.all())), request.user)
    return render(
        request,
        "rectification/measure.html",
        {
            "measure": measure,
            "plan": plan,
            "conflict": conflict,
            "problems": measure.problems.all(),
            "units": measure.units.all(),
            "updates": measure.updates.select_related("posted_by").prefetch_related("evidence"),
            "sign_offs": measure.sign_offs.select_related("by"),
            "regulations": measure.regulations.all(),
            "flags": flags,
            "edit_form": edit_form if editable else None,
            "progress_form": progress_form,
            "reason_form": reason_form,
            "flag_form": flag_form,
            "regulation_form": regulation_form,
            "may_report": may_report(request.user, measure) and plan.status == PlanStatus.APPROVED,
            "is_office": is_office,
            "may_flag": is_office or is_reviewer_for(request.user, plan.inspection),
            "overdue": overdue_measures(Measure.objects.filter(pk=measure.pk), today=timezone.localdate()).exists(),
            "history": history_entries(measure, user=request.user),
        },
    )


def _measure_step(
    request, measure, step, edit_form, progress_form, reason_form, flag_form, regulation_form, editable
) -> bool:
    user, plan = request.user, measure.plan
    office = is_office_for(user, plan.inspection)

    def valid(form):
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        return form.cleaned_data

    if step == "edit":
        if not editable:
            raise PermissionDenied
        data = dict(valid(edit_form))
        domain.update_measure(
            measure,
            by=user,
            expected_version=data.pop("version") or 0,
            problems=data.pop("problems"),
            units=data.pop("units"),
            **data,
        )
    elif step == "progress":
        if not may_report(user, measure):
            raise PermissionDenied
        data = valid(progress_form)
        evidence = [store_upload(f, by=user) for f in data["evidence"]]
        domain.post_progress(
            measure, by=user, text=data["text"], status=data["status"], reading=data["reading"], evidence=evidence
        )
    elif step == "request":
        if not may_report(user, measure):
            raise PermissionDenied
        domain.request_sign_off(measure, by=user)
    elif step in {"approve", "return", "clear", "reopen"} and not office:
        raise PermissionDenied
    elif step == "approve":
        domain.approve_sign_off(measure, by=user)
    elif step == "return":
        domain.return_sign_off(measure, by=user, reason=valid(reason_form)["reason"])
    elif step == "clear":
        flag = get_for_user_or_404(
            Flag.objects.filter(cleared_at__isnull=True), user, pk=int_param_post(request, "flag")
        )
        domain.clear_flag(flag, by=user, reason=valid(reason_form)["reason"])
    elif step == "reopen":
        problem = get_for_user_or_404(measure.problems.all(), user, pk=int_param_post(request, "problem") or 0)
        domain.reopen_problem(problem, by=user, reason=valid(reason_form)["reason"])
    elif step == "flag":
        if not (office or is_reviewer_for(user, plan.inspection)):
            raise PermissionDenied
        data = valid(flag_form)
        domain.raise_flag(by=user, kind=data["kind"], reason=data["reason"], measure=measure)
    elif step == "regulation":
        if not (may_report(user, measure) or office):
            raise PermissionDenied
        data = valid(regulation_form)
        files = [store_upload(f, by=user) for f in data["file"]]
        domain.record_regulation(
            measure,
            by=user,
            title=data["title"],
            issuer=data["issuer"],
            issued_on=data["issued_on"],
            file=files[0] if files else None,
        )
    else:
        raise ValidationError(_("Unknown action."))
    return True


STATUS_CLASS = {
    ProblemStatus.DONE: "bg-green",
    ProblemStatus.BASICALLY_DONE: "bg-yellow",
    ProblemStatus.NOT_DONE: "bg-red",
}


def board(request, pk: int):
    """挂图作战: problems by aspect with status colours; filters by unit, leader and status.

    Works from plain values (no model objects per row) so that a 2,000-measure inspection
    renders quickly; each problem links to its page with its measures.
    """
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    whole = sees_whole_inspection(request.user, inspection)
    visible_problems = inspection_problems(request.user, inspection, whole=whole)
    problems = with_status(visible_problems)
    measures = inspection_measures(request.user, inspection, whole=whole)
    if (unit := int_param(request, "unit")) is not None:
        measures = measures.filter(Q(lead_unit_id=unit) | Q(units__id=unit))
        problems = problems.filter(measures__in=measures.values("pk"))
    if leader := request.GET.get("leader", "").strip():
        measures = measures.filter(leader__icontains=leader)
        problems = problems.filter(measures__in=measures.values("pk"))
    if (status := request.GET.get("status")) in ProblemStatus.values:
        problems = problems.filter(derived_status=status)
    today = timezone.localdate()
    through = Measure.problems.through
    overdue_problems = set(
        through.objects.filter(measure__in=overdue_measures(measures, today=today).values("pk")).values_list(
            "problem_id", flat=True
        )
    )
    rows = (
        problems.order_by("position")
        .values("pk", "number", "title", "aspect_id", "derived_status", "done_count", "measure_count")
        .distinct()
    )
    aspects = {a.pk: a for a in Aspect.objects.filter(inspection=inspection).order_by("position")}
    grouped: dict[int, list] = {pk_: [] for pk_ in aspects}
    for row in rows:
        row["overdue"] = row["pk"] in overdue_problems
        row["css"] = STATUS_CLASS[ProblemStatus(row["derived_status"])]
        grouped.setdefault(row["aspect_id"], []).append(row)
    all_measures = inspection_measures(request.user, inspection, whole=whole)
    shared = Measure.units.through.objects.filter(measure__in=all_measures.values("pk"))
    units = organisations_for_user(request.user).filter(
        Q(pk__in=all_measures.values("lead_unit_id")) | Q(pk__in=shared.values("organisation_id"))
    )
    return render(
        request,
        "rectification/board.html",
        {
            "inspection": inspection,
            "sections": [(aspects[a], grouped[a]) for a in aspects if grouped.get(a)],
            "units": units,
            "statuses": ProblemStatus.choices,
            "figures": rectification_figures(visible_problems, measures, today=today),
        },
    )


def problem_detail(request, pk: int):
    """One problem of the feedback: its derived status, its measures, red cards and rebounds."""
    problem = get_for_user_or_404(
        with_status(Problem.objects.select_related("inspection", "aspect", "item", "organisation")), request.user, pk=pk
    )
    measures = measures_for_user(request.user).filter(problems=problem).order_by("number")
    today = timezone.localdate()
    overdue = set(overdue_measures(measures, today=today).values_list("pk", flat=True))
    flags = restrict(Flag.objects.filter(Q(problem=problem) | Q(measure__in=measures.values("pk"))), request.user)
    from xuncha.rectification.models import Rebound

    return render(
        request,
        "rectification/problem.html",
        {
            "problem": problem,
            "status": ProblemStatus(problem.derived_status),
            "measures": measures,
            "overdue": overdue,
            "flags": flags.select_related("measure"),
            "rebounds": restrict(Rebound.objects.filter(problem=problem), request.user),
            "css": STATUS_CLASS[ProblemStatus(problem.derived_status)],
        },
    )


def my_tasks(request):
    """The measures a responsible unit leads or shares, soonest deadline first."""
    condition = scope_q(request.user, {Role.RESPONSIBLE_UNIT, Role.LIAISON}, "path")
    if condition is None:
        raise Http404
    from xuncha.orgs.models import Organisation

    mine = Organisation.objects.filter(condition).values("pk")
    measures = (
        measures_for_user(request.user)
        .filter(Q(lead_unit__in=mine) | Q(units__in=mine) | Q(plan__organisation__in=mine))
        .distinct()
    )
    if (status := request.GET.get("status")) in MeasureStatus.values:
        measures = measures.filter(status=status)
    today = timezone.localdate()
    overdue_ids = set(overdue_measures(measures, today=today).values_list("pk", flat=True))
    page, query = paginate(request, measures.order_by("deadline", "pk"))
    for measure in page:
        measure.is_overdue = measure.pk in overdue_ids
    return render(
        request,
        "rectification/my_tasks.html",
        {"page": page, "query": query, "statuses": MeasureStatus.choices, "SignOff": SignOff},
    )


def figures_page(request):
    """Figures per term, inspection, organisation, aspect or level, each drilling down."""
    if not has_role(request.user, *Role.casework()):
        raise Http404
    inspections = inspections_for_user(request.user)
    problems = restrict(Problem.objects.filter(inspection__in=inspections.values("pk")), request.user)
    measures = measures_for_user(request.user)
    if (term := int_param(request, "term")) is not None:
        problems, measures = problems.filter(inspection__term_id=term), measures.filter(plan__inspection__term_id=term)
    if (inspection := int_param(request, "inspection")) is not None:
        problems, measures = problems.filter(inspection_id=inspection), measures.filter(plan__inspection_id=inspection)
    if (organisation := int_param(request, "organisation")) is not None:
        problems = problems.filter(organisation_id=organisation)
        measures = measures.filter(plan__organisation_id=organisation)
    if (aspect := int_param(request, "aspect")) is not None:
        problems = problems.filter(aspect_id=aspect)
        measures = measures.filter(problems__aspect_id=aspect).distinct()
    if aspect_title := request.GET.get("aspect_title"):  # an aspect across inspections (dashboard)
        problems = problems.filter(aspect__title=aspect_title)
        measures = measures.filter(problems__aspect__title=aspect_title).distinct()
    if level := request.GET.get("level"):
        problems, measures = (
            problems.filter(organisation__level=level),
            measures.filter(plan__organisation__level=level),
        )
    return render(
        request,
        "rectification/figures.html",
        {
            "figures": rectification_figures(problems, measures, today=timezone.localdate()),
            "inspections": inspections.order_by("-entry_on"),
            "query": request.GET.urlencode(),
            "MeasureStatus": MeasureStatus,
            "may_see": can,
        },
    )


def dashboard(request):
    """整改态势 for oversight: rates by level, organisation and aspect, measures and overdue, and
    coverage, for one term (the latest by default). Read from the summary tallies, so the page
    answers as fast for a province as for one inspection; every number drills down to the
    figures page, which computes it from the rows."""
    from xuncha.plans.coverage import coverage
    from xuncha.plans.queries import terms_for_user

    scope = oversight_inspections(request.user)
    if scope is None:
        raise Http404
    terms = list(dashboard_terms(request.user, scope))
    term = terms[0] if terms else None
    every_term = request.GET.get("term") == "all"  # all terms in scope together (a province's view)
    if every_term:
        term = None
    elif (chosen := int_param(request, "term")) is not None:
        term = next((t for t in terms if t.pk == chosen), None)
        if term is None:
            raise Http404
    if term is not None:
        scope = scope.filter(term=term)
    today = timezone.localdate()
    plans_readable = term is not None and terms_for_user(request.user).filter(pk=term.pk).exists()
    return render(
        request,
        "rectification/dashboard.html",
        {
            "figures": dashboard_figures(scope, today=today),
            "terms": terms,
            "term": term,
            "coverage": coverage(term, on=today) if plans_readable else None,
            "today": today,
            "base": f"term={term.pk}" if term is not None else "",
            "every_term": every_term,
            "MeasureStatus": MeasureStatus,
        },
    )
