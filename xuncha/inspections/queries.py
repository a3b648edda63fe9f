from xuncha.accounts.permissions import Action, restrict
from xuncha.inspections.models import Inspection


def inspections_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    qs = Inspection.objects.all() if include_archived else Inspection.objects.active()
    return restrict(qs, user, action).select_related("term", "term__owner")


def work_inspections_for_user(user):
    """Inspections whose own records (findings, clues, petitions, indicators, requests) the user
    may write: the office's and the team's own."""
    from xuncha.inspections.rules import inspection_work_q

    q = inspection_work_q(user)
    return inspections_for_user(user).none() if q is None else inspections_for_user(user).filter(q)


def work_inspection_or_404(user, pk):
    from xuncha.accounts.permissions import get_for_user_or_404

    return get_for_user_or_404(work_inspections_for_user(user), user, pk=pk or 0)


def may_work_on(user, inspection) -> bool:
    return work_inspections_for_user(user).filter(pk=inspection.pk).exists()
