"""Typical cases through the API (see `xuncha.restapi.exposure`): a case with its tags, its uses
and the steps the caller is offered (edit, publish, record_use, archive); the list at `/cases`
(`xuncha.cases.lists`). A case is drafted through its source's own step:
`POST /problems/{id}/draft_case` or `POST /clues/{id}/draft_case`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from ninja import Schema

from xuncha.accounts.permissions import restrict
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names

CASE = "cases.TypicalCase"


class CaseUseOut(Schema):
    used_on: date
    occasion: str
    organisation_id: int
    attendees: int


class CaseOut(Schema):
    id: int
    term_id: int
    inspection_id: int
    source: str
    title: str
    summary: str
    lesson: str
    tags: list[str]
    status: str
    published_on: date | None
    version: int
    uses: list[CaseUseOut]
    actions: list[str]


class CaseStepIn(Schema):
    version: int | None = None
    title: str | None = None
    summary: str | None = None
    lesson: str | None = None
    tags: list[str] | None = None
    used_on: date | None = None
    occasion: str | None = None
    organisation: int | None = None
    attendees: int | None = None
    note: str | None = None
    reason: str | None = None


def _cases(user):
    from xuncha.cases.queries import cases_for_user

    return cases_for_user(user).prefetch_related("tags", "uses")


def _case_out(request, case):
    return {
        **fields_of(case, CaseOut, skip={"tags", "uses"}),
        "tags": [t.name for t in case.tags.all()],
        "uses": [fields_of(u, CaseUseOut) for u in restrict(case.uses.all(), request.user)],
        "actions": offered_names(request, case, CASE),
    }


def _step_data(action, request, data: dict) -> dict:
    from xuncha.orgs.queries import organisations_for_user

    if data.get("organisation") is not None:
        found = organisations_for_user(request.user).filter(pk=data["organisation"]).first()
        if found is None:
            raise ValidationError({"organisation": gettext("Unknown value for %(field)s.") % {"field": "organisation"}})
        data = {**data, "organisation": found}
    return data


expose(Exposed(CASE, "cases", _cases, CaseOut, _case_out, step_in=CaseStepIn, step_data=_step_data))
