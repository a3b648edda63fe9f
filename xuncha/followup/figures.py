"""The re-check counts of a follow-up inspection, from its rows (one query)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from xuncha.followup.enums import ReCheckStatus, Verdict


@dataclass(frozen=True)
class ReCheckCounts:
    total: int
    pending: int
    rectified: int
    not_rectified: int
    rebound: int


def recheck_counts(rechecks) -> ReCheckCounts:
    found = rechecks.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=ReCheckStatus.PENDING)),
        rectified=Count("pk", filter=Q(verdict=Verdict.RECTIFIED)),
        not_rectified=Count("pk", filter=Q(verdict=Verdict.NOT_RECTIFIED)),
        rebound=Count("pk", filter=Q(verdict=Verdict.REBOUND)),
    )
    return ReCheckCounts(**found)
