"""Who sees which inspections.

* The office, reviewers and leadership: inspections of terms whose committee is in their
  scope, and inspections of organisations in their scope.
* Team members: only the inspections they are on (by team membership of their person, or by
  a grant limited to that inspection).
* Inspected-organisation liaisons and responsible units: inspections of organisations in
  their scope, once the team has entered.
Only the office changes an inspection; the team also records indicator readings and
information requests for its own inspection. Information requests (巡前信息沟通) are never
shown to the inspected side.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, has_role, policy, remembered_per_user, scope_q, scoped_roles
from xuncha.inspections.models import (
    Indicator,
    IndicatorReading,
    InformationRequest,
    Inspection,
    InspectionTarget,
)

OVERSIGHT = {Role.OFFICE, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER, Role.LEADERSHIP}
INSPECTED = {Role.LIAISON, Role.RESPONSIBLE_UNIT}


def _any(parts: list[Q]) -> Q | None:
    result = None
    for part in parts:
        result = part if result is None else result | part
    return result


def team_inspection_ids(user, roles=None):
    """Inspections the user's linked person is on a team of (optionally in these team roles)."""
    from xuncha.staffing.models import TeamMember

    members = TeamMember.objects.active().filter(person__user=user)
    if roles:
        members = members.filter(role__in=roles)
    return members.values("inspection_id")


def _team_q(user) -> list[Q]:
    if not has_role(user, Role.TEAM_MEMBER):
        return []
    granted = [g.inspection_id for g in scoped_roles(user) if g.role == Role.TEAM_MEMBER and g.inspection_id]
    parts = [Q(pk__in=team_inspection_ids(user))]
    if granted:
        parts.append(Q(pk__in=granted))
    return parts


@remembered_per_user  # built once per request (issue 19)
def inspection_q(user, action: Action) -> Q | None:
    """The filter on Inspection for `action`; other models of the inspection reuse it."""
    if action in (Action.VIEW, Action.EXPORT):
        parts = []
        if owner := committee_q(user, OVERSIGHT):
            parts.append(owner)
        if target := scope_q(user, OVERSIGHT, "organisation__path"):
            # bodies inside the inspected organisation learn of the inspection when the team enters
            parts.append(entered_inspection_q(target))
        if inspected := scope_q(user, INSPECTED, "organisation__path"):
            parts.append(entered_inspection_q(inspected))
        parts += _team_q(user)
        return _any(parts)
    return committee_q(user, {Role.OFFICE})


@remembered_per_user  # built once per request (issue 19)
def committee_q(user, roles, prefix: str = "") -> Q | None:
    """Inspections of the terms of committees in the user's scope for `roles`. Through the few
    terms (a province has a couple of hundred) rather than a join to every inspection's owner:
    the join makes the database hash the whole organisation tree for each scoped query."""
    from xuncha.plans.models import Term

    owned = scope_q(user, roles, "owner__path")
    return None if owned is None else Q(**{f"{prefix}term__in": Term.objects.filter(owned).values("pk")})


def entered_inspection_q(target: Q) -> Q:
    """Inspections that have entered and inspect an organisation matching `target` (a filter on
    InspectionTarget). Correlated (EXISTS per inspection) rather than `id IN (every matching
    target)`: the latter makes the database hash all of a province's targets for every query
    that is scoped by inspection, even when it then looks at a hundred of them."""
    targets = InspectionTarget.objects.filter(target, inspection=OuterRef("pk"))
    return Q(Exists(targets)) & Q(entry_on__lte=timezone.localdate())


@remembered_per_user  # built once per request (issue 19)
def inspection_work_q(user) -> Q | None:
    """Inspections whose own records (indicators, requests) this user may write: the office's
    and the team's own."""
    return _any([q for q in [committee_q(user, {Role.OFFICE}), *_team_q(user)] if q is not None])


def _via_inspection(q: Q | None, prefix: str = "inspection") -> Q | None:
    if q is None:
        return None
    return Q(**{f"{prefix}__in": Inspection.objects.filter(q).values("pk")})


@policy(Inspection)
def inspection_policy(user, action):
    return inspection_q(user, action)


@policy(InspectionTarget)
def target_policy(user, action):
    return _via_inspection(inspection_q(user, action))


@policy(Indicator)
def indicator_policy(user, action):
    q = inspection_q(user, action) if action in (Action.VIEW, Action.EXPORT) else inspection_work_q(user)
    return _via_inspection(q)


@policy(IndicatorReading)
def reading_policy(user, action):
    q = inspection_q(user, action) if action in (Action.VIEW, Action.EXPORT) else inspection_work_q(user)
    return _via_inspection(q, "indicator__inspection")


@policy(InformationRequest)
def request_policy(user, action):
    return _via_inspection(inspection_work_q(user))


def may_change_inspection(user, inspection) -> bool:
    """The office whose committee runs the inspection: dates, targets, indicators, the team."""
    from xuncha.accounts.permissions import can

    return can(user, Action.CHANGE, inspection)


def may_work(user, inspection) -> bool:
    """The office and the inspection's own team: findings, feedback, readings, requests.

    Remembered on the inspection object for its user, so that a page whose rows share one
    inspection object asks once (domain functions check a freshly locked row, never a memo)."""
    memo = inspection.__dict__.setdefault("_may_work", {})
    key = getattr(user, "pk", None)
    if key not in memo:
        q = inspection_work_q(user)
        memo[key] = q is not None and Inspection.objects.filter(q, pk=inspection.pk).exists()
    return memo[key]
