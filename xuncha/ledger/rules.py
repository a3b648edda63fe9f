"""A ledger job is its starter's own: only they see its progress, download its result, read
its error report (the rows in them were restricted to them when the job ran) and cancel it
(Action.CHANGE)."""

from django.db.models import Q

from xuncha.accounts.permissions import policy
from xuncha.ledger.models import LedgerJob


@policy(LedgerJob)
def job_policy(user, action):
    return Q(user=user)


def may_import(user, inspection) -> bool:
    """Importing rewrites plans: the office of the inspection's committee, or the liaison of an
    organisation whose plan the user may change."""
    from xuncha.accounts.permissions import Action, restrict
    from xuncha.rectification.models import Plan
    from xuncha.rectification.rules import is_office_for

    if is_office_for(user, inspection):
        return True
    return restrict(Plan.objects.active().filter(inspection=inspection), user, Action.CHANGE).exists()
