"""Permission-scoped reads of talk records, and the talk plan's progress (from rows)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from xuncha.accounts.permissions import Action, restrict
from xuncha.audit.domain import record_events
from xuncha.talks.models import Talk, TalkPlanItem


def talks_for_user(user, action: Action = Action.VIEW):
    return restrict(Talk.objects.active(), user, action).select_related(
        "inspection__term__owner", "plan_item", "subject_organisation"
    )


def log_talk_reads(user, talks, how: str) -> None:
    """Every read of a talk record's text goes to the access log, as a clue's does."""
    record_events(f"talks.talk.{how}", actor=user, objs=talks)


@dataclass(frozen=True)
class PlanProgress:
    item: TalkPlanItem
    held: int

    @property
    def met(self) -> bool:
        return self.held >= self.item.required


def plan_progress(inspection) -> list[PlanProgress]:
    """Each item of the inspection's talk plan with the talks held toward it (one query)."""
    items = (
        TalkPlanItem.objects.active()
        .filter(inspection=inspection)
        .annotate(held=Count("talks", filter=Q(talks__archived_at__isnull=True)))
        .order_by("position", "pk")
    )
    return [PlanProgress(item, item.held) for item in items]
