"""The public channel's figures for the office, derived from the Tally rows the public site
writes: what was accepted (reports, added information, questionnaire answers, look-ups) and
what was refused, by reason; today, over the last seven days and in all."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Q, Sum
from django.utils import timezone

from xuncha.public.enums import RefusalReason, TallyKind
from xuncha.public.models import Tally

ACCEPTED = (TallyKind.REPORT, TallyKind.ADDENDUM, TallyKind.RESPONSE, TallyKind.LOOKUP)


@dataclass
class Count:
    label: str
    today: int = 0
    week: int = 0
    total: int = 0


@dataclass
class ChannelFigures:
    accepted: list[Count]  # one per accepted kind, always all of them
    refused: list[Count]  # one per reason that occurred, most frequent first
    refused_total: Count
    reports_by_page: dict[int, int] = field(default_factory=dict)  # page id -> reports in all


def _midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def channel_figures(inspection, *, now: datetime | None = None) -> ChannelFigures:
    """One query: the counts of the inspection's pages grouped by page, kind and reason. "Today"
    starts at local midnight; "7 days" is today and the six days before."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    since_today, since_week = _midnight(today), _midnight(today - timedelta(days=6))
    rows = (
        Tally.objects.filter(page__inspection=inspection)
        .values("page_id", "kind", "reason")
        .annotate(
            total=Sum("count"),
            today=Sum("count", filter=Q(at__gte=since_today)),
            week=Sum("count", filter=Q(at__gte=since_week)),
        )
        .order_by()
    )
    accepted = {kind: Count(str(kind.label)) for kind in ACCEPTED}
    refused: dict[str, Count] = {}
    refused_total = Count("")
    reports_by_page: dict[int, int] = {}
    for row in rows:
        if row["kind"] == TallyKind.REFUSED:
            reason = row["reason"]
            label = str(RefusalReason(reason).label) if reason in RefusalReason.values else reason or "—"
            targets = [refused.setdefault(reason, Count(label)), refused_total]
        elif row["kind"] in accepted:
            targets = [accepted[row["kind"]]]
            if row["kind"] == TallyKind.REPORT:
                reports_by_page[row["page_id"]] = reports_by_page.get(row["page_id"], 0) + row["total"]
        else:
            continue
        for count in targets:
            count.today += row["today"] or 0
            count.week += row["week"] or 0
            count.total += row["total"] or 0
    return ChannelFigures(
        accepted=list(accepted.values()),
        refused=sorted(refused.values(), key=lambda c: (-c.total, c.label)),
        refused_total=refused_total,
        reports_by_page=reports_by_page,
    )
