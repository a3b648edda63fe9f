"""Clues pending too long (seed 004: 对积存半年以上的问题线索实行分级预警，采取每周督办).

A clue that is not concluded six months after it was received is escalated; the weekly
supervision list shows every escalated clue, oldest first, with the months it has waited.
A transferred clue whose result has not come back by its due date is overdue.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from xuncha.clues.enums import ClueStatus
from xuncha.clues.models import Clue
from xuncha.plans.dates import add_months

ESCALATE_AFTER_MONTHS = 6


def escalation_cutoff(today: date) -> date:
    """Clues received on or before this day are escalated when still open."""
    return add_months(today, -ESCALATE_AFTER_MONTHS)


def escalated(clues: QuerySet[Clue], *, today: date) -> QuerySet[Clue]:
    return clues.filter(status__in=ClueStatus.open_states(), received_on__lte=escalation_cutoff(today)).order_by(
        "received_on", "pk"
    )


def is_escalated(clue: Clue, *, today: date) -> bool:
    return clue.status in ClueStatus.open_states() and clue.received_on <= escalation_cutoff(today)


def result_overdue(clue: Clue, *, today: date) -> bool:
    return bool(clue.report_due_on and not clue.reported_back_on and today > clue.report_due_on)


@dataclass(frozen=True)
class WeeklyList:
    week_of: date
    clues: list[Clue]


def weekly_list(clues: QuerySet[Clue], *, today: date) -> WeeklyList:
    monday = today - timedelta(days=today.weekday())
    return WeeklyList(
        week_of=monday, clues=list(escalated(clues, today=today).select_related("inspection", "receiving_body"))
    )


def months_waiting(clue: Clue, *, today: date) -> int:
    return (
        (today.year - clue.received_on.year) * 12
        + today.month
        - clue.received_on.month
        - (1 if today.day < clue.received_on.day else 0)
    )
