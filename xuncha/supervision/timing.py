"""When each kind of supervision document may be sent.

* a reminder (提醒书) only before a deadline: every linked measure is open and its deadline has
  not passed (the deadline day itself still counts as before); with no measure linked, it
  reminds of the plan, which must be unfiled and not yet due;
* a warning letter (告诫书) only once overdue: every linked measure is open and past its
  deadline; with no measure linked, the plan must be past its due date and still unfiled;
* a supervision notice (督办通知书) and an accountability letter (问责书) may be sent any time.
A measure that is signed off (done, `rectification.deadlines`) is pressed for by no document; one
reported done that still waits for sign-off is open, and past its deadline it is overdue. A
measure imported with no stated status ("not stated") is neither: nobody knows whether it is
late, so no reminder or warning letter names it until a progress report states its status.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xuncha.rectification.deadlines import is_not_stated, is_open, is_overdue
from xuncha.rectification.enums import PlanStatus
from xuncha.supervision.enums import DocumentKind

FILED = {PlanStatus.SUBMITTED, PlanStatus.APPROVED}


def _measure_refusal(kind: str, measure, *, on: date) -> ValidationError | None:
    params = {"number": measure.number, "deadline": measure.deadline.isoformat() if measure.deadline else ""}
    if is_not_stated(measure):
        return ValidationError(
            _(
                "Measure %(number)s was imported from a report that does not state its status; "
                "a reminder or warning letter is sent only once a progress report states it."
            ),
            code="status_not_stated",
            params=params,
        )
    if measure.deadline is None:
        return ValidationError(_("Measure %(number)s has no deadline."), code="no_deadline", params=params)
    if not is_open(measure):
        return ValidationError(
            _("Measure %(number)s is signed off; there is nothing to press for."),
            code="measure_closed",
            params=params,
        )
    if kind == DocumentKind.REMINDER and is_overdue(measure, today=on):
        return ValidationError(
            _("A reminder is sent only before the deadline; measure %(number)s was due on %(deadline)s."),
            code="reminder_after_deadline",
            params=params,
        )
    if kind == DocumentKind.WARNING_LETTER and not is_overdue(measure, today=on):
        return ValidationError(
            _("A warning letter is sent only once the deadline has passed; measure %(number)s is due on %(deadline)s."),
            code="warning_before_deadline",
            params=params,
        )
    return None


def _plan_refusal(kind: str, *, inspection, plan, on: date) -> ValidationError | None:
    due = inspection.plan_due_on
    filed = plan is not None and plan.status in FILED
    params = {"due": due.isoformat() if due else ""}
    if due is None:
        return ValidationError(
            _("Link the measures concerned: the plan has no due date to refer to."), code="no_deadline"
        )
    if kind == DocumentKind.REMINDER and (filed or on > due):
        return ValidationError(
            _("A reminder about the plan is sent only while it is unfiled and not yet due (due on %(due)s)."),
            code="reminder_after_deadline",
            params=params,
        )
    if kind == DocumentKind.WARNING_LETTER and (filed or on <= due):
        return ValidationError(
            _("A warning letter about the plan is sent only once it is overdue (due on %(due)s) and still unfiled."),
            code="warning_before_deadline",
            params=params,
        )
    return None


def check_kind(kind: str, *, inspection, plan, measures, on: date) -> None:
    """Refuse a reminder after, or a warning letter before, the deadline (see the module docstring)."""
    if kind not in (DocumentKind.REMINDER, DocumentKind.WARNING_LETTER):
        return
    if measures:
        errors = [e for m in measures if (e := _measure_refusal(kind, m, on=on)) is not None]
    else:
        errors = [e for e in [_plan_refusal(kind, inspection=inspection, plan=plan, on=on)] if e is not None]
    if errors:
        raise ValidationError(errors)
