from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, restrict, scope_q
from xuncha.orgs.models import Organisation
from xuncha.plans.models import Round, Term


def terms_for_user(user, action: Action = Action.VIEW):
    return restrict(Term.objects.active(), user, action).select_related("owner")


def rounds_for_user(user, action: Action = Action.VIEW):
    return restrict(Round.objects.active(), user, action)


def committee_choices(user):
    """Organisations an office user may plan a term for."""
    condition = scope_q(user, {Role.OFFICE}, "path")
    if condition is None:
        return Organisation.objects.none()
    from xuncha.plans.setups import committee_q

    return Organisation.objects.active().filter(condition).filter(committee_q()).order_by("path")
