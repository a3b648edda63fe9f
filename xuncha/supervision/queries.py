"""Permission-scoped reads of supervision records (every page, export and API goes through here)."""

from django.db.models import Prefetch, Q
from django.http import Http404

from xuncha.accounts.permissions import Action, restrict
from xuncha.inspections.models import Inspection
from xuncha.inspections.queries import inspections_for_user
from xuncha.orgs.models import Organisation
from xuncha.people.models import Person
from xuncha.rectification.models import Measure
from xuncha.rectification.rules import measure_q
from xuncha.supervision.models import Interview, MeasureWarning, Notification, SupervisionDocument


def warnings_for_user(user):
    return restrict(MeasureWarning.objects.all(), user).select_related(
        "measure", "measure__plan", "measure__plan__organisation", "measure__plan__inspection", "measure__lead_unit"
    )


def notifications_for_user(user):
    return restrict(Notification.objects.all(), user)


def documents_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    qs = SupervisionDocument.objects.all() if include_archived else SupervisionDocument.objects.active()
    return restrict(qs, user, action).select_related("inspection", "addressee", "issuer", "plan")


def interviews_for_user(user, action: Action = Action.VIEW):
    people = Person.objects.only("id", "name")
    return (
        restrict(Interview.objects.active(), user, action)
        .select_related("inspection", "organisation", "inspection__term__owner")
        .prefetch_related(Prefetch("interviewers", queryset=people), Prefetch("interviewees", queryset=people))
    )


def inspection_for_warnings(user, pk) -> Inspection:
    """The inspection whose warnings the user asks for: one they may see, or one with a measure
    they may see (a responsible unit below the inspected organisation sees its measures, not
    the inspection). 404 otherwise."""
    parts = [Q(pk__in=inspections_for_user(user).values("pk"))]
    if (q := measure_q(user, Action.VIEW)) is not None:
        parts.append(Q(pk__in=Measure.objects.filter(q).values("plan__inspection_id")))
    condition = parts[0] if len(parts) == 1 else parts[0] | parts[1]
    try:
        return Inspection.objects.active().select_related("term__owner").filter(condition).get(pk=int(pk))
    except (Inspection.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def measure_units(measures):
    """Prefetch the units of measures cheaply (document texts and forms list them)."""
    return measures.prefetch_related(Prefetch("units", queryset=Organisation.objects.only("id", "name")))


def addressee_choices(user, inspection):
    """Organisations a document or interview may concern: the inspected organisations with their
    subunits, and the units of the inspection's measures, as far as the user sees them."""
    from xuncha.orgs.queries import organisations_for_user

    inside = Q(pk__in=[])
    for target in inspection.targets.select_related("organisation"):
        inside |= Q(path__startswith=target.organisation.path)
    measures = Measure.objects.filter(plan__inspection=inspection)
    units = Q(pk__in=measures.values("lead_unit")) | Q(pk__in=measures.values("units"))
    return organisations_for_user(user).filter(inside | units).order_by("path")


def measure_choices(user, inspection):
    """Measures of the inspection's approved plans, as far as the user sees them."""
    from xuncha.rectification.enums import PlanStatus
    from xuncha.rectification.queries import measures_for_user

    return (
        measures_for_user(user)
        .filter(plan__inspection=inspection, plan__status=PlanStatus.APPROVED)
        .order_by("plan__organisation__path", "number")
    )


def accountabilities_for_user(user, action: Action = Action.VIEW):
    from xuncha.supervision.models import Accountability

    return restrict(Accountability.objects.active(), user, action).select_related(
        "inspection", "inspection__term", "person", "person__organisation", "problem", "document"
    )
