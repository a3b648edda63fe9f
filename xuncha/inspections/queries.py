from xuncha.accounts.permissions import Action, restrict
from xuncha.inspections.models import Inspection


def inspections_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    qs = Inspection.objects.all() if include_archived else Inspection.objects.active()
    return restrict(qs, user, action).select_related("term", "term__owner")
