from django.db.models import Prefetch

from xuncha.accounts.permissions import Action, restrict
from xuncha.rectification.models import Measure, Plan


def plans_for_user(user, action: Action = Action.VIEW):
    return restrict(Plan.objects.active(), user, action).select_related(
        "inspection", "inspection__term__owner", "organisation"
    )


def measures_for_user(user, action: Action = Action.VIEW):
    return restrict(Measure.objects.active(), user, action).select_related(
        "plan", "plan__inspection", "plan__organisation", "lead_unit"
    )


def my_measures(user):
    """The measures that are the user's own tasks ("my tasks": those its organisations lead,
    share or whose plan they file), or None for a role without any (oversight reads the ledger)."""
    from django.db.models import Q

    from xuncha.rectification.rules import my_organisations

    mine = my_organisations(user)
    if mine is None:
        return None
    # subqueries, not joins: a join on the units repeats a measure per unit and needs a
    # DISTINCT over every matching row
    shared = Measure.units.through.objects.filter(organisation__in=mine).values("measure_id")
    own = Q(lead_unit__in=mine) | Q(pk__in=shared) | Q(plan__in=Plan.objects.filter(organisation__in=mine).values("pk"))
    return measures_for_user(user).filter(own)


def board_measures(measures):
    from xuncha.orgs.models import Organisation

    return measures.prefetch_related(Prefetch("units", queryset=Organisation.objects.only("id", "name")))


def oversight_inspections(user):
    """The dashboard's scope: active inspections the user reads as oversight (office, reviewers,
    leadership), whole (`rules._oversight_ids`, the rule the plan and problem policies use) or
    in part (oversight granted inside an inspected organisation: `oversight_part`), or None
    for anyone else."""
    from django.db.models import Exists, OuterRef, Q

    from xuncha.accounts.permissions import has_role
    from xuncha.findings.rules import oversight_share_q
    from xuncha.inspections.models import InspectionTarget
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.inspections.rules import OVERSIGHT
    from xuncha.rectification.rules import _oversight_ids

    if not has_role(user, *OVERSIGHT):
        return None
    parts = []
    if (ids := _oversight_ids(user)) is not None:
        parts.append(Q(pk__in=ids))
    if (share := oversight_share_q(user)) is not None:
        parts.append(Q(Exists(InspectionTarget.objects.filter(share, inspection=OuterRef("pk")))))
    from xuncha.inspections.rules import _any

    scope = _any(parts)
    return inspections_for_user(user).none() if scope is None else inspections_for_user(user).filter(scope)


def oversight_part(user):
    """How the dashboard counts the inspections `oversight_inspections` reads in part: only the
    organisations in the user's oversight scope (`dashboard.Part`), or None when every one is
    read whole."""
    from xuncha.accounts.permissions import scope_q
    from xuncha.inspections.models import Inspection
    from xuncha.inspections.rules import OVERSIGHT
    from xuncha.rectification.dashboard import Part
    from xuncha.rectification.rules import _oversight_ids

    organisations = scope_q(user, OVERSIGHT, "organisation__path")
    if organisations is None:
        return None
    ids = _oversight_ids(user)
    return Part(ids if ids is not None else Inspection.objects.none().values("pk"), organisations)


def dashboard_terms(user, inspections):
    """Terms to choose from, latest first: those of the inspections in scope and those whose plan
    the user reads (where coverage is shown), each with `plans_readable`."""
    from django.db.models import Exists, OuterRef, Q

    from xuncha.plans.models import Term
    from xuncha.plans.queries import terms_for_user

    # per term, is there one inspection in scope (EXISTS): a few hundred index probes, where
    # `pk IN (the terms of every inspection in scope)` scans a province's inspections (1.4 s)
    return (
        Term.objects.active()
        .annotate(
            in_scope=Exists(inspections.filter(term=OuterRef("pk"))),
            plans_readable=Exists(terms_for_user(user).filter(pk=OuterRef("pk"))),
        )
        .filter(Q(in_scope=True) | Q(plans_readable=True))
        .order_by("-starts_on", "-pk")
    )


def sees_whole_inspection(user, inspection) -> bool:
    """Oversight (office, reviewers, leadership) and the inspection's team read every plan,
    measure and problem of an inspection: the plan, measure and problem policies grant exactly
    that (`rules._oversight_ids`). Pages about one inspection ask this once and then read its
    rows without the per-row permission subqueries, which at a province's scale cost many
    times the page itself."""
    from xuncha.inspections.models import Inspection
    from xuncha.rectification.rules import _oversight_ids

    ids = _oversight_ids(user)
    return ids is not None and Inspection.objects.filter(pk=inspection.pk, pk__in=ids).exists()


def inspection_measures(user, inspection, *, whole: bool | None = None):
    """The active measures of `inspection` the user may see (`measures_for_user` narrowed to it)."""
    if whole is None:
        whole = sees_whole_inspection(user, inspection)
    if not whole:
        return measures_for_user(user).filter(plan__inspection=inspection)
    return (
        Measure.objects.active()
        .filter(plan__inspection=inspection)
        .select_related("plan", "plan__inspection", "plan__organisation", "lead_unit")
    )


def inspection_problems(user, inspection, *, whole: bool | None = None):
    """The problems of `inspection` the user may see (the problem policy narrowed to it)."""
    from xuncha.findings.models import Problem

    problems = Problem.objects.filter(inspection=inspection)
    if whole is None:
        whole = sees_whole_inspection(user, inspection)
    return problems if whole else restrict(problems, user)


def awaiting_plans(user, inspections):
    """The `inspections` where an inspected organisation this user answers for has no approved
    plan yet: any of its targets for oversight and the team, only its own for the inspected
    side, whose deadline does not depend on (nor tell of) another organisation's plan."""
    from django.db.models import Exists, OuterRef, Q

    from xuncha.accounts.permissions import scope_q
    from xuncha.findings.rules import oversight_share_q
    from xuncha.inspections.models import InspectionTarget
    from xuncha.inspections.rules import INSPECTED, _any
    from xuncha.rectification.enums import PlanStatus
    from xuncha.rectification.rules import _oversight_ids

    parts = [Q(inspection__in=ids)] if (ids := _oversight_ids(user)) is not None else []
    if share := oversight_share_q(user):
        parts.append(share)
    if own := scope_q(user, INSPECTED, "organisation__path"):
        parts.append(own)
    answered_for = _any(parts)
    if answered_for is None:
        return inspections.none()
    approved = Plan.objects.active().filter(
        inspection=OuterRef("inspection_id"), organisation=OuterRef("organisation_id"), status=PlanStatus.APPROVED
    )
    waiting = InspectionTarget.objects.filter(answered_for, inspection=OuterRef("pk")).exclude(Exists(approved))
    return inspections.filter(Exists(waiting))
