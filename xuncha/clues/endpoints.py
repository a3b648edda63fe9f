"""Clues through the API (see `xuncha.restapi.exposure`): recording a clue, its detail and every
declared step as a POST, under the clue pages' rules.

* Scope: `clues_for_user` (an out-of-scope clue is 404; a reviewer reads only clues received
  by a body of its own kind, issue 13).
* Reads are logged as the page logs them ("viewed"); the allegation, the people concerned and
  the texts written about the case go through the one disclosure rule; no reporter identity is
  ever returned.
* Transfer: the receiving body's id is resolved among the bodies the caller may name (an id
  outside them is refused as unknown). Conclusion: a disposition per person concerned, keyed by
  the person's id on the clue.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Schema, Status

from xuncha.restapi.exposure import Exposed, expose, offered_names
from xuncha.restapi.v1 import api


class CluePersonOut(Schema):
    id: int
    name: str
    rank: str
    position: str
    case_filed_on: date | None  # 立案: a stage, beside the four forms
    disposition: str  # the outcome
    form: int | None  # 四种形态, following from the outcome


class ClueOut(Schema):
    id: int
    reference: str
    inspection_id: int
    source: str
    status: str
    allegation: str
    persons: list[CluePersonOut]
    received_on: date
    signatures: int
    receiving_kind: str
    receiving_body_id: int | None
    transferred_on: date | None
    report_due_on: date | None
    acknowledged_on: date | None
    handling_method: str
    handling_note: str
    concluded_on: date | None
    conclusion: str
    reported_back_on: date | None
    version: int
    actions: list[str]


class CluePersonIn(Schema):
    name: str
    rank: str = "other"
    position: str = ""


class ClueIn(Schema):
    allegation: str
    source: str
    received_on: date | None = None
    persons: list[CluePersonIn]


class ClueStepIn(Schema):
    """A clue step's input: the date (today when left out), the receiving body and its kind
    (transfer), the handling method and note, the conclusion with a disposition per person;
    for record_outcome, the person with the date the case was filed and/or the outcome."""

    on: date | None = None
    receiving_body: int | None = None
    receiving_kind: str | None = None
    method: str | None = None
    note: str | None = None
    conclusion: str | None = None
    dispositions: dict[int, str] | None = None
    person: int | None = None
    case_filed_on: date | None = None
    disposition: str | None = None


def _clues(user):
    from xuncha.clues.queries import clues_for_user

    return clues_for_user(user).prefetch_related("persons", "petitions")


def _clue_out(request, clue):
    from xuncha.clues.queries import log_clue_reads
    from xuncha.confidential.disclosure import identity_scrubber

    log_clue_reads(request.user, [clue], "viewed")
    scrub = identity_scrubber(clue)
    data = {
        f: getattr(clue, f)
        for f in ClueOut.model_fields
        if f not in {"actions", "persons", "signatures", "allegation", "handling_note", "conclusion", "reference"}
    }
    data["reference"] = clue.reference
    data["allegation"] = scrub(clue.allegation)
    data["handling_note"] = scrub(clue.handling_note)
    data["conclusion"] = scrub(clue.conclusion)
    data["persons"] = [
        {
            "id": p.pk,
            "name": scrub(p.name),
            "rank": p.rank,
            "position": scrub(p.position),
            "case_filed_on": p.case_filed_on,
            "disposition": p.disposition,
            "form": p.form,
        }
        for p in clue.persons.all()
    ]
    data["signatures"] = clue.signatures.count()
    data["actions"] = offered_names(request, clue, "clues.Clue")
    return data


@api.post("/inspections/{inspection_id}/clues", response={201: ClueOut}, operation_id="record_clue")
def record_clue(request, inspection_id: int, payload: ClueIn):
    """Record a clue of an inspection the caller works on (the office or its team)."""
    from xuncha.clues import domain
    from xuncha.inspections.queries import work_inspection_or_404

    inspection = work_inspection_or_404(request.user, inspection_id)
    clue = domain.create_clue(
        inspection,
        by=request.user,
        allegation=payload.allegation,
        source=payload.source,
        received_on=payload.received_on or timezone.localdate(),
        persons=[p.model_dump() for p in payload.persons],
    )
    return Status(201, _clue_out(request, _clues(request.user).get(pk=clue.pk)))


DATED = {"clue.transfer", "clue.acknowledge", "clue.conclude", "clue.report_back"}


def _step_data(action, request, data: dict) -> dict:
    """The API's step input as the declared performer takes it."""
    from xuncha.clues.queries import receiving_bodies_for

    if action.name in DATED:
        data.setdefault("on", timezone.localdate())
    if action.name == "clue.transfer":
        body = data.get("receiving_body")
        found = receiving_bodies_for(request.user).filter(pk=body).first() if body else None
        if found is None:
            raise ValidationError(gettext("Choose a receiving body you may transfer to."))
        data["receiving_body"] = found
    if action.name == "clue.conclude":
        data["conclusion"] = data.get("conclusion", "")
        data["dispositions"] = data.get("dispositions") or {}
    return data


expose(Exposed("clues.Clue", "clues", _clues, ClueOut, _clue_out, step_in=ClueStepIn, step_data=_step_data))
