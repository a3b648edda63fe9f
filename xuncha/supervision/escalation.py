"""Computing the day's warnings (see ladder.py for the semantics of the ladder).

``compute_warnings(today)`` is safe to run again and to run on several workers at once: each
warning is one row under a unique constraint on (measure, step, deadline), created together
with its notifications in one transaction. The loser of a race gets an IntegrityError inside
its savepoint, sends nothing and moves on; e-mails leave only after the winner commits.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, Min, OuterRef
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xuncha.audit.domain import record_event
from xuncha.rectification.deadlines import warned_q
from xuncha.rectification.models import Measure
from xuncha.supervision.enums import WarningStep
from xuncha.supervision.ladder import DEFAULT_LADDER, Step, ladders_for_terms
from xuncha.supervision.models import MeasureWarning, WarningRule
from xuncha.supervision.notifications import notify
from xuncha.supervision.recipients import recipients_for

CHUNK = 500  # ids per IN (…) query, well under SQLite's variable limit


@dataclass
class WarningRun:
    today: date
    examined: int = 0
    already_sent: int = 0
    raised: list[int] = field(default_factory=list)  # ids of the warnings created by this run

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "examined": self.examined,
            "already_sent": self.already_sent,
            "raised": len(self.raised),
        }


def _horizon_days() -> int:
    """How far ahead of a deadline any term's ladder starts: measures due later are not read."""
    earliest = WarningRule.objects.filter(enabled=True).aggregate(m=Min("offset_days"))["m"]
    return max(DEFAULT_LADDER.lead_days, -(earliest or 0))


def _highest_sent(keys: list[tuple[int, date]]) -> dict[tuple[int, date], int]:
    """For each (measure, deadline), the rank of the most severe warning already recorded."""
    highest: dict[tuple[int, date], int] = {}
    ids = sorted({pk for pk, _deadline in keys})
    for start in range(0, len(ids), CHUNK):
        rows = MeasureWarning.objects.filter(measure_id__in=ids[start : start + CHUNK]).values_list(
            "measure_id", "deadline", "step"
        )
        for pk, deadline, step in rows:
            key = (pk, deadline)
            highest[key] = max(highest.get(key, -1), WarningStep(step).rank)
    return highest


def compute_warnings(today: date) -> WarningRun:
    """Raise every warning reached on `today` that has not been raised yet."""
    run = WarningRun(today=today)
    at_top = MeasureWarning.objects.filter(measure=OuterRef("pk"), deadline=OuterRef("deadline"), step=WarningStep.RED)
    candidates = list(
        Measure.objects.filter(warned_q(), deadline__lte=today + timedelta(days=_horizon_days()))
        .exclude(Exists(at_top))  # red is the top of every ladder: nothing more to send for them
        .order_by("pk")
        .values_list("pk", "deadline", "plan__inspection__term_id")
    )
    run.examined = len(candidates)
    ladders = ladders_for_terms({term_id for *_rest, term_id in candidates})
    reached: dict[tuple[int, date], Step] = {}
    for pk, deadline, term_id in candidates:
        step = ladders[term_id].step_on(deadline, today)
        if step is not None:
            reached[(pk, deadline)] = step
    sent = _highest_sent(list(reached))
    for (pk, deadline), step in reached.items():
        if sent.get((pk, deadline), -1) >= step.step.rank:
            run.already_sent += 1
            continue
        warning = raise_warning(pk, step=step, deadline=deadline, today=today)
        if warning is None:
            run.already_sent += 1
        else:
            run.raised.append(warning.pk)
    return run


def raise_warning(measure_id: int, *, step: Step, deadline: date, today: date) -> MeasureWarning | None:
    """Record one warning and notify its recipients, or return None when the measure changed
    since it was read, or a warning at this or a higher step exists (another run got there)."""
    with transaction.atomic():
        measure = (
            Measure.objects.filter(warned_q(), pk=measure_id, deadline=deadline)
            .select_related("plan__organisation", "plan__inspection__term__owner", "lead_unit")
            .first()
        )
        if measure is None:
            return None
        higher = [s for s in WarningStep.ordered() if WarningStep(s).rank >= step.step.rank]
        if MeasureWarning.objects.filter(measure=measure, deadline=deadline, step__in=higher).exists():
            return None
        try:
            with transaction.atomic():
                warning = MeasureWarning.objects.create(
                    measure=measure, step=step.step, deadline=deadline, reached_on=today
                )
        except IntegrityError:
            return None  # a concurrent run recorded it first
        users = recipients_for(measure, step.recipients)
        title, body = warning_text(warning, measure, today=today)
        notify(users, title=title, body=body, url=warning_url(measure), level=step.step.value, warning=warning)
        record_event(
            "supervision.warning.raised",
            obj=warning,
            data={
                "measure": measure.pk,
                "step": step.step.value,
                "deadline": deadline.isoformat(),
                "recipients": [u.pk for u in users],
            },
        )
        return warning


def warning_url(measure) -> str:
    return reverse("supervision:inspection_warnings", args=[measure.plan.inspection_id]) + f"?measure={measure.pk}"


def warning_text(warning: MeasureWarning, measure, *, today: date) -> tuple[str, str]:
    """Title and text of the notification, in the platform's language (it is sent, not shown live)."""
    with translation.override(settings.LANGUAGE_CODE):
        params = {
            "step": WarningStep(warning.step).label,
            "number": measure.number,
            "organisation": measure.plan.organisation.name,
            "deadline": warning.deadline.isoformat(),
        }
        days = (warning.deadline - today).days
        if warning.step == WarningStep.RED or days < 0:
            title = _(
                "%(step)s warning: measure %(number)s of %(organisation)s is overdue; it was due on %(deadline)s."
            )
        elif days == 0:
            title = _("%(step)s warning: measure %(number)s of %(organisation)s is due today (%(deadline)s).")
        else:
            title = ngettext(
                "%(step)s warning: measure %(number)s of %(organisation)s is due on %(deadline)s, in %(days)s day.",
                "%(step)s warning: measure %(number)s of %(organisation)s is due on %(deadline)s, in %(days)s days.",
                days,
            )
        title = title % {**params, "days": days}
        lines = [measure.plan.inspection.title, measure.content]
        if measure.leader:
            lines.append(_("Responsible leader: %(leader)s") % {"leader": measure.leader})
        return title, "\n".join(line for line in lines if line)
