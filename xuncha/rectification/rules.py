"""Who sees and does what in rectification.

* Oversight (office, reviewers, leadership) of the inspecting committee and the inspection's
  team see every plan of the inspections they oversee; oversight granted inside an inspected
  organisation sees that organisation's plans and measures only (`findings.rules.oversight_share_q`);
  the office reviews plans, signs off measures and clears red cards;
  discipline and organisation reviewers sign joint reviews and raise red cards.
* The inspected organisation (liaison) sees and writes its own plan, requests sign-off.
* A responsible unit sees the measures it leads or shares ("my tasks") and reports progress.
"""

from django.db.models import Exists, OuterRef, Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, has_role, in_scope, policy, remembered_per_user, scope_q
from xuncha.inspections.rules import _any, committee_q
from xuncha.rectification.models import (
    Flag,
    Measure,
    MeasureChange,
    Plan,
    ProgressUpdate,
    Rebound,
    Regulation,
    SignOffEvent,
)

REVIEWERS = set(Role.reviewers())


@remembered_per_user  # built once per request (issue 19)
def _oversight_ids(user):
    from xuncha.findings.rules import _oversight_or_team
    from xuncha.inspections.models import Inspection

    q = _oversight_or_team(user)
    return None if q is None else Inspection.objects.filter(q).values("pk")


def _share(user, prefix: str = "") -> Q | None:
    from xuncha.findings.rules import oversight_share_q

    return oversight_share_q(user, prefix)


def plan_q(user, action: Action, prefix: str = "") -> Q | None:
    parts = []
    if action in (Action.VIEW, Action.EXPORT):
        if (ids := _oversight_ids(user)) is not None:
            parts.append(Q(**{f"{prefix}inspection__in": ids}))
        if share := _share(user, prefix):
            parts.append(share)
        if own := scope_q(user, {Role.LIAISON}, f"{prefix}organisation__path"):
            parts.append(own)
    else:
        if office := committee_q(user, {Role.OFFICE}, f"{prefix}inspection__"):
            parts.append(office)
        if own := scope_q(user, {Role.LIAISON}, f"{prefix}organisation__path"):
            parts.append(own)
    return _any(parts)


@remembered_per_user  # built once per request: the ledger asks whether it opens, then filters by it
def measure_q(user, action: Action, prefix: str = "") -> Q | None:
    """The measures `user` may act on: those of the plans in scope, and a responsible unit's.

    Written as `plan_id IN (plans in scope)` and `lead_unit_id IN (units in scope)`, never as
    joins: with the plan joined for its filter, SQLite sorted the whole scope in a temporary
    B-tree to give the ledger's first page (≈ 50 ms at scale 1); with the scope as a subquery
    both databases walk the measures' (plan_id, number) index and stop at the page (≈ 2 ms).
    tests/rectification/test_ledger_plans.py reads the plans of every role's list."""
    from xuncha.orgs.models import Organisation

    parts = []
    if plan := plan_q(user, action):
        parts.append(Q(**{f"{prefix}plan__in": Plan.objects.filter(plan).values("pk")}))
    if units := scope_q(user, {Role.RESPONSIBLE_UNIT}, "path"):
        parts.append(Q(**{f"{prefix}lead_unit__in": Organisation.objects.filter(units).values("pk")}))
        # through the link table, not a join: a join on units would repeat a measure per unit
        # and force a DISTINCT over the whole table on every list
        sharing = Measure.units.through.objects.filter(organisation__in=Organisation.objects.filter(units))
        parts.append(Q(**{f"{prefix}pk__in": sharing.values("measure_id")}))
    return _any(parts)


# Both filters follow only foreign keys and subqueries, never a many-valued join, so they
# match each row once and apply directly (an `IN (SELECT id FROM the same table)` wrapper
# would make every list scan the whole table at a province's scale).
@policy(Plan)
def plan_policy(user, action):
    return plan_q(user, action)


@policy(Measure)
def measure_policy(user, action):
    return measure_q(user, action)


@policy(ProgressUpdate)
def update_policy(user, action):
    q = measure_q(user, Action.VIEW)
    return None if q is None else Q(measure__in=Measure.objects.filter(q).values("pk"))


@policy(SignOffEvent)
def sign_off_event_policy(user, action):
    return update_policy(user, action)


@policy(MeasureChange)
def change_policy(user, action):
    return update_policy(user, action)


@policy(Regulation)
def regulation_policy(user, action):
    return update_policy(user, action)


@policy(Flag)
def flag_policy(user, action):
    if not has_role(user, Role.OFFICE, *REVIEWERS, Role.LEADERSHIP):
        return None  # red cards are the supervisors' business
    q = _oversight_ids(user)
    parts = [Q(measure__plan__inspection__in=q) | Q(problem__inspection__in=q)] if q is not None else []
    parts += [p for p in (_share(user, "measure__plan__"), _share(user, "problem__")) if p is not None]
    return _any(parts)


@policy(Rebound)
def rebound_policy(user, action):
    q = _oversight_ids(user)
    own = scope_q(user, {Role.LIAISON}, "problem__organisation__path")
    whole = Q(problem__inspection__in=q) if q is not None else None
    return _any([p for p in [whole, _share(user, "problem__"), own] if p is not None])


def is_office_for(user, inspection) -> bool:
    return in_scope(user, {Role.OFFICE}, inspection.term.owner.path)


def is_reviewer_for(user, inspection) -> bool:
    return in_scope(user, REVIEWERS, inspection.term.owner.path)


def reviewer_body(user, inspection):
    from xuncha.rectification.enums import ReviewerBody

    if in_scope(user, {Role.DISCIPLINE_REVIEWER}, inspection.term.owner.path):
        return ReviewerBody.DISCIPLINE
    if in_scope(user, {Role.ORGANISATION_REVIEWER}, inspection.term.owner.path):
        return ReviewerBody.ORGANISATION
    return None


def may_report(user, measure: Measure) -> bool:
    """The inspected organisation and the measure's units report progress and request sign-off."""
    if in_scope(user, {Role.LIAISON}, measure.plan.organisation.path):
        return True
    paths = [u.path for u in measure.units.all()] + ([measure.lead_unit.path] if measure.lead_unit_id else [])
    return any(in_scope(user, {Role.RESPONSIBLE_UNIT}, path) for path in paths)


def may_edit_plan(user, plan: Plan) -> bool:
    return is_office_for(user, plan.inspection) or in_scope(user, {Role.LIAISON}, plan.organisation.path)


def plan_startable_organisations(user, inspection):
    """The inspected organisations of `inspection` whose plan this user may start: any for the
    inspection's office, its own for a liaison."""
    from xuncha.orgs.queries import organisations_for_user

    targets = organisations_for_user(user).filter(pk__in=inspection.targets.values("organisation_id"))
    if is_office_for(user, inspection):
        return targets
    own = scope_q(user, {Role.LIAISON}, "path")
    return targets.filter(own) if own is not None else targets.none()


def my_organisations(user):
    """The organisations whose tasks are this user's own ("my tasks"), or None for a role
    without any (oversight reads the ledger instead)."""
    from xuncha.orgs.models import Organisation

    condition = scope_q(user, {Role.RESPONSIBLE_UNIT, Role.LIAISON}, "path")
    return None if condition is None else Organisation.objects.filter(condition).values("pk")


def may_see_figures(user) -> bool:
    return has_role(user, *Role.casework())


def overview_inspections(user):
    """The inspections whose rectification page opens for `user`: the office of the inspecting
    committee (before any plan), and whoever sees one of its plans or problems. Pages link to
    that page only for these (a responsible unit, which sees measures alone, has none)."""
    from xuncha.accounts.permissions import restrict
    from xuncha.findings.models import Problem
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.rectification.queries import plans_for_user

    # correlated (EXISTS per inspection asked about, through each table's inspection index):
    # every caller asks about one inspection or a page's few, and `pk IN (plans in scope)`
    # made SQLite list every plan and problem in scope first (8 ms of the ledger's page)
    opens = Q(Exists(plans_for_user(user).filter(inspection=OuterRef("pk"))))
    opens |= Q(Exists(restrict(Problem.objects.filter(inspection=OuterRef("pk")), user)))
    if office := committee_q(user, {Role.OFFICE}):
        opens |= office
    return inspections_for_user(user).filter(opens)


def may_read_ledger(user) -> bool:
    """The ledger (整改台账) opens for whoever may see some measure (default deny)."""
    return measure_q(user, Action.VIEW) is not None


def may_export_ledger(user) -> bool:
    return measure_q(user, Action.EXPORT) is not None
