"""The rectification workflow's steps, each declared once (see `xuncha.workflow.actions`).

Guards read the object they are given; the domain functions pass the row they locked, views
the row they loaded. Messages are the refusals a user reads when a step is not open.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.rectification import deadlines
from xuncha.rectification.enums import ChangeStatus, MeasureStatus, PlanStatus, SignOff
from xuncha.rectification.rules import is_office_for, may_edit_plan, may_report, reviewer_body
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare, unless

PLAN, MEASURE, FLAG, PROBLEM, CHANGE = (
    "rectification.Plan",
    "rectification.Measure",
    "rectification.Flag",
    "findings.Problem",
    "rectification.MeasureChange",
)
OFFICE, LIAISON, UNIT = Role.OFFICE.value, Role.LIAISON.value, Role.RESPONSIBLE_UNIT.value
# a submitted plan or a sign-off request: the office, and under joint review (三方联审) the
# reviewing bodies who must still decide (handoff tells only those offered a step)
REVIEWERS = (OFFICE, *sorted(Role.reviewers()))


def _plan_editable(plan) -> str | None:
    return unless(
        plan.status in PlanStatus.editable_states(),
        gettext("The plan has been submitted; it can be changed only after it is returned."),
    )


def _plan_submitted(plan) -> str | None:
    return unless(plan.status == PlanStatus.SUBMITTED, gettext("Only a submitted plan can be reviewed."))


def _jr():
    from xuncha.rectification import jointreview

    return jointreview


def _plan_approvable(plan) -> str | None:
    return _plan_submitted(plan)


def _joint_complete(obj) -> bool:
    """Under joint review the office decides only with both reviewing bodies' approval: their
    consent is part of who may approve, so the step is not offered to the office before it (the
    page and the API say which body is still to decide). The system (imports) is not asked."""
    return not _jr().pending_bodies(obj)


def _plan_signable(plan) -> str | None:
    if not plan.joint_review:
        return gettext("This plan is not under joint review.")
    return _plan_submitted(plan)


def _may_decide_jointly(user, obj) -> bool:
    """A reviewing body of the inspection's committee whose decision the round still needs."""
    inspection = obj.inspection if obj._meta.model_name == "plan" else obj.plan.inspection
    body = reviewer_body(user, inspection)
    return body is not None and body in _jr().pending_bodies(obj)


def open_flags(measure):
    """Red cards standing on the measure or on any problem it serves."""
    from xuncha.rectification.models import Flag

    return Flag.objects.filter(cleared_at__isnull=True).filter(
        Q(measure=measure) | Q(problem__in=measure.problems.all())
    )


def _plan_approved(measure) -> str | None:
    approved = measure.plan.status == PlanStatus.APPROVED
    return unless(approved, gettext("Progress is reported once the plan is approved."))


def _progress(measure) -> str | None:
    if (why := _plan_approved(measure)) is not None:
        return why
    if measure.sign_off == SignOff.REQUESTED:
        return gettext("Sign-off has been requested; wait for the office's decision.")
    return unless(not deadlines.is_done(measure), gettext("This measure has been signed off."))


def _red_card(measure) -> str | None:
    return unless(
        not open_flags(measure).exists(),
        gettext("A red card stands on this measure or its problem; the office must clear it first."),
    )


def _requestable(measure) -> str | None:
    if measure.status not in MeasureStatus.sign_off_states():
        return gettext("Only a done or ongoing measure can be signed off.")
    if measure.sign_off in (SignOff.REQUESTED, SignOff.APPROVED):
        return gettext("Sign-off has already been requested or given.")
    return _red_card(measure)


def _sign_off_requested(measure) -> str | None:
    return unless(measure.sign_off == SignOff.REQUESTED, gettext("No sign-off has been requested."))


def _approvable(measure) -> str | None:
    return _sign_off_requested(measure) or _red_card(measure)


def _jointly_reviewable(measure) -> str | None:
    if (why := _sign_off_requested(measure)) is not None:
        return why
    return unless(measure.joint_review, gettext("This sign-off request is not under joint review."))


def _jointly_approvable(measure) -> str | None:
    return _jointly_reviewable(measure) or _red_card(measure)


def _changeable(measure) -> str | None:
    if measure.plan.status != PlanStatus.APPROVED:
        return gettext("Before the plan is approved, edit the measure itself.")
    if measure.archived_at is not None or deadlines.is_done(measure):  # a not-stated measure may change
        return gettext("This measure has been signed off.")
    return unless(
        not measure.changes.filter(status=ChangeStatus.PENDING).exists(),
        gettext("A change of this measure is already awaiting a decision."),
    )


def _pending(change) -> str | None:
    return unless(change.status == ChangeStatus.PENDING, gettext("This request has already been decided."))


def _may_decide(user, change) -> bool:
    """The office decides; under joint review the plan's reviewers may too."""
    plan = change.measure.plan
    return is_office_for(user, plan.inspection) or (plan.joint_review and reviewer_body(user, plan.inspection))


def _office_or_reviewer(user, measure) -> bool:
    from xuncha.rectification.rules import is_reviewer_for

    return is_office_for(user, measure.plan.inspection) or is_reviewer_for(user, measure.plan.inspection)


def _d():
    from xuncha.rectification import domain

    return domain


def _add_measure(plan, by, data):
    data = dict(data)
    return _d().add_measure(plan, by=by, problems=data.pop("problems"), units=data.pop("units", ()), **data)


def _edit(measure, by, data):
    data = dict(data)
    problems, units = data.pop("problems", None), data.pop("units", None)
    return _d().update_measure(
        measure, by=by, expected_version=data.pop("version", None) or 0, problems=problems, units=units, **data
    )


def _progress_step(measure, by, data):
    return _d().post_progress(
        measure,
        by=by,
        text=data.get("text", ""),
        status=data.get("status") or measure.status,
        reading=data.get("reading"),
        evidence=data.get("evidence", ()),
    )


def _regulation(measure, by, data):
    return _d().record_regulation(
        measure,
        by=by,
        title=data.get("title", ""),
        issuer=data.get("issuer", ""),
        issued_on=data.get("issued_on"),
        file=data.get("file"),
    )


def _request_change(measure, by, data):
    data = dict(data)
    return _d().request_change(measure, by=by, reason=data.pop("reason", ""), **data)


# plans
declare(Action(
    "plan.submit", _("Submit for review"), PLAN, _plan_editable, may_edit_plan,
    "rectification.plan.submitted", next_actor=REVIEWERS,
    perform=lambda o, by, d: _d().submit_plan(o, by=by),
))
declare(Action(
    "plan.add_measure", _("Add measure"), PLAN, _plan_editable, may_edit_plan, "rectification.measure.added",
    perform=_add_measure,
))
declare(Action(
    "plan.approve", _("Approve"), PLAN, _plan_approvable,
    lambda u, p: is_office_for(u, p.inspection) and _joint_complete(p),
    "rectification.plan.approved", next_actor=LIAISON,
    perform=lambda o, by, d: _d().approve_plan(o, by=by),
))
declare(Action(
    "plan.return", _("Return"), PLAN, _plan_submitted, lambda u, p: is_office_for(u, p.inspection),
    "rectification.plan.returned", next_actor=LIAISON, requires=("reason",), style="secondary",
    perform=lambda o, by, d: _d().return_plan(o, by=by, reason=d.get("reason", "")),
))
declare(Action(
    "plan.sign", _("Approve in the joint review"), PLAN, _plan_signable, _may_decide_jointly,
    "rectification.plan.joint_signed", next_actor=OFFICE,
    perform=lambda o, by, d: _jr().sign_plan(o, by=by),
))
declare(Action(
    "plan.return_joint", _("Return in the joint review"), PLAN, _plan_signable, _may_decide_jointly,
    "rectification.plan.joint_returned", next_actor=LIAISON, requires=("reason",), style="secondary",
    perform=lambda o, by, d: _jr().return_plan(o, by=by, reason=d.get("reason", "")),
))

# measures
def _editable_measure(measure) -> str | None:
    if deadlines.is_done(measure):
        return gettext("This measure has been signed off.")
    return unless(
        measure.plan.status != PlanStatus.SUBMITTED,
        gettext("The plan has been submitted; it can be changed only after it is returned."),
    )


def _may_edit(user, measure) -> bool:
    """Before approval whoever drafts the plan; after it only the office, whose edit is an
    approved change at once (the rectifying side requests one instead)."""
    if measure.plan.status == PlanStatus.APPROVED:
        return is_office_for(user, measure.plan.inspection)
    return may_edit_plan(user, measure.plan)


declare(Action(
    "measure.edit", _("Save"), MEASURE, _editable_measure, _may_edit, "rectification.measure.updated",
    perform=_edit,
))
declare(Action(
    "measure.progress", _("Report progress"), MEASURE, _progress, may_report,
    "rectification.measure.progress", requires=("text",),
    perform=_progress_step,
))
declare(Action(
    "measure.request_sign_off", _("Request sign-off"), MEASURE, _requestable, may_report,
    "rectification.measure.sign_off_requested", next_actor=REVIEWERS,  # the reviewers under joint review
    next_steps=("measure.approve_sign_off", "measure.return_sign_off", "measure.sign_joint", "measure.return_joint"),
    perform=lambda o, by, d: _d().request_sign_off(o, by=by),
))
declare(Action(
    "measure.approve_sign_off", _("Sign off"), MEASURE, _approvable,
    lambda u, m: is_office_for(u, m.plan.inspection) and _joint_complete(m),
    "rectification.measure.signed_off", next_actor=UNIT,
    perform=lambda o, by, d: _d().approve_sign_off(o, by=by),
))
declare(Action(
    "measure.return_sign_off", _("Return"), MEASURE, _sign_off_requested,
    lambda u, m: is_office_for(u, m.plan.inspection), "rectification.measure.sign_off_returned",
    next_actor=UNIT, requires=("reason",), style="secondary",
    perform=lambda o, by, d: _d().return_sign_off(o, by=by, reason=d.get("reason", "")),
))
declare(Action(
    "measure.sign_joint", _("Approve the sign-off in the joint review"), MEASURE, _jointly_approvable,
    _may_decide_jointly, "rectification.measure.joint_signed", next_actor=OFFICE,
    perform=lambda o, by, d: _jr().sign_sign_off(o, by=by),
))
declare(Action(
    "measure.return_joint", _("Return the sign-off in the joint review"), MEASURE, _jointly_reviewable,
    _may_decide_jointly, "rectification.measure.joint_returned", next_actor=UNIT, requires=("reason",),
    style="secondary",
    perform=lambda o, by, d: _jr().return_sign_off(o, by=by, reason=d.get("reason", "")),
))
declare(Action(
    "measure.flag", _("Raise a red card"), MEASURE, lambda m: None, _office_or_reviewer,
    "rectification.flag.raised", next_actor=OFFICE, requires=("reason",), style="danger",
    perform=lambda o, by, d: _d().raise_flag(by=by, kind=d.get("kind", ""), reason=d.get("reason", ""), measure=o),
))
declare(Action(
    "measure.regulation", _("Record a regulation"), MEASURE, lambda m: None,
    lambda u, m: may_report(u, m) or is_office_for(u, m.plan.inspection), "rectification.regulation.recorded",
    style="secondary",
    perform=_regulation,
))
declare(Action(
    "measure.request_change", _("Request a change of commitment"), MEASURE, _changeable,
    lambda u, m: may_report(u, m) or is_office_for(u, m.plan.inspection),
    "rectification.measure.change_requested", next_actor=OFFICE, requires=("reason",), style="secondary",
    perform=_request_change,
))

# decisions on other objects
declare(Action(
    "change.approve", _("Approve the change"), CHANGE, _pending, _may_decide,
    "rectification.measure.change_approved", next_actor="requester",
    perform=lambda o, by, d: _d().approve_change(o, by=by),
))
declare(Action(
    "change.refuse", _("Refuse the change"), CHANGE, _pending, _may_decide,
    "rectification.measure.change_refused", next_actor="requester", requires=("reason",), style="secondary",
    perform=lambda o, by, d: _d().refuse_change(o, by=by, reason=d.get("reason", "")),
))
declare(Action(
    "flag.clear", _("Clear the red card"), FLAG,
    lambda f: unless(f.cleared_at is None, gettext("This red card has already been cleared.")),
    lambda u, f: is_office_for(u, (f.measure.plan if f.measure_id else f.problem).inspection),
    "rectification.flag.cleared", requires=("reason",),
    perform=lambda o, by, d: _d().clear_flag(o, by=by, reason=d.get("reason", "")),
))


def _reopenable(problem) -> str | None:
    from xuncha.rectification.enums import ProblemStatus
    from xuncha.rectification.status import problem_status

    return unless(
        problem_status(problem) == ProblemStatus.DONE,
        gettext("Only a problem whose rectification is done can be reopened."),
    )


declare(Action(
    "problem.reopen", _("Reopen (rebound)"), PROBLEM, _reopenable, lambda u, p: is_office_for(u, p.inspection),
    "rectification.problem.reopened", next_actor=UNIT, requires=("reason",), style="danger",
    perform=lambda o, by, d: _d().reopen_problem(o, by=by, reason=d.get("reason", "")),
))

# where a hand-off leads (xuncha.workflow.handoff)
handoff.page(PLAN, lambda p: reverse("rectification:plan", args=[p.pk]), name=str)
handoff.page(MEASURE, lambda m: reverse("rectification:measure", args=[m.pk]))
handoff.page(CHANGE, lambda c: reverse("rectification:measure", args=[c.measure_id]))
handoff.page(PROBLEM, lambda p: reverse("rectification:problem", args=[p.pk]))
handoff.page(
    FLAG,
    lambda f: reverse("rectification:measure", args=[f.measure_id])
    if f.measure_id
    else reverse("rectification:problem", args=[f.problem_id]),
)
