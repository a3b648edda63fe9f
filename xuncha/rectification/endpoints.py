"""The rectification loop through the API: plans, measures and change requests (see
`xuncha.restapi.exposure`), with the steps that take more than a step schema: starting a plan,
adding a measure, the PATCH edit (409 on a stale version) and progress with evidence files."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile

from xuncha.accounts.permissions import get_for_user_or_404
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions


class PlanOut(Schema):
    id: int
    inspection_id: int
    organisation_id: int
    status: str
    joint_review: bool  # the term's setting for the inspection's kind (三方联审), read at submission
    joint_pending: list[str]  # the reviewing bodies whose approval the submitted plan still needs
    submitted_on: date | None
    approved_on: date | None
    return_reason: str
    version: int
    actions: list[str]


class MeasureOut(Schema):
    id: int
    plan_id: int
    number: int
    problems: list[int]
    target: str
    content: str
    leader: str
    responsible_person: str
    lead_unit_id: int | None
    units: list[int]
    deadline: date | None
    ongoing: bool
    stage_target: str
    standard: str
    status: str
    sign_off: str
    joint_review: bool  # the sign-off request goes to joint review (the term's setting)
    joint_pending: list[str]
    version: int
    actions: list[str]


class ChangeOut(Schema):
    id: int
    measure_id: int
    proposed: dict
    previous: dict
    reason: str
    status: str
    extends_deadline: bool
    decision_reason: str
    actions: list[str]


class MeasureIn(Schema):
    problems: list[int]
    target: str = ""
    content: str = ""
    leader: str = ""
    responsible_person: str = ""
    lead_unit: int | None = None
    units: list[int] = []
    deadline: date | None = None
    ongoing: bool = False
    stage_target: str = ""
    standard: str = ""


class MeasureEditIn(Schema):
    version: int
    target: str | None = None
    content: str | None = None
    leader: str | None = None
    responsible_person: str | None = None
    deadline: date | None = None
    ongoing: bool | None = None
    stage_target: str | None = None
    standard: str | None = None
    reason: str = ""


class FlagOut(Schema):
    id: int
    measure_id: int | None
    problem_id: int | None
    kind: str
    reason: str
    raised_at: datetime
    cleared_at: datetime | None
    clear_reason: str
    actions: list[str]


def _flags(user):
    from xuncha.accounts.permissions import restrict
    from xuncha.rectification.models import Flag

    return restrict(Flag.objects.all(), user)


def _flag_out(request, flag):
    return {**fields_of(flag, FlagOut), "actions": offered_names(request, flag, "rectification.Flag")}


def _plans(user):
    from xuncha.rectification.queries import plans_for_user

    return plans_for_user(user)


def _measures(user):
    from xuncha.rectification.queries import measures_for_user

    return measures_for_user(user).prefetch_related("problems", "units")


def _changes(user):
    from xuncha.accounts.permissions import restrict
    from xuncha.rectification.models import MeasureChange

    return restrict(MeasureChange.objects.select_related("measure__plan__inspection__term__owner"), user)


def _joint_pending(obj) -> list[str]:
    from xuncha.rectification import jointreview
    from xuncha.workflow.actions import get

    step = "plan.return" if obj._meta.model_name == "plan" else "measure.return_sign_off"
    return sorted(jointreview.pending_bodies(obj)) if get(step).refusal(obj) is None else []


def _plan_out(request, plan):
    return {**{f: getattr(plan, f) for f in PlanOut.model_fields if f not in {"actions", "joint_pending"}},
            "joint_pending": _joint_pending(plan),
            "actions": offered_names(request, plan, "rectification.Plan")}


def _measure_out(request, measure):
    skip = {"actions", "problems", "units", "joint_pending"}
    data = {f: getattr(measure, f) for f in MeasureOut.model_fields if f not in skip}
    data["joint_pending"] = _joint_pending(measure)
    data["problems"] = [p.pk for p in measure.problems.all()]
    data["units"] = [u.pk for u in measure.units.all()]
    data["actions"] = offered_names(request, measure, "rectification.Measure")
    return data


def _change_out(request, change):
    data = {f: getattr(change, f) for f in ChangeOut.model_fields if f != "actions"}
    data["actions"] = offered_names(request, change, "rectification.MeasureChange")
    return data


@api.post("/inspections/{inspection_id}/plans", response={201: PlanOut}, operation_id="start_plan")
def start_plan(request, inspection_id: int, organisation: int):
    """Start an organisation's plan; whether it goes to joint review is the term's setting."""
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.rectification import domain
    from xuncha.rectification.rules import plan_startable_organisations

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=inspection_id)
    org = plan_startable_organisations(request.user, inspection).filter(pk=organisation).first()
    if org is None:
        raise Http404
    plan = domain.start_plan(inspection, by=request.user, organisation=org)
    return Status(201, _plan_out(request, plan))


@api.post("/plans/{plan_id}/measures", response={201: MeasureOut}, operation_id="plan_add_measure")
def add_measure(request, plan_id: int, payload: MeasureIn):
    from xuncha.orgs.queries import organisations_for_user
    from xuncha.rectification.queries import inspection_problems

    plan = get_for_user_or_404(_plans(request.user), request.user, pk=plan_id)
    data = payload.model_dump()
    problems = list(inspection_problems(request.user, plan.inspection).filter(pk__in=data.pop("problems")))
    orgs = organisations_for_user(request.user).filter(path__startswith=plan.organisation.path)
    lead = data.pop("lead_unit")
    data["lead_unit"] = orgs.filter(pk=lead).first() if lead else None
    if lead and data["lead_unit"] is None:
        raise ValidationError("Unknown lead unit.")
    data["units"] = list(orgs.filter(pk__in=data.pop("units")))
    measure = actions.take("plan.add_measure", plan, by=request.user, data={**data, "problems": problems})
    return Status(201, _measure_out(request, _measures(request.user).get(pk=measure.pk)))


@api.patch("/measures/{object_id}", response=MeasureOut, operation_id="measure_edit")
def edit_measure(request, object_id: int, payload: MeasureEditIn):
    """Edit the five points (before approval; after it only the office). 409 on a stale version."""
    measure = get_for_user_or_404(_measures(request.user), request.user, pk=object_id)
    data = {k: v for k, v in payload.model_dump().items() if v is not None}
    actions.take("measure.edit", measure, by=request.user, data=data)
    return _measure_out(request, _measures(request.user).get(pk=measure.pk))


@api.post("/measures/{measure_id}/progress", response=MeasureOut, operation_id="measure_progress")
def measure_progress(
    request,
    measure_id: int,
    text: Form[str],
    status: Form[str] = "",
    reading: Form[Decimal | None] = None,
    evidence: File[list[UploadedFile]] = None,
):
    """Report progress, with evidence files (multipart), as the page does."""
    from xuncha.files.domain import store_upload

    measure = get_for_user_or_404(_measures(request.user), request.user, pk=measure_id)
    if not actions.get("measure.progress").allowed(request.user, measure):
        raise PermissionDenied
    files = [store_upload(f, by=request.user) for f in (evidence or [])]  # checked by content
    data = {"text": text, "status": status, "reading": reading, "evidence": files}
    actions.take("measure.progress", measure, by=request.user, data=data)
    return _measure_out(request, _measures(request.user).get(pk=measure.pk))


def _step_data(action, request, data: dict) -> dict:
    """The API's step input as the performer takes it (a change request takes only its values)."""
    if action.name == "measure.request_change":
        return {k: v for k, v in data.items() if k in {"reason", "deadline", "target", "standard"}}
    return data


expose(Exposed("rectification.Plan", "plans", _plans, PlanOut, _plan_out, step_data=_step_data,
               own_endpoints=frozenset({"add_measure"})))
expose(Exposed("rectification.Measure", "measures", _measures, MeasureOut, _measure_out, step_data=_step_data,
               own_endpoints=frozenset({"edit", "progress"})))
expose(Exposed("rectification.MeasureChange", "changes", _changes, ChangeOut, _change_out, step_data=_step_data))
expose(Exposed("rectification.Flag", "flags", _flags, FlagOut, _flag_out))
