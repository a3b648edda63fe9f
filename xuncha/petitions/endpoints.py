"""Petitions and immediate fixes through the API (see `xuncha.restapi.exposure`): the detail of
each, every declared step as a POST, receiving a petition and handing over a fix not from a
petition, and the logged reveal of a reporter's identity.

The same rules as the pages: texts scrubbed of reporters' identities by the disclosure rule;
the identity itself only through `reveal` (a logged read by an identity reader, as on the page),
never in a detail or a list; a fix's answer to the reporter and its petition only for those who
handle the petition (never the fixing unit). Ids in a step's input are resolved in the caller's
scope: a unit or category out of it is 404, as an object out of scope."""

from datetime import date

from django.http import Http404
from ninja import Schema, Status

from xuncha.accounts.permissions import get_for_user_or_404
from xuncha.confidential.disclosure import identity_scrubber, may_read
from xuncha.restapi.exposure import Exposed, expose, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions

PETITION, FIX = "petitions.Petition", "petitions.ImmediateFix"


class PetitionOut(Schema):
    id: int
    number: str
    inspection_id: int
    tracking_code: str
    channel: str
    received_on: date
    content: str
    status: str
    outcome: str
    outcome_reason: str
    clue_id: int | None
    finding_id: int | None
    reply: str
    replied_on: date | None
    concluded_on: date | None
    reporter: str  # "anonymous" or "sealed": the identity is opened only by a logged reveal
    version: int
    actions: list[str]


class FixOut(Schema):
    id: int
    inspection_id: int
    organisation_id: int
    description: str
    handed_over_on: date
    deadline: date
    status: str
    overdue: bool
    result: str
    fixed_on: date | None
    # read only by those who handle the petition; withheld (null) for everybody else
    petition_id: int | None = None
    answer_to_reporter: str | None = None
    answered_on: date | None = None
    actions: list[str]


class PetitionStepIn(Schema):
    """The input of a petition's steps: to a clue (allegation, the person concerned), to a
    finding (text, category, organisation), to a fix (organisation, description, dates),
    refusal (reason), conclusion (reply, on)."""

    allegation: str | None = None
    person_name: str | None = None
    person_rank: str | None = None
    person_position: str | None = None
    text: str | None = None
    category: int | None = None
    organisation: int | None = None
    description: str | None = None
    handed_over_on: date | None = None
    deadline: date | None = None
    reason: str | None = None
    reply: str | None = None
    on: date | None = None


class FixStepIn(Schema):
    """The input of a fix's steps: its result (result, on), the answer to the reporter (answer, on)."""

    result: str | None = None
    answer: str | None = None
    on: date | None = None


class PetitionIn(Schema):
    channel: str
    received_on: date
    content: str
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_workplace: str = ""
    reporter_address: str = ""


class FixIn(Schema):
    organisation: int
    description: str
    handed_over_on: date
    deadline: date


class RevealIn(Schema):
    category: str
    reason: str


class IdentityOut(Schema):
    name: str
    phone: str
    workplace: str
    address: str


def _petitions(user):
    from xuncha.petitions.queries import petitions_for_user

    return petitions_for_user(user)


def _fixes(user):
    from xuncha.petitions.queries import fixes_for_user

    return fixes_for_user(user).select_related("petition__inspection__term__owner")


def _petition_out(request, petition):
    from xuncha.petitions.models import ReporterIdentity

    scrub = identity_scrubber(petition)
    data = {f: getattr(petition, f) for f in PetitionOut.model_fields if f not in {"actions", "number", "reporter"}}
    data.update({name: scrub(getattr(petition, name) or "") for name in ("content", "outcome_reason", "reply")})
    sealed = ReporterIdentity.objects.filter(petition=petition).exists()
    return {**data, "number": str(petition), "reporter": "sealed" if sealed else "anonymous",
            "actions": offered_names(request, petition, PETITION)}


def _fix_out(request, fix):
    scrub = identity_scrubber(fix)
    data = {f: getattr(fix, f) for f in FixOut.model_fields if f not in {"actions", "overdue"}}
    data.update({name: scrub(getattr(fix, name) or "") for name in ("description", "result")})
    if may_read(request.user, fix, "answer_to_reporter"):
        data["answer_to_reporter"] = scrub(fix.answer_to_reporter or "")
    else:
        data["answer_to_reporter"] = data["answered_on"] = None
    if not may_read(request.user, fix, "petition"):
        data["petition_id"] = None
    return {**data, "overdue": fix.is_overdue, "actions": offered_names(request, fix, FIX)}


def _unit(user, pk, inspection=None):
    """A unit in the caller's scope (404 outside it); a unit outside the inspecting committee is
    refused by the step itself, as on the page."""
    from xuncha.orgs.queries import organisations_for_user

    units = organisations_for_user(user).filter(pk=pk)
    if inspection is not None:
        units = units.filter(path__startswith=inspection.term.owner.path)
    unit = units.first()
    if unit is None:
        raise Http404
    return unit


def _step_data(action, request, data: dict) -> dict:
    """Ids resolved in the caller's scope (404 outside it), as the page's choices are."""
    if data.get("organisation") is not None:
        data["organisation"] = _unit(request.user, data["organisation"])
    if data.get("category") is not None:
        from xuncha.findings.models import Category

        data["category"] = Category.objects.active().filter(pk=data["category"]).first()
        if data["category"] is None:
            raise Http404
    return data


@api.post("/inspections/{inspection_id}/petitions", response={201: PetitionOut}, operation_id="receive_petition")
def receive_petition(request, inspection_id: int, payload: PetitionIn):
    """Record a petition; the reporter's identity, if given, is sealed apart and never returned."""
    from xuncha.inspections.queries import work_inspection_or_404
    from xuncha.petitions import domain
    from xuncha.petitions.identity import Identity

    inspection = work_inspection_or_404(request.user, inspection_id)
    data = payload.model_dump()
    identity = Identity(
        name=data.pop("reporter_name"), phone=data.pop("reporter_phone"),
        workplace=data.pop("reporter_workplace"), address=data.pop("reporter_address"),
    )
    petition = domain.receive_petition(inspection, by=request.user, identity=identity, **data)
    return Status(201, _petition_out(request, _petitions(request.user).get(pk=petition.pk)))


@api.post("/inspections/{inspection_id}/fixes", response={201: FixOut}, operation_id="inspection_hand_over_fix")
def hand_over_fix(request, inspection_id: int, payload: FixIn):
    """Hand a problem found during the inspection (not from a petition) to a unit at once."""
    from xuncha.inspections.queries import inspections_for_user

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=inspection_id)
    data = payload.model_dump()
    data["organisation"] = _unit(request.user, data["organisation"], inspection)
    fix = actions.take("inspection.hand_over_fix", inspection, by=request.user, data=data)
    return Status(201, _fix_out(request, _fixes(request.user).get(pk=fix.pk)))


@api.post("/petitions/{object_id}/reveal", response=IdentityOut, operation_id="petition_reveal_identity")
def reveal_identity(request, object_id: int, payload: RevealIn):
    """Open the reporter's identity with a reason, logged as on the page: only an identity reader
    who sees the petition (403 for others, 404 out of scope); 404 for an anonymous petition."""
    from xuncha.petitions.identity import reveal

    petition = get_for_user_or_404(_petitions(request.user), request.user, pk=object_id)
    identity = reveal(petition, by=request.user, category=payload.category, reason=payload.reason)
    if identity is None:
        raise Http404
    return {"name": identity.name, "phone": identity.phone, "workplace": identity.workplace,
            "address": identity.address}


expose(Exposed(PETITION, "petitions", _petitions, PetitionOut, _petition_out, step_in=PetitionStepIn,
               step_data=_step_data))
expose(Exposed(FIX, "fixes", _fixes, FixOut, _fix_out, step_in=FixStepIn, step_data=_step_data))
