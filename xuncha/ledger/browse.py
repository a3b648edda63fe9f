"""The ledger page's helpers; its filters and columns are declared in `ledger.lists`."""

from datetime import date

from xuncha.rectification.figures import overdue_measures
from xuncha.rectification.models import Measure


def overdue_ids(measure_ids: list[int], *, today: date) -> set[int]:
    return set(overdue_measures(Measure.objects.filter(pk__in=measure_ids), today=today).values_list("pk", flat=True))
