"""Which objects the API exposes, declared by each app in its `endpoints.py`.

An exposed model gets, from its declaration alone:
* `GET /<segment>/{object_id}` (an app's own endpoint on the same path names its parameter
  `object_id` too, or the two paths would not merge): the object read through the same permission-scoped queryset as its
  page (404 when out of scope), with the declared actions the caller is offered;
* `POST /<segment>/{id}/<verb>` for every declared action of the model, taken through the same
  `xuncha.workflow.actions.take` as the page's form, answering the object as the caller now sees
  it (204 when the step took it out of the caller's scope). A verb listed in `own_endpoints` is
  written by the app itself, for input a step schema cannot carry, such as files.

    expose(Exposed(
        model="clues.Clue", segment="clues", loader=clues_for_user, schema=ClueOut, out=clue_out,
        step_in=ClueStepIn,
    ))
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ninja import Schema, Status

from xuncha.accounts.permissions import get_for_user_or_404
from xuncha.workflow import actions


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


@dataclass(frozen=True)
class Exposed:
    model: str  # app_label.ModelName, as the actions declare it
    segment: str  # the URL segment: "measures"
    loader: Callable  # user -> the queryset of objects the user may see
    schema: type  # the detail's output schema
    out: Callable  # (request, obj) -> the detail's data
    step_in: type = StepIn  # the input schema of the model's steps
    # (action, request, data) -> the data `take` gets (resolve ids in the caller's scope here)
    step_data: Callable | None = None
    own_endpoints: frozenset = field(default_factory=frozenset)  # verbs the app writes itself


EXPOSED: dict[str, Exposed] = {}


def expose(exposed: Exposed) -> Exposed:
    if exposed.model in EXPOSED:
        raise ValueError(f"{exposed.model} exposed twice")
    EXPOSED[exposed.model] = exposed
    return exposed


def offered_names(request, obj, model: str) -> list[str]:
    return sorted(actions.offered(request.user, obj, model))


def fields_of(obj, schema, *, skip=()) -> dict:
    """The schema's fields read off the object (for the simple part of an `out`)."""
    return {f: getattr(obj, f) for f in schema.model_fields if f not in {"actions", *skip}}


def _detail_endpoint(api, exposed: Exposed):
    def endpoint(request, object_id: int):
        return exposed.out(request, get_for_user_or_404(exposed.loader(request.user), request.user, pk=object_id))

    api.get(
        f"/{exposed.segment}/{{object_id}}",
        response=exposed.schema,
        operation_id=f"get_{exposed.segment.removesuffix('s').replace('-', '_')}",
        summary=f"One {exposed.model.split('.')[1]}, with the steps the caller is offered",
    )(endpoint)


def _action_endpoint(api, exposed: Exposed, action):
    def endpoint(request, object_id: int, payload: exposed.step_in = None):
        obj = get_for_user_or_404(exposed.loader(request.user), request.user, pk=object_id)
        if not action.allowed(request.user, obj):  # first, as on the page: before any input is read
            raise actions.ActionRefused(action.name)
        data = {k: v for k, v in (payload.model_dump() if payload else {}).items() if v is not None}
        if exposed.step_data:
            data = exposed.step_data(action, request, data)
        actions.take(action.name, obj, by=request.user, data=data)
        after = exposed.loader(request.user).filter(pk=obj.pk).first()
        if after is None:  # the step took the object out of the caller's scope (handed on, say)
            return Status(204, None)
        return exposed.out(request, after)

    api.post(
        f"/{exposed.segment}/{{object_id}}/{action.verb}",
        response={200: exposed.schema, 204: None},
        operation_id=action.name.replace(".", "_"),
        summary=str(action.label),
    )(endpoint)


def register(api) -> None:
    for exposed in EXPOSED.values():
        _detail_endpoint(api, exposed)
        for action in actions.for_model(exposed.model):
            if action.verb not in exposed.own_endpoints:
                _action_endpoint(api, exposed, action)
