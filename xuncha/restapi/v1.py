"""REST API version 1 (django-ninja; OpenAPI schema at /api/v1/openapi.json).

Built from the declarations, so that it cannot drift from the pages:
* every declared list (`xuncha.lists`) is a GET endpoint with the list's filters as query
  parameters and its columns as the fields of each item, read through the same
  `ListSpec.rows` as the page and its Excel export;
* every declared action (`xuncha.workflow.actions`) of an object the API exposes is a POST
  endpoint `/<objects>/{id}/<verb>`, taken through the same `take` as the page's form;
* details read through the same permission-scoped querysets.
An object out of the caller's scope is 404; a step the caller may not take is 403; a step its
state does not allow, or bad input, is 400 with the reasons; an edit based on a stale version
is 409 with what changed.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import File, Form, NinjaAPI, Query, Schema, Status
from ninja.files import UploadedFile
from pydantic import create_model

from xuncha.accounts.permissions import get_for_user_or_404
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.lists.declarations import REGISTRY as LISTS
from xuncha.restapi.auth import SessionAuth, TokenAuth, TokenRateThrottle
from xuncha.workflow import actions

api = NinjaAPI(
    title="Xuncha API",
    version="v1",
    description="巡察监督综合平台 API. Authenticate with a personal token (`Authorization: Bearer xc_…`).",
    urls_namespace="api_v1",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[TokenRateThrottle()],
    docs_url=None,  # the interactive page would load Swagger UI from a CDN; the schema is at openapi.json
)


def _messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": _messages(exc)}, status=400)


@api.exception_handler(PermissionDenied)
def _refused(request, exc):
    return api.create_response(request, {"detail": "You may not take this step."}, status=403)


@api.exception_handler(Http404)
def _missing(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(ConcurrentEditError)
def _stale(request, exc):
    changes = [{"field": c.field, "label": str(c.label), "theirs": str(c.theirs)} for c in exc.changes]
    return api.create_response(
        request,
        {"detail": "Somebody changed this record since your version.", "version": exc.current.version,
         "changes": changes},
        status=409,
    )


# --- lists ------------------------------------------------------------------------------------

PYTHON_TYPES = {"text": str, "date": date, "number": int}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def _list_endpoint(spec):
    Item = create_model(
        f"{spec.name.title()}Item",
        **{c.name: (PYTHON_TYPES.get(c.kind, str) | None, None) for c in spec.columns},
    )
    Page = create_model(f"{spec.name.title()}Page", count=(int, ...), items=(list[Item], ...))
    Filters = create_model(
        f"{spec.name.title()}Filters",
        **{f.name: (str | None, None) for f in spec.filters},
        limit=(int, 50),
        offset=(int, 0),
    )

    def endpoint(request, filters: Query[Filters]):
        params = {k: v for k, v in filters.model_dump().items() if v is not None and k not in {"limit", "offset"}}
        if bad := spec.invalid(params):
            raise ValidationError([f"Invalid value for filter: {name}" for name in bad])
        limit, offset = max(1, min(filters.limit, 500)), max(0, filters.offset)
        rows = spec.rows(request.user, params)
        page = spec.details(rows)[offset : offset + limit]
        items = [{c.name: _plain(v) for c, v in zip(spec.columns, spec.cells(row), strict=True)} for row in page]
        return {"count": rows.count(), "items": items}

    api.get(
        f"/{spec.name}",
        response=Page,
        operation_id=f"list_{spec.name}",
        summary=f"List {spec.name} (the page's filters; the Excel export's columns)",
    )(endpoint)


def _register_lists():
    for spec in LISTS.values():
        _list_endpoint(spec)


# --- rectification objects ---------------------------------------------------------------------


class PlanOut(Schema):
    id: int
    inspection_id: int
    organisation_id: int
    status: str
    joint_review: bool
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
    lead_unit_id: int | None
    units: list[int]
    deadline: date | None
    ongoing: bool
    stage_target: str
    standard: str
    status: str
    sign_off: str
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


class StepIn(Schema):
    """What a step may need: a reason (returns, refusals, red cards), a red card's kind, a
    regulation's title, issuer and date, a change's proposed values."""

    reason: str = ""
    kind: str | None = None
    title: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    deadline: date | None = None
    target: str | None = None
    standard: str | None = None


class MeasureIn(Schema):
    problems: list[int]
    target: str = ""
    content: str = ""
    leader: str = ""
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
    deadline: date | None = None
    ongoing: bool | None = None
    stage_target: str | None = None
    standard: str | None = None
    reason: str = ""


def _offered(request, obj, model) -> list[str]:
    return sorted(actions.offered(request.user, obj, model))


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


def _plan_out(request, plan):
    return {**{f: getattr(plan, f) for f in PlanOut.model_fields if f != "actions"},
            "actions": _offered(request, plan, "rectification.Plan")}


def _measure_out(request, measure):
    data = {f: getattr(measure, f) for f in MeasureOut.model_fields if f not in {"actions", "problems", "units"}}
    data["problems"] = [p.pk for p in measure.problems.all()]
    data["units"] = [u.pk for u in measure.units.all()]
    data["actions"] = _offered(request, measure, "rectification.Measure")
    return data


def _change_out(request, change):
    data = {f: getattr(change, f) for f in ChangeOut.model_fields if f != "actions"}
    data["actions"] = _offered(request, change, "rectification.MeasureChange")
    return data


@api.get("/plans/{plan_id}", response=PlanOut, operation_id="get_plan")
def get_plan(request, plan_id: int):
    return _plan_out(request, get_for_user_or_404(_plans(request.user), request.user, pk=plan_id))


@api.get("/measures/{measure_id}", response=MeasureOut, operation_id="get_measure")
def get_measure(request, measure_id: int):
    return _measure_out(request, get_for_user_or_404(_measures(request.user), request.user, pk=measure_id))


@api.get("/changes/{change_id}", response=ChangeOut, operation_id="get_change")
def get_change(request, change_id: int):
    return _change_out(request, get_for_user_or_404(_changes(request.user), request.user, pk=change_id))


@api.post("/inspections/{inspection_id}/plans", response={201: PlanOut}, operation_id="start_plan")
def start_plan(request, inspection_id: int, organisation: int, joint_review: bool = False):
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.rectification import domain
    from xuncha.rectification.rules import plan_startable_organisations

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=inspection_id)
    org = plan_startable_organisations(request.user, inspection).filter(pk=organisation).first()
    if org is None:
        raise Http404
    plan = domain.start_plan(inspection, by=request.user, organisation=org, joint_review=joint_review)
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


@api.patch("/measures/{measure_id}", response=MeasureOut, operation_id="measure_edit")
def edit_measure(request, measure_id: int, payload: MeasureEditIn):
    """Edit the five points (before approval; after it only the office). 409 on a stale version."""
    measure = get_for_user_or_404(_measures(request.user), request.user, pk=measure_id)
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


ROUTES = {
    # declared model -> (path segment, loader, output)
    "rectification.Plan": ("plans", _plans, _plan_out, PlanOut),
    "rectification.Measure": ("measures", _measures, _measure_out, MeasureOut),
    "rectification.MeasureChange": ("changes", _changes, _change_out, ChangeOut),
}
SPECIAL = {"plan.add_measure", "measure.edit", "measure.progress"}  # endpoints of their own above


def _action_endpoint(action):
    segment, loader, out, schema = ROUTES[action.model]

    def endpoint(request, object_id: int, payload: StepIn = None):
        obj = get_for_user_or_404(loader(request.user), request.user, pk=object_id)
        data = {k: v for k, v in (payload.model_dump() if payload else {}).items() if v is not None}
        actions.take(action.name, obj, by=request.user, data=_step_data(action, data))
        return out(request, loader(request.user).get(pk=obj.pk))

    api.post(
        f"/{segment}/{{object_id}}/{action.verb}",
        response=schema,
        operation_id=action.name.replace(".", "_"),
        summary=str(action.label),
    )(endpoint)


def _step_data(action, data: dict) -> dict:
    """The API's step input as the performer takes it (a change request takes only its values)."""
    if action.name == "measure.request_change":
        return {k: v for k, v in data.items() if k in {"reason", "deadline", "target", "standard"}}
    return data


def _register_actions():
    for action in actions.REGISTRY.values():
        if action.model in ROUTES and action.name not in SPECIAL:
            _action_endpoint(action)


def build():
    """Register the endpoints of every declaration (called once the apps have declared them)."""
    if getattr(api, "_built", False):
        return api
    _register_lists()
    _register_actions()
    api._built = True
    return api


def urls():
    """The API's URL patterns. They are exempt from the site's login redirect: the API answers
    401 itself, and a token (not a session) may be how the caller logs in."""
    patterns, app_name, namespace = build().urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
