"""Who sees and records re-checks: whoever sees the follow-up inspection sees its re-checks
(the problems are the earlier feedback, already given to the inspected organisation); only
the office whose committee runs the follow-up records a verdict (a rebound reopens the earlier
problem's measures, which is the office's step, `problem.reopen`)."""

from django.db.models import Q

from xuncha.accounts.permissions import Action, policy
from xuncha.followup.models import ReCheck
from xuncha.inspections.models import Inspection
from xuncha.inspections.rules import inspection_q, may_change_inspection


@policy(ReCheck)
def recheck_policy(user, action):
    q = inspection_q(user, action if action in (Action.VIEW, Action.EXPORT) else Action.CHANGE)
    return None if q is None else Q(inspection__in=Inspection.objects.filter(q).values("pk"))


def may_record_verdict(user, recheck) -> bool:
    return may_change_inspection(user, recheck.inspection)
