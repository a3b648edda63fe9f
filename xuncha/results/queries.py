"""Permission-scoped reads of the register (every page, export, figure and API goes through here)."""

from django.db.models import Prefetch

from xuncha.accounts.permissions import Action, restrict
from xuncha.orgs.models import Organisation
from xuncha.people.models import Person
from xuncha.results.models import ResultDocument


def results_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    qs = ResultDocument.objects.all() if include_archived else ResultDocument.objects.active()
    return (
        restrict(qs, user, action)
        .select_related("term", "issuer")
        .prefetch_related(
            Prefetch("recipients", queryset=Organisation.objects.only("id", "name", "short_name", "path")),
            Prefetch("leaders", queryset=Person.objects.only("id", "name", "position")),
        )
    )


def recipient_choices(user):
    """Organisations a document may be addressed to: any the user sees (departments, the
    committee itself, inspected organisations)."""
    from xuncha.orgs.queries import organisations_for_user

    return organisations_for_user(user).filter(archived_at__isnull=True).order_by("path")


def leader_choices(user):
    from xuncha.people.queries import people_for_user

    return people_for_user(user).select_related("organisation").order_by("organisation__path", "name")


def inspection_choices(user, term):
    from xuncha.inspections.queries import inspections_for_user

    return inspections_for_user(user).filter(term=term).order_by("-feedback_on", "pk")


def problem_choices(user, term):
    from xuncha.findings.models import Problem

    return (
        restrict(Problem.objects.filter(inspection__term=term), user)
        .select_related("inspection")
        .order_by("inspection_id", "pk")
    )


def office_terms(user):
    """Terms whose register the user writes: those of the committees the user is office for."""
    from xuncha.accounts.enums import Role
    from xuncha.accounts.permissions import scope_paths
    from xuncha.plans.models import Term

    paths = scope_paths(user, {Role.OFFICE})
    if not paths:
        return Term.objects.none()
    terms = Term.objects.active().select_related("owner").order_by("-starts_on")
    return terms.filter(pk__in=[t.pk for t in terms if any(t.owner.path.startswith(p) for p in paths)])


def clue_choices(user, term):
    """The term's clues the user may read (listed by their reference, never their content)."""
    from xuncha.clues.queries import clues_for_user

    return clues_for_user(user).filter(inspection__term=term).order_by("inspection_id", "pk")
