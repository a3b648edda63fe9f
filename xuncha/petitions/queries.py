from xuncha.accounts.permissions import Action, restrict
from xuncha.petitions.models import ImmediateFix, Petition


def petitions_for_user(user, action: Action = Action.VIEW):
    return restrict(Petition.objects.active(), user, action).select_related("inspection", "inspection__term__owner")


def fixes_for_user(user, action: Action = Action.VIEW):
    return restrict(ImmediateFix.objects.active(), user, action).select_related("inspection", "organisation")
