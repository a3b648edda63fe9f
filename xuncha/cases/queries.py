"""Permission-scoped reads of typical cases, and their figures per term (from rows)."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from xuncha.accounts.permissions import Action, restrict
from xuncha.cases.enums import CaseStatus
from xuncha.cases.models import CaseUse, TypicalCase


def cases_for_user(user, action: Action = Action.VIEW):
    return restrict(TypicalCase.objects.active(), user, action).select_related("term", "inspection")


@dataclass(frozen=True)
class CaseFigures:
    published: int
    drafts: int
    uses: int
    attendees: int


def case_figures(cases) -> CaseFigures:
    """典型案例 N 个, 警示教育 M 次 K 人次: from the cases given (the reader's) and their uses."""
    counts = cases.aggregate(
        published=Count("pk", filter=Q(status=CaseStatus.PUBLISHED)),
        drafts=Count("pk", filter=Q(status=CaseStatus.DRAFT)),
    )
    uses = CaseUse.objects.filter(case__in=cases.values("pk")).aggregate(n=Count("pk"), people=Sum("attendees"))
    return CaseFigures(counts["published"], counts["drafts"], uses["n"], uses["people"] or 0)
