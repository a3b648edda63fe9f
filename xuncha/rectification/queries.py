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


def board_measures(measures):
    from xuncha.orgs.models import Organisation

    return measures.prefetch_related(Prefetch("units", queryset=Organisation.objects.only("id", "name")))
