"""Joint review (三方联审): the discipline commission and the organisation department review a
rectification plan, and where the term says so a measure's sign-off request (销号), with the
office (DOMAIN.md, seed 003).

Whether a plan or a request goes to joint review is the office's setting per term and inspection
kind (`Term.joint_review_plans`, `Term.joint_review_sign_offs`), never the inspected side's
choice. It is read when a plan is started, again at each submission, and when sign-off is
requested, and stored on the record (`Plan.joint_review`, `Measure.joint_review`): a review under
way keeps the rule it was sent under when the setting changes later; a plan not yet submitted
follows the new setting (`follow_term_setting`).

Each body approves or returns with a reason (`JointReviewDecision`). The office approves the plan
(or signs the measure off) once both bodies have approved; a return by a body sends the plan or
the request back to the inspected side as the office's own return does, and ends the round: the
round's decisions are kept, marked superseded, and the next submission is reviewed afresh.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.rectification.enums import JointDecision, MeasureStatus, PlanStatus, ReviewerBody, SignOff
from xuncha.rectification.models import JointReviewDecision, Measure, Plan, SignOffEvent
from xuncha.workflow.actions import check


def plan_applies(plan: Plan) -> bool:
    """The term's setting for the plan's inspection kind."""
    inspection = plan.inspection
    return inspection.term.joint_review_applies(inspection.kind)


def sign_off_applies(measure: Measure) -> bool:
    inspection = measure.plan.inspection
    return inspection.term.joint_review_applies(inspection.kind, sign_off=True)


def _current(obj):
    """The decisions of the round under way on a plan or on a measure's sign-off request."""
    if isinstance(obj, Measure):
        return JointReviewDecision.objects.filter(measure=obj, superseded_at__isnull=True)
    return JointReviewDecision.objects.filter(plan=obj, measure__isnull=True, superseded_at__isnull=True)


def pending_bodies(obj) -> set[str]:
    """The bodies whose approval a plan (or a measure's sign-off request) under joint review
    still needs; empty when it is not under joint review."""
    if not obj.joint_review:
        return set()
    approved = _current(obj).filter(decision=JointDecision.APPROVED).values_list("body", flat=True)
    return set(ReviewerBody.values) - set(approved)


def pending_labels(obj) -> list[str]:
    return [str(ReviewerBody(body).label) for body in sorted(pending_bodies(obj))]


def decisions(obj):
    """Every decision on a plan (its own review) or a measure (its sign-offs), earlier rounds
    included, oldest first, for the record's page."""
    if isinstance(obj, Measure):
        rows = JointReviewDecision.objects.filter(measure=obj)
    else:
        rows = JointReviewDecision.objects.filter(plan=obj, measure__isnull=True)
    return rows.select_related("decided_by").order_by("decided_at", "pk")


def end_round(obj, *, at: datetime | None = None) -> int:
    """Close the round under way (a return, a new submission or request, a reopening)."""
    return _current(obj).update(superseded_at=at or timezone.now())


def follow_term_setting(term) -> int:
    """After the term's setting changed: its plans not yet submitted (drafts, returned plans)
    follow it; submitted and approved plans keep the review they were sent to."""
    changed = 0
    for plan in Plan.objects.filter(inspection__term=term, status__in=PlanStatus.editable_states()).select_related(
        "inspection"
    ):
        wanted = term.joint_review_applies(plan.inspection.kind)
        if plan.joint_review != wanted:
            plan.joint_review = wanted
            plan.save(update_fields=["joint_review"])
            changed += 1
    return changed


def _body(by, inspection, body: str | None) -> str:
    from xuncha.rectification.rules import reviewer_body

    body = body or (reviewer_body(by, inspection) if getattr(by, "pk", None) else None)
    if body not in ReviewerBody.values:
        raise ValidationError(_("Only the discipline commission or the organisation department reviews jointly."))
    return body


def _reason(reason: str, message: str) -> str:
    if not (reason or "").strip():
        raise ValidationError({"reason": message})
    return reason.strip()


def sign_plan(plan: Plan, *, by, body: str | None = None, at: datetime | None = None) -> JointReviewDecision:
    """A reviewing body approves the plan submitted (plan.sign)."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).select_related("inspection__term").get(pk=plan.pk)
        check("plan.sign", by, locked)
        body = _body(by, locked.inspection, body)
        if body not in pending_bodies(locked):
            raise ValidationError(_("This body has already decided."))
        decision = JointReviewDecision.objects.create(
            plan=locked, body=body, decided_by=by, decided_at=at or timezone.now()
        )
        record_event("rectification.plan.joint_signed", actor=by, obj=locked, data={"body": body})
        return decision


def return_plan(plan: Plan, *, by, reason: str, body: str | None = None) -> Plan:
    """A reviewing body returns the plan submitted, with a reason (plan.return_joint): the plan goes
    back to the inspected organisation as the office's return sends it, and the round ends."""
    reason = _reason(reason, _("Say why the plan is returned."))
    with transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).select_related("inspection__term").get(pk=plan.pk)
        check("plan.return_joint", by, locked)
        body = _body(by, locked.inspection, body)
        if body not in pending_bodies(locked):
            raise ValidationError(_("This body has already decided."))
        now = timezone.now()
        JointReviewDecision.objects.create(
            plan=locked, body=body, decision=JointDecision.RETURNED, reason=reason, decided_by=by, decided_at=now
        )
        end_round(locked, at=now)
        locked.status, locked.return_reason = PlanStatus.RETURNED, reason
        locked.version += 1
        locked.save()
        record_event("rectification.plan.joint_returned", actor=by, obj=locked, data={"body": body})
        return locked


def _locked_measure(measure: Measure) -> Measure:
    return Measure.objects.select_for_update(of=("self",)).select_related("plan__inspection__term").get(pk=measure.pk)


def sign_sign_off(measure: Measure, *, by, body: str | None = None, at: datetime | None = None) -> JointReviewDecision:
    """A reviewing body approves a measure's sign-off request (measure.sign_joint)."""
    with transaction.atomic():
        locked = _locked_measure(measure)
        check("measure.sign_joint", by, locked)
        body = _body(by, locked.plan.inspection, body)
        if body not in pending_bodies(locked):
            raise ValidationError(_("This body has already decided."))
        decision = JointReviewDecision.objects.create(
            plan=locked.plan, measure=locked, body=body, decided_by=by, decided_at=at or timezone.now()
        )
        record_event("rectification.measure.joint_signed", actor=by, obj=locked, data={"body": body})
        return decision


def return_sign_off(measure: Measure, *, by, reason: str, body: str | None = None) -> Measure:
    """A reviewing body returns a sign-off request with a reason (measure.return_joint): as the
    office's return, the measure goes back to in progress and the request's round ends."""
    reason = _reason(reason, _("Say why the sign-off is returned."))
    with transaction.atomic():
        locked = _locked_measure(measure)
        check("measure.return_joint", by, locked)
        body = _body(by, locked.plan.inspection, body)
        if body not in pending_bodies(locked):
            raise ValidationError(_("This body has already decided."))
        now = timezone.now()
        JointReviewDecision.objects.create(
            plan=locked.plan,
            measure=locked,
            body=body,
            decision=JointDecision.RETURNED,
            reason=reason,
            decided_by=by,
            decided_at=now,
        )
        end_round(locked, at=now)
        locked.sign_off, locked.status = SignOff.RETURNED, MeasureStatus.IN_PROGRESS
        locked.version += 1
        locked.save(update_fields=["sign_off", "status", "version"])
        tallies.measure_saved(locked)
        SignOffEvent.objects.create(measure=locked, action=SignOffEvent.Action.RETURN, reason=reason, by=by)
        record_event("rectification.measure.joint_returned", actor=by, obj=locked, data={"body": body})
        return locked
