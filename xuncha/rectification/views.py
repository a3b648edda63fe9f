from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xuncha.accounts.permissions import Action, can, get_for_user_or_404, restrict
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.files.domain import store_upload
from xuncha.findings.models import Aspect, Problem
from xuncha.inspections.queries import inspections_for_user
from xuncha.orgs.queries import organisations_for_user
from xuncha.rectification import domain, jointreview
from xuncha.rectification.dashboard import dashboard_figures
from xuncha.rectification.deadlines import is_overdue
from xuncha.rectification.enums import MeasureStatus, ProblemStatus, SignOff
from xuncha.rectification.figures import overdue_measures, rectification_figures
from xuncha.rectification.forms import (
    ChangeForm,
    FlagForm,
    MeasureForm,
    ProgressForm,
    ReasonForm,
    RegulationForm,
    StartPlanForm,
)
from xuncha.rectification.models import Flag, Measure
from xuncha.rectification.queries import (
    dashboard_terms,
    inspection_measures,
    inspection_problems,
    measures_for_user,
    my_measures,
    oversight_inspections,
    oversight_part,
    plans_for_user,
    sees_whole_inspection,
)
from xuncha.rectification.rules import (
    may_read_ledger,
    may_see_figures,
    my_organisations,
    overview_inspections,
    plan_startable_organisations,
)
from xuncha.rectification.status import with_status
from xuncha.web.forms import rebase_on
from xuncha.web.pages import int_param, int_param_post, paginate
from xuncha.web.rows import Shortener, html_row, labels, link, options
from xuncha.workflow import actions
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import form_data


def _problems_for(user, inspection):
    return inspection_problems(user, inspection)


def overview(request, pk: int):
    """Rectification of one inspection: its plans, figures, and the way into the board."""
    inspection = get_for_user_or_404(overview_inspections(request.user), request.user, pk=pk)
    plans = plans_for_user(request.user).filter(inspection=inspection)
    problems = _problems_for(request.user, inspection)
    startable = plan_startable_organisations(request.user, inspection).exclude(pk__in=plans.values("organisation_id"))
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
            "actions": offered(request.user, inspection, "inspections.Inspection"),
            "may_upload_report": can(request.user, Action.CHANGE, inspection),
        },
    )


@require_POST
def plan_start(request, pk: int):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    form = StartPlanForm(request.POST, organisations=plan_startable_organisations(request.user, inspection))
    if not form.is_valid():
        raise Http404
    organisation = form.cleaned_data["organisation"]
    try:
        plan = domain.start_plan(inspection, by=request.user, organisation=organisation)
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


@require_GET
def plan_detail(request, pk: int):
    plan = get_for_user_or_404(plans_for_user(request.user), request.user, pk=pk)
    return _render_plan(request, plan, _measure_form(request, plan))


def _render_plan(request, plan, form):
    plan_actions = offered(request.user, plan, "rectification.Plan")
    measures = plan.measures.active().prefetch_related("problems", "units").select_related("lead_unit")
    return render(
        request,
        "rectification/plan.html",
        {
            "plan": plan,
            "measures": measures,
            "form": form if plan_actions.add_measure else None,
            "actions": plan_actions,
            "gaps": domain.plan_gaps(plan) if plan_actions.submit else None,
            "joint": _joint_review(plan),
            "late": domain.is_late(plan, today=timezone.localdate()),
            "history": history_entries(plan, user=request.user),
        },
    )


def _joint_review(obj) -> dict:
    """A plan's or a measure's joint review (三方联审) for its page: while a review is under way
    (a submitted plan, a sign-off requested), whether it is joint and which bodies are still to
    decide; before one (a plan not yet submitted, a measure not signed off), whether the term's
    setting will send it to joint review; and every body's decision with date, person and
    reason, earlier rounds included."""
    is_plan = obj._meta.model_name == "plan"
    under_review = actions.get("plan.return" if is_plan else "measure.return_sign_off").refusal(obj) is None
    if is_plan:
        before = actions.get("plan.submit").refusal(obj) is None
    else:
        before = not under_review and not obj.effectively_done
    if before:
        applies = jointreview.plan_applies(obj) if is_plan else jointreview.sign_off_applies(obj)
    else:
        applies = obj.joint_review
    decisions = list(jointreview.decisions(obj))
    return {
        "shown": applies or bool(decisions) or under_review,
        "applies": applies,
        "under_review": under_review,
        "before": before,
        "decisions": decisions,
        "pending": jointreview.pending_labels(obj) if under_review else [],
    }


PLAN_STEPS = {
    verb: f"plan.{verb}" for verb in ("add_measure", "submit", "approve", "return", "sign", "return_joint")
}


@require_POST
def plan_action(request, pk: int, verb: str):
    """One step on a plan; the declaration decides who may take it (404 otherwise)."""
    plan = get_for_user_or_404(plans_for_user(request.user), request.user, pk=pk)
    if verb not in PLAN_STEPS or not actions.get(PLAN_STEPS[verb]).allowed(request.user, plan):
        raise Http404
    form = _measure_form(request, plan, request.POST if verb == "add_measure" else None)
    try:
        data = {"reason": request.POST.get("reason", "")}
        if verb == "add_measure":
            if not form.is_valid():
                return _render_plan(request, plan, form)
            data = dict(form.cleaned_data)
            data.pop("version", None)
        actions.take(PLAN_STEPS[verb], plan, by=request.user, data=data)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        if verb == "add_measure":
            form.add_error(None, error)
            return _render_plan(request, plan, form)
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Measure added.") if verb == "add_measure" else _("Saved."))
    return redirect("rectification:plan", pk=plan.pk)


# the steps of a measure page, each a POST endpoint of its own: verb -> declared action
MEASURE_STEPS = {
    "edit": "measure.edit",
    "progress": "measure.progress",
    "request_sign_off": "measure.request_sign_off",
    "approve_sign_off": "measure.approve_sign_off",
    "return_sign_off": "measure.return_sign_off",
    "sign_joint": "measure.sign_joint",
    "return_joint": "measure.return_joint",
    "flag": "measure.flag",
    "regulation": "measure.regulation",
    "request_change": "measure.request_change",
    "approve_change": "change.approve",
    "refuse_change": "change.refuse",
    "clear_flag": "flag.clear",
    "reopen": "problem.reopen",
}


@require_GET
def measure_detail(request, pk: int):
    measure = get_for_user_or_404(measures_for_user(request.user), request.user, pk=pk)
    return _render_measure(request, measure, _measure_forms(request, measure, step=None))


@require_POST
def measure_action(request, pk: int, verb: str):
    """One step on a measure (or on a red card, problem or change request shown on its page):
    the declaration decides who may take it (404 otherwise) and the domain function guards it."""
    measure = get_for_user_or_404(measures_for_user(request.user), request.user, pk=pk)
    if verb not in MEASURE_STEPS:
        raise Http404
    forms = _measure_forms(request, measure, step=verb)
    conflict = None
    try:
        _measure_step(request, measure, verb, forms)
    except ConcurrentEditError as error:
        conflict = error
        forms["edit_form"] = _measure_form(
            request, measure.plan, rebase_on(request.POST, error.current), instance=error.current
        )
        forms["edit_form"].is_valid()
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
        return redirect("rectification:measure", pk=measure.pk)
    measure.refresh_from_db()
    return _render_measure(request, measure, forms, conflict=conflict)


def _measure_forms(request, measure, *, step):
    def bound(name, files=False):
        if step != name:
            return (None, None) if files else (None,)
        return (request.POST, request.FILES) if files else (request.POST,)

    return {
        "edit_form": _measure_form(request, measure.plan, *bound("edit"), instance=measure),
        "progress_form": ProgressForm(*bound("progress", files=True), initial={"status": measure.status}),
        "reason_form": ReasonForm(
            request.POST
            if step in {"return_sign_off", "return_joint", "clear_flag", "reopen", "refuse_change"}
            else None
        ),
        "flag_form": FlagForm(*bound("flag")),
        "regulation_form": RegulationForm(*bound("regulation", files=True)),
        "change_form": ChangeForm(*bound("request_change"), measure=measure),
    }


def _render_measure(request, measure, forms, *, conflict=None):
    from xuncha.rectification.models import MeasureChange

    plan = measure.plan
    user = request.user
    flags = list(restrict(Flag.objects.filter(Q(measure=measure) | Q(problem__in=measure.problems.all())), user))
    for flag in flags:
        flag.actions = offered(user, flag, "rectification.Flag")
    problems = list(measure.problems.all())
    for problem in problems:
        problem.actions = offered(user, problem, "findings.Problem")
    changes = list(
        restrict(MeasureChange.objects.filter(measure=measure), user).select_related("requested_by", "decided_by")
    )
    for change in changes:
        change.actions = offered(user, change, "rectification.MeasureChange")
        change.rows = [
            (Measure._meta.get_field(name).verbose_name, change.previous.get(name), value)
            for name, value in change.proposed.items()
        ]
    actions = offered(user, measure, "rectification.Measure")
    crumbs = {  # each breadcrumb a link only where its page opens for this user
        "board": inspections_for_user(user).filter(pk=plan.inspection_id).exists(),
        "plan": plans_for_user(user).filter(pk=plan.pk).exists(),
        "my_tasks": my_organisations(user) is not None,
    }
    return render(
        request,
        "rectification/measure.html",
        {
            "measure": measure,
            "plan": plan,
            "crumbs": crumbs,
            "conflict": conflict,
            "problems": problems,
            "units": measure.units.all(),
            "updates": measure.updates.select_related("posted_by").prefetch_related("evidence"),
            "sign_offs": measure.sign_offs.select_related("by"),
            "joint": _joint_review(measure),
            "regulations": measure.regulations.select_related("file"),
            "flags": flags,
            "changes": changes,
            "actions": actions,
            **forms,
            "overdue": is_overdue(measure, today=timezone.localdate()),
            "history": history_entries(measure, user=request.user),
        },
    )


def _measure_step(request, measure, verb, forms) -> None:
    """Check the declared permission first (nothing is stored for a user who may not take the
    step), then call the domain function, which guards the state under its lock."""
    user = request.user
    name = MEASURE_STEPS[verb]
    target = measure
    if verb == "clear_flag":
        target = get_for_user_or_404(
            Flag.objects.filter(Q(measure=measure) | Q(problem__in=measure.problems.all())),
            user,
            pk=int_param_post(request, "flag") or 0,
        )
    elif verb == "reopen":
        target = get_for_user_or_404(measure.problems.all(), user, pk=int_param_post(request, "problem") or 0)
    elif verb in {"approve_change", "refuse_change"}:
        from xuncha.rectification.models import MeasureChange

        target = get_for_user_or_404(
            MeasureChange.objects.filter(measure=measure), user, pk=int_param_post(request, "change") or 0
        )
    if not actions.get(name).allowed(user, target):
        raise PermissionDenied

    form = STEP_FORMS.get(verb)
    data = form_data(forms[form]) if form else {}
    if verb == "progress":
        data["evidence"] = [store_upload(f, by=user) for f in data["evidence"]]
    elif verb == "regulation":
        files = [store_upload(f, by=user) for f in data.pop("file")]
        data["file"] = files[0] if files else None
    actions.take(name, target, by=user, data=data)


# the form whose cleaned data a step takes
STEP_FORMS = {
    "edit": "edit_form",
    "progress": "progress_form",
    "return_sign_off": "reason_form",
    "return_joint": "reason_form",
    "clear_flag": "reason_form",
    "reopen": "reason_form",
    "refuse_change": "reason_form",
    "flag": "flag_form",
    "regulation": "regulation_form",
    "request_change": "change_form",
}


STATUS_CLASS = {
    ProblemStatus.DONE: "bg-green",
    ProblemStatus.BASICALLY_DONE: "bg-yellow",
    ProblemStatus.NOT_DONE: "bg-red",
    ProblemStatus.NOT_STATED: "bg-secondary",  # imported without a status: neither red nor green
}


OVERDUE_BADGE = "web/_overdue_badge.html"


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
    # links, shortened titles and the overdue badge made once per page, not per row by
    # {% url %}, truncatechars and an {% include %} in the template (issue 19)
    problem_url, shorten, badge = link("rectification:problem"), Shortener(80), render_to_string(OVERDUE_BADGE)
    for row in rows:
        row["overdue"] = row["pk"] in overdue_problems
        row["css"] = STATUS_CLASS[ProblemStatus(row["derived_status"])]
        row["url"] = problem_url(row["pk"])
        row["short"] = shorten(row["title"])
        row["badge"] = badge if row["overdue"] else ""
        grouped.setdefault(row["aspect_id"], []).append(row)
    shorten_aspect = Shortener(60)
    for aspect in aspects.values():
        aspect.short = shorten_aspect(aspect.title)
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
            "actions": offered(request.user, problem, "findings.Problem"),
        },
    )


def my_tasks(request):
    """The measures a responsible unit leads or shares, soonest deadline first."""
    measures = my_measures(request.user)
    if measures is None:
        raise Http404
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
    if not may_see_figures(request.user):
        raise Http404
    inspections = inspections_for_user(request.user)
    problems = restrict(Problem.objects.filter(inspection__in=inspections.values("pk")), request.user)
    measures = measures_for_user(request.user)
    if (term := int_param(request, "term")) is not None:
        problems, measures = problems.filter(inspection__term_id=term), measures.filter(plan__inspection__term_id=term)
    if (inspection := int_param(request, "inspection")) is not None:
        problems, measures = problems.filter(inspection_id=inspection), measures.filter(plan__inspection_id=inspection)
    if (campaign := int_param(request, "campaign")) is not None:  # a campaign's inspections (联动巡察)
        from xuncha.campaigns.models import CampaignInspection

        joined = CampaignInspection.objects.filter(campaign_id=campaign, archived_at__isnull=True)
        problems = problems.filter(inspection_id__in=joined.values("inspection_id"))
        measures = measures.filter(plan__inspection_id__in=joined.values("inspection_id"))
    if (organisation := int_param(request, "organisation")) is not None:
        problems = problems.filter(organisation_id=organisation)
        measures = measures.filter(plan__organisation_id=organisation)
    if (aspect := int_param(request, "aspect")) is not None:
        problems = problems.filter(aspect_id=aspect)
        measures = measures.filter(problems__aspect_id=aspect).distinct()
    if aspect_title := request.GET.get("aspect_title"):  # an aspect across inspections (dashboard)
        problems = problems.filter(aspect__title=aspect_title)
        measures = measures.filter(problems__aspect__title=aspect_title).distinct()
    if (linked := int_param(request, "linked")) is not None:  # a term with its districts' (levels)
        from xuncha.rectification.levels import linked_term_ids

        ids = linked_term_ids(request.user, linked, request.GET.get("inspecting_level")) or []
        problems = problems.filter(inspection__term_id__in=ids)
        measures = measures.filter(plan__inspection__term_id__in=ids)
    if level := request.GET.get("level"):
        problems, measures = (
            problems.filter(organisation__level=level),
            measures.filter(plan__organisation__level=level),
        )
    figures = rectification_figures(problems, measures, today=timezone.localdate())
    return render(
        request,
        "rectification/figures.html",
        {
            "figures": figures,
            "by_status": _measures_by_status(request, figures),
            "inspections": inspections.order_by("-entry_on"),
            "query": request.GET.urlencode(),
            "may_see": can,
        },
    )


# the figures' filters the ledger applies the same way (it filters by an organisation's subtree,
# not by aspect or level), so that a count drills down to exactly its rows
LEDGER_FILTERS = ("term", "inspection", "campaign")


def _measures_by_status(request, figures) -> list[tuple[str, int, str | None]]:
    """(label, count, the ledger's rows of that status) per measure status; no link where the
    ledger does not open for the user or could not show the same rows."""
    drills = may_read_ledger(request.user) and not any(
        request.GET.get(name) for name in ("organisation", "aspect", "aspect_title", "level", "linked")
    )
    kept = {name: value for name in LEDGER_FILTERS if (value := int_param(request, name)) is not None}
    ledger = reverse("ledger:list")
    return [
        (
            label,
            figures.measures_by_status[value],
            f"{ledger}?{urlencode({**kept, 'status': value})}" if drills else None,
        )
        for value, label in MeasureStatus.choices
    ]


# a rate table's cells after the group's label: its counts, each a link to the group's figures,
# then its two rates (made here, once per row: the organisations table has 50 rows)
RATE_CELLS = (
    '<td><a href="{link}">{problems}</a></td><td><a href="{link}">{done}</a></td>'
    '<td><a href="{link}">{basically_done}</a></td><td><a href="{link}">{not_done}</a></td>'
    '<td><a href="{link}">{not_stated}</a></td><td>{completion}</td><td>{rectification}</td>'
)


@dataclass(frozen=True, slots=True)
class RateRow:
    """A row of the dashboard's rate tables, ready to place: the group's label, the figures
    page's link for the group (its drill-down) and `cells`, the row's cells after its label."""

    label: str
    link: str
    cells: str

    @classmethod
    def of(cls, rates, figures_url: str, base: str) -> "RateRow":
        def percent(value) -> str:
            return "" if value is None else f"{formats.localize(value)}%"

        link = f"{figures_url}?{base}&{rates.param}"
        cells = html_row(
            RATE_CELLS,
            link=link,
            problems=rates.problems,
            done=rates.done,
            basically_done=rates.basically_done,
            not_done=rates.not_done,
            not_stated=rates.not_stated,
            completion=percent(rates.completion_rate),
            rectification=percent(rates.rectification_rate),
        )
        return cls(rates.label, link, cells)


def organisation_row(row, figures_url: str, base: str) -> str:
    """A row of the dashboard's organisations table, whole: 50 of them on a page."""
    rates = RateRow.of(row.rates, figures_url, base)
    return html_row(
        '<tr><td>{}</td><td>{}</td>{}<td><a href="{}">{}</a></td><td><a class="{}" href="{}">{}</a></td></tr>',
        rates.label,
        row.level_label,
        rates.cells,
        rates.link,
        row.measures.measures,
        "text-red" if row.measures.overdue else "",
        rates.link,
        row.measures.overdue,
    )


def dashboard(request):
    """整改态势 for oversight: rates by level, organisation and aspect, measures and overdue, and
    coverage, for one term (the latest by default). Read from the summary tallies, so the page
    answers as fast for a province as for one inspection; every number drills down to the
    figures page, which computes it from the rows."""
    from xuncha.plans.coverage import coverage
    from xuncha.plans.models import Term

    scope = oversight_inspections(request.user)
    if scope is None:
        raise Http404
    # the terms to choose from as values (a province's office has a few hundred), the chosen one
    # read whole (its owner names the page's words, and its coverage is shown)
    terms = list(
        dashboard_terms(request.user, scope).values_list("pk", "name", "starts_on", "ends_on", "plans_readable")
    )
    plans_readable = {pk: readable for pk, *_, readable in terms}  # every term to choose from
    chosen = terms[0][0] if terms else None
    every_term = request.GET.get("term") == "all"  # all terms in scope together (a province's view)
    if every_term:
        chosen = None
    elif (asked := int_param(request, "term")) is not None:
        if asked not in plans_readable:  # not a term of the scope
            raise Http404
        chosen = asked
    term = None
    if chosen is not None:
        term = Term.objects.select_related("owner").get(pk=chosen)
        scope = scope.filter(term=term)
    today = timezone.localdate()
    figures = dashboard_figures(scope, today=today, part=oversight_part(request.user))
    base = f"term={term.pk}" if term is not None else ""
    figures_url = reverse("rectification:figures")
    statuses = labels(MeasureStatus.choices)
    return render(
        request,
        "rectification/dashboard.html",
        {
            "figures": figures,
            "figures_url": figures_url,
            "level_rows": [RateRow.of(r, figures_url, base) for r in figures.by_level],
            "organisation_rows": [organisation_row(row, figures_url, base) for row in figures.organisations],
            "aspect_rows": [RateRow.of(r, figures_url, base) for r in figures.by_aspect],
            "status_rows": [(statuses.get(key, key), count) for key, count in figures.measures.by_status.items()],
            "terms": terms,
            "term_options": options(
                ((pk, f"{name} ({starts_on.year}–{ends_on.year})") for pk, name, starts_on, ends_on, _ in terms),
                chosen,
            ),
            "term": term,
            "coverage": coverage(term, on=today) if term is not None and plans_readable[term.pk] else None,
            "today": today,
            "base": base,
            "every_term": every_term,
        },
    )
