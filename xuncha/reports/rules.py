"""Report drafts are written by the inspected organisation (liaison) and the office; everyone
who may see the inspection's rectification may read them. Uploads for import are the office's."""

from django.db.models import Exists, OuterRef, Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, policy, scope_q
from xuncha.reports.models import ProblemExplanation, ReportDraft, ReportUpload, StatedFigure


@policy(ReportDraft)
def draft_policy(user, action):
    from xuncha.rectification.models import Plan
    from xuncha.rectification.rules import plan_q

    q = plan_q(user, action if action != Action.CREATE else Action.CHANGE)
    if q is None:
        return None
    # the draft of exactly a plan the user may see (same inspection and organisation)
    return Q(Exists(Plan.objects.filter(q, inspection=OuterRef("inspection"), organisation=OuterRef("organisation"))))


@policy(ReportUpload)
def upload_policy(user, action):
    return scope_q(user, {Role.OFFICE}, "inspection__term__owner__path")


@policy(StatedFigure)
def stated_policy(user, action):
    """Read with the plan it is stated for; changed (the choice to print it) by the office."""
    from xuncha.rectification.models import Plan
    from xuncha.rectification.rules import plan_q

    if action != Action.VIEW:
        return scope_q(user, {Role.OFFICE}, "inspection__term__owner__path")
    q = plan_q(user, Action.VIEW)
    if q is None:
        return None
    return Q(Exists(Plan.objects.filter(q, inspection=OuterRef("inspection"), organisation=OuterRef("organisation"))))


@policy(ProblemExplanation)
def explanation_policy(user, action):
    """As the problem's plan: whoever may read (or change) the plan of the problem's organisation."""
    from xuncha.rectification.models import Plan
    from xuncha.rectification.rules import plan_q

    q = plan_q(user, action if action != Action.CREATE else Action.CHANGE)
    if q is None:
        return None
    return Q(
        Exists(
            Plan.objects.filter(
                q, inspection=OuterRef("problem__inspection"), organisation=OuterRef("problem__organisation")
            )
        )
    )
