"""The one rule of a measure's deadline state: done, open, overdue and due soon.

Each rule is a query expression and its Python twin, side by side, and a test
(`tests/rectification/test_deadlines.py`) checks that they agree on every combination of
status, sign-off, deadline and archiving. The board, the ledger, the dashboard and its tallies,
the figures, the warning ladder and the supervision letters all ask this module.

* **done**: reported done or ongoing *and* signed off (销号). Nothing less closes a measure: a
  measure reported done and waiting for sign-off is still open, so one whose deadline passed
  while it waited is overdue on the dashboard *and* may be pressed with a 告诫书.
* **open**: not done, not archived, and with a stated status. A measure imported from a
  published report that states no status for it ("not stated", seed 001) is neither done nor
  open: nobody knows whether it is finished, so it is never overdue, never due soon, never
  warned about and never pressed for by a letter; its first progress report states it.
* **overdue** on a day: open, with a deadline before that day (the deadline day itself is not
  overdue; an ongoing measure without a deadline never is).
* **due soon** on a day: open, with a deadline from that day to `DUE_SOON_DAYS` later (the
  ladder's first step comes 20 days before a deadline).

`approved` says how a row tells that it was signed off: a measure by its sign-off field, a
tally row (`MeasureTally`) by its `approved` flag. `prefix` reaches a measure through a
relation (``"measure__"``).
"""

from datetime import date, timedelta

from django.db.models import Q

from xuncha.rectification.enums import MeasureStatus, PlanStatus, SignOff

DUE_SOON_DAYS = 20

APPROVED = Q(sign_off=SignOff.APPROVED)


def _p(prefix: str, **lookups) -> Q:
    return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})


def done_q(*, approved: Q | None = None, prefix: str = "") -> Q:
    if approved is None:
        approved = _p(prefix, sign_off=SignOff.APPROVED)
    return _p(prefix, status__in=sorted(MeasureStatus.sign_off_states())) & approved


def is_done(measure) -> bool:
    return measure.status in MeasureStatus.sign_off_states() and measure.sign_off == SignOff.APPROVED


def not_stated_q(*, prefix: str = "") -> Q:
    return _p(prefix, status=MeasureStatus.NOT_STATED)


def is_not_stated(measure) -> bool:
    return measure.status == MeasureStatus.NOT_STATED


def open_q(*, approved: Q | None = None, prefix: str = "", archived: bool = True) -> Q:
    """Not done and with a stated status; with `archived` (measures), not archived either
    (tally rows hold only active measures and have no archive field)."""
    q = ~done_q(approved=approved, prefix=prefix) & ~not_stated_q(prefix=prefix)
    if archived:
        q &= _p(prefix, archived_at__isnull=True)
    return q


def is_open(measure) -> bool:
    return measure.archived_at is None and not is_done(measure) and not is_not_stated(measure)


def overdue_q(*, today: date, approved: Q | None = None, prefix: str = "", archived: bool = True) -> Q:
    return _p(prefix, deadline__lt=today) & open_q(approved=approved, prefix=prefix, archived=archived)


def is_overdue(measure, *, today: date) -> bool:
    return is_open(measure) and measure.deadline is not None and measure.deadline < today


def due_soon_q(*, today: date, days: int = DUE_SOON_DAYS, prefix: str = "") -> Q:
    return _p(prefix, deadline__gte=today, deadline__lte=today + timedelta(days=days)) & open_q(prefix=prefix)


def is_due_soon(measure, *, today: date, days: int = DUE_SOON_DAYS) -> bool:
    if not is_open(measure) or measure.deadline is None:
        return False
    return today <= measure.deadline <= today + timedelta(days=days)


def warned_q(prefix: str = "") -> Q:
    """Measures the warning ladder watches: open, with a deadline, in an approved plan that is
    not archived, of an inspection that is not archived. A draft plan's deadlines are proposals,
    not commitments, so nobody is warned about them; they still count as overdue in figures."""
    return (
        open_q(prefix=prefix)
        & _p(prefix, deadline__isnull=False)
        & _p(prefix, plan__status=PlanStatus.APPROVED, plan__archived_at__isnull=True)
        & _p(prefix, plan__inspection__archived_at__isnull=True)
    )
