"""Supervision through the API (see `xuncha.restapi.exposure`): supervision documents (督办函,
告诫书…) with every declared step as a POST, and interviews (约谈): recording one on an
inspection, its detail and correcting the record (409 on a stale version).

Ids in the input (organisations, people, measures, documents) are resolved among the choices
the page's form offers the caller; an id outside them is refused as unknown."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from ninja import Schema, Status

from xuncha.accounts.permissions import get_for_user_or_404
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions


class DocumentOut(Schema):
    id: int
    inspection_id: int
    plan_id: int | None
    measures: list[int]
    kind: str
    issuer_id: int
    addressee_id: int
    title: str
    body: str
    status: str
    number: str
    issued_on: date | None
    due_on: date | None
    answer: str
    answered_on: date | None
    return_reason: str
    closed_on: date | None
    version: int
    actions: list[str]


class DocumentStepIn(Schema):
    """A document step's input: the date of issue or closing, the answer and its date, the
    reason of a return or discard, a draft's new title, text and due date with its version."""

    on: date | None = None
    reason: str | None = None
    answer: str | None = None
    answered_on: date | None = None
    version: int | None = None
    title: str | None = None
    body: str | None = None
    due_on: date | None = None


class InterviewOut(Schema):
    id: int
    inspection_id: int
    organisation_id: int
    held_on: date
    place: str
    interviewers: list[int]
    interviewees: list[int]
    reason: str
    summary: str
    measures: list[int]
    documents: list[int]
    version: int
    actions: list[str]


class InterviewIn(Schema):
    organisation: int
    held_on: date
    place: str = ""
    interviewers: list[int]
    interviewees: list[int]
    reason: str
    summary: str
    measures: list[int] = []
    documents: list[int] = []


class InterviewEditIn(Schema):
    version: int
    organisation: int | None = None
    held_on: date | None = None
    place: str | None = None
    interviewers: list[int] | None = None
    interviewees: list[int] | None = None
    reason: str | None = None
    summary: str | None = None
    measures: list[int] | None = None
    documents: list[int] | None = None


def _documents(user):
    from xuncha.supervision.queries import documents_for_user

    return documents_for_user(user, include_archived=True).prefetch_related("measures")


def _document_out(request, document):
    data = fields_of(document, DocumentOut, skip={"measures"})
    data["measures"] = [m.pk for m in document.measures.all()]
    data["actions"] = offered_names(request, document, "supervision.SupervisionDocument")
    return data


def _document_step_data(action, request, data: dict) -> dict:
    """The API's input as each declared document step takes it (the page's forms give the same)."""
    if action.name == "document.edit":
        if "version" not in data:
            raise ValidationError(gettext("Give the version of the draft you edited."))
        return {
            "expected_version": data.pop("version"),
            **{k: v for k, v in data.items() if k in {"title", "body", "due_on"}},
        }
    if action.name == "document.answer":
        return {"answer": data.get("answer", ""), "answered_on": data.get("answered_on")}
    return {k: v for k, v in data.items() if k in {"on", "reason"}}


def _interviews(user):
    from xuncha.supervision.queries import interviews_for_user

    return interviews_for_user(user).prefetch_related("measures", "documents")


def _interview_out(request, interview):
    data = fields_of(interview, InterviewOut, skip={"interviewers", "interviewees", "measures", "documents"})
    for name in ("interviewers", "interviewees", "measures", "documents"):
        data[name] = [o.pk for o in getattr(interview, name).all()]
    data["actions"] = offered_names(request, interview, "supervision.Interview")
    return data


def _resolved(user, inspection, data: dict) -> dict:
    """The ids of an interview's input, resolved among the choices the page's form offers."""
    from xuncha.people.queries import people_for_user
    from xuncha.supervision.queries import addressee_choices, documents_for_user, measure_choices

    choices = {
        "organisation": addressee_choices(user, inspection),
        "interviewers": people_for_user(user),
        "interviewees": people_for_user(user),
        "measures": measure_choices(user, inspection),
        "documents": documents_for_user(user).filter(inspection=inspection),
    }
    resolved = dict(data)
    for name, rows in choices.items():
        if name not in data:
            continue
        ids = data[name] if isinstance(data[name], list) else [data[name]]
        found = list(rows.filter(pk__in=ids))
        if len(found) != len(set(ids)):
            raise ValidationError({name: gettext("Unknown or not available: %(field)s.") % {"field": name}})
        resolved[name] = found if isinstance(data[name], list) else found[0]
    return resolved


@api.post(
    "/inspections/{inspection_id}/interviews", response={201: InterviewOut}, operation_id="inspection_record_interview"
)
def record_interview(request, inspection_id: int, payload: InterviewIn):
    """Record an interview held about an inspection's rectification (the inspection's office)."""
    from xuncha.inspections.queries import inspections_for_user

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=inspection_id)
    if not actions.get("inspection.record_interview").allowed(request.user, inspection):
        raise PermissionDenied
    data = _resolved(request.user, inspection, payload.model_dump())
    interview = actions.take("inspection.record_interview", inspection, by=request.user, data=data)
    return Status(201, _interview_out(request, _interviews(request.user).get(pk=interview.pk)))


@api.post("/interviews/{object_id}/update", response=InterviewOut, operation_id="interview_update")
def update_interview(request, object_id: int, payload: InterviewEditIn):
    """Correct the record; the links left out stay as they are. 409 on a stale version."""
    interview = get_for_user_or_404(_interviews(request.user), request.user, pk=object_id)
    if not actions.get("interview.update").allowed(request.user, interview):
        raise PermissionDenied
    given = {k: v for k, v in payload.model_dump().items() if v is not None}
    data = _resolved(request.user, interview.inspection, given)
    data["expected_version"] = data.pop("version")
    for name in ("interviewers", "interviewees", "measures", "documents"):
        data.setdefault(name, list(getattr(interview, name).all()))
    actions.take("interview.update", interview, by=request.user, data=data)
    return _interview_out(request, _interviews(request.user).get(pk=interview.pk))


expose(
    Exposed(
        "supervision.SupervisionDocument",
        "documents",
        _documents,
        DocumentOut,
        _document_out,
        step_in=DocumentStepIn,
        step_data=_document_step_data,
    )
)
expose(
    Exposed(
        "supervision.Interview",
        "interviews",
        _interviews,
        InterviewOut,
        _interview_out,
        own_endpoints=frozenset({"update"}),
    )
)


class AccountabilityIn(Schema):
    person: int
    disposition: str
    decided_on: date
    deciding_body: str
    problem: int | None = None
    document: int | None = None
    reason: str = ""


class AccountabilityOut(Schema):
    id: int
    inspection_id: int
    person_id: int
    disposition: str
    form: int
    decided_on: date
    deciding_body: str
    problem_id: int | None
    document_id: int | None
    reason: str


@api.post(
    "/inspections/{inspection_id}/accountability",
    response={201: AccountabilityOut},
    operation_id="inspection_record_accountability",
)
def record_accountability(request, inspection_id: int, payload: AccountabilityIn):
    """Record a person held accountable (问责) after an inspection (the office)."""
    from xuncha.findings.models import Problem
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.people.queries import people_for_user
    from xuncha.supervision.queries import documents_for_user

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=inspection_id)
    if not actions.get("inspection.record_accountability").allowed(request.user, inspection):
        raise PermissionDenied
    data = payload.model_dump()
    sources = {
        "person": people_for_user(request.user),
        "problem": Problem.objects.filter(inspection=inspection),
        "document": documents_for_user(request.user).filter(inspection=inspection),
    }
    for name, rows in sources.items():
        if data[name] is None:
            continue
        data[name] = rows.filter(pk=data[name]).first()
        if data[name] is None:
            raise ValidationError({name: gettext("Unknown or not available: %(field)s.") % {"field": name}})
    row = actions.take("inspection.record_accountability", inspection, by=request.user, data=data)
    return Status(201, {**fields_of(row, AccountabilityOut, skip={"form"}), "form": row.form})
