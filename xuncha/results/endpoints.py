"""The register through the API (see `xuncha.restapi.exposure`): each document with its
declared steps as POSTs (edit, issue, discard, reply), and drafting a new one.

Ids in the input (terms, organisations, people, inspections, problems) are resolved among the
choices the page's form offers the caller; an id outside them is refused as unknown."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from ninja import Schema, Status

from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.restapi.v1 import api

MODEL = "results.ResultDocument"


class ResultOut(Schema):
    id: int
    term_id: int
    kind: str
    issuer_id: int
    title: str
    body: str
    recipients: list[int]
    leaders: list[int]
    inspections: list[int]
    problems: list[int]
    clues: list[int]  # those the caller may read
    status: str
    number: str
    issued_on: date | None
    reply_required: bool
    due_on: date | None
    reply: str
    replied_on: date | None
    version: int
    actions: list[str]


class ResultStepIn(Schema):
    """A step's input: the date of issue, the reply and its date, the reason of a discard, a
    draft's new title, text and reply date with its version."""

    on: date | None = None
    reason: str | None = None
    reply: str | None = None
    replied_on: date | None = None
    version: int | None = None
    title: str | None = None
    body: str | None = None
    due_on: date | None = None
    reply_required: bool | None = None


class ResultIn(Schema):
    term: int
    kind: str
    title: str
    body: str
    recipients: list[int] = []
    leaders: list[int] = []
    inspections: list[int] = []
    problems: list[int] = []
    clues: list[int] = []
    reply_required: bool | None = None
    due_on: date | None = None


LINKS = ("recipients", "leaders", "inspections", "problems")


def _results(user):
    from xuncha.results.queries import results_for_user

    return results_for_user(user, include_archived=True).prefetch_related("inspections", "problems")


def _result_out(request, document):
    data = fields_of(document, ResultOut, skip=set(LINKS))
    for name in LINKS:
        data[name] = [o.pk for o in getattr(document, name).all()]
    from xuncha.clues.queries import clues_for_user

    linked = document.clues.values("pk")
    data["clues"] = list(clues_for_user(request.user).filter(pk__in=linked).values_list("pk", flat=True))
    data["actions"] = offered_names(request, document, MODEL)
    return data


def _step_data(action, request, data: dict) -> dict:
    if action.name == "result.edit":
        if "version" not in data:
            raise ValidationError(gettext("Give the version of the draft you edited."))
        editable = {"title", "body", "due_on", "reply_required"}
        return {"expected_version": data.pop("version"), **{k: v for k, v in data.items() if k in editable}}
    if action.name == "result.reply":
        return {"reply": data.get("reply", ""), "replied_on": data.get("replied_on")}
    return {k: v for k, v in data.items() if k in {"on", "reason"}}


@api.post("/results", response={201: ResultOut}, operation_id="result_draft")
def draft_result(request, payload: ResultIn):
    """Draft a results-use document in a term's register (the office of the term's committee)."""
    from xuncha.results import domain
    from xuncha.results.queries import (
        clue_choices,
        inspection_choices,
        leader_choices,
        office_terms,
        problem_choices,
        recipient_choices,
    )

    term = office_terms(request.user).filter(pk=payload.term).first()
    if term is None:
        raise PermissionDenied
    data = payload.model_dump()
    choices = {
        "recipients": recipient_choices(request.user),
        "leaders": leader_choices(request.user),
        "inspections": inspection_choices(request.user, term),
        "problems": problem_choices(request.user, term),
        "clues": clue_choices(request.user, term),
    }
    for name, rows in choices.items():
        found = list(rows.filter(pk__in=data[name]))
        if len(found) != len(set(data[name])):
            raise ValidationError({name: gettext("Unknown or not available: %(field)s.") % {"field": name}})
        data[name] = found
    del data["term"]
    document = domain.draft_result(term, by=request.user, **data)
    return Status(201, _result_out(request, _results(request.user).get(pk=document.pk)))


expose(Exposed(MODEL, "results", _results, ResultOut, _result_out, step_in=ResultStepIn, step_data=_step_data))
