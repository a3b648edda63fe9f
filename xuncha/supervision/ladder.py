"""The warning ladder: which step a measure has reached on a given day.

Semantics
---------
Each step has an offset in days from the measure's deadline and is *reached* on every day
``today >= deadline + offset``. With the default ladder (used for any step a term does not
override):

* green at -20: reached 20 days before the deadline (not 21), sent to the handlers;
* yellow at -10: reached 10 days before (not 11), sent to the handlers and the responsible leader;
* red at +1: reached the day after the deadline (the deadline day itself is not overdue), sent
  to the lead unit and the principal leader.

The step a measure is at is the most severe step reached. Steps are cumulative: reaching red
means green and yellow have been passed, so once a measure has a warning at some step for a
deadline, no lower step is raised for that deadline any more. Earlier steps are **not**
back-filled: a measure first seen when already overdue (a late approval, a missed run) gets
the red warning only. A back-filled green "due in 20 days" sent on an overdue measure would be
false, and the higher step's recipients are the ones who must act now.

A term overrides a step with a ``WarningRule`` row; ``enabled=False`` switches the step off.
Offsets must rise with severity; green and yellow lie on or before the deadline and red after
it (the database refuses anything else).

Only the measures `rectification.deadlines.warned_q` names are warned: open (not signed off:
a measure reported done that waits for sign-off past its deadline is still overdue), with a
deadline, in an approved plan, nothing archived. Ongoing measures without a deadline are never
warned.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xuncha.supervision.enums import Recipient, WarningStep


@dataclass(frozen=True)
class Step:
    step: WarningStep
    offset_days: int
    recipients: tuple[str, ...]

    def reached(self, deadline: date, today: date) -> bool:
        return today >= deadline + timedelta(days=self.offset_days)


DEFAULT_STEPS: tuple[Step, ...] = (
    Step(WarningStep.GREEN, -20, (Recipient.HANDLER,)),
    Step(WarningStep.YELLOW, -10, (Recipient.HANDLER, Recipient.RESPONSIBLE_LEADER)),
    Step(WarningStep.RED, 1, (Recipient.LEAD_UNIT, Recipient.PRINCIPAL_LEADER)),
)


@dataclass(frozen=True)
class Ladder:
    steps: tuple[Step, ...]  # the enabled steps, least severe first

    def step_on(self, deadline: date, today: date) -> Step | None:
        """The most severe step reached on `today`, or None before the first one."""
        reached = None
        for step in self.steps:
            if step.reached(deadline, today):
                reached = step
        return reached

    def get(self, step: str) -> Step | None:
        return next((s for s in self.steps if s.step == step), None)

    @property
    def lead_days(self) -> int:
        """How many days before a deadline the first step comes (0 when none comes before)."""
        return max([0, *(-s.offset_days for s in self.steps)])


DEFAULT_LADDER = Ladder(DEFAULT_STEPS)


def build_ladder(rules: Iterable) -> Ladder:
    """The default ladder with each step overridden by the term's rule for it, if any."""
    by_step = {rule.step: rule for rule in rules}
    steps = []
    for default in DEFAULT_STEPS:
        rule = by_step.get(default.step)
        if rule is None:
            steps.append(default)
        elif rule.enabled:
            steps.append(Step(WarningStep(rule.step), rule.offset_days, tuple(rule.recipients)))
    return Ladder(tuple(steps))


def check_order(ladder: Ladder) -> None:
    """Offsets must rise with severity, or a later step would be reached before an earlier one."""
    offsets = [s.offset_days for s in ladder.steps]
    if offsets != sorted(set(offsets)) or len(set(offsets)) != len(offsets):
        raise ValidationError(
            _("Each step must come later than the one before it (green, then yellow, then red)."), code="order"
        )


def ladder_for_term(term) -> Ladder:
    return build_ladder(term.warning_rules.all())


def ladders_for_terms(term_ids: Iterable[int]) -> dict[int, Ladder]:
    """Every term's ladder in one query."""
    from xuncha.supervision.models import WarningRule

    rules: dict[int, list] = {term_id: [] for term_id in term_ids}
    for rule in WarningRule.objects.filter(term_id__in=list(rules)):
        rules[rule.term_id].append(rule)
    return {term_id: build_ladder(term_rules) for term_id, term_rules in rules.items()}
