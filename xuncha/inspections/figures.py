"""Figures computed from rows: indicator rates and information-request status."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from xuncha.inspections.enums import RequestStatus
from xuncha.inspections.models import Indicator, InformationRequest


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    achieved: Decimal | None
    on: date | None

    @property
    def rate(self) -> Decimal | None:
        """Achieved ÷ starting total, as a percentage with two decimals (467.54 ÷ 782.61 = 59.74)."""
        if self.achieved is None:
            return None
        return (self.achieved * 100 / self.indicator.baseline).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def target_rate(self) -> Decimal | None:
        if self.indicator.target is None:
            return None
        return (self.indicator.target * 100 / self.indicator.baseline).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def progress(indicator: Indicator) -> IndicatorProgress:
    """The latest reading decides; readings are cumulative amounts achieved so far."""
    readings = getattr(indicator, "prefetched_readings", None)
    latest = readings[0] if readings else (None if readings is not None else indicator.readings.first())
    return IndicatorProgress(indicator, latest.value if latest else None, latest.on if latest else None)


def request_status(request: InformationRequest, *, today: date) -> RequestStatus:
    if request.replied_on:
        return RequestStatus.REPLIED
    return RequestStatus.OVERDUE if today > request.due_on else RequestStatus.PENDING
