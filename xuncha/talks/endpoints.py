"""Talk records through the API (see `xuncha.restapi.exposure`): a record with the steps the
caller is offered (`/talks/{id}`, its `edit` and `archive`), the list at `/talks` (declared in
`xuncha.talks.lists`), and an inspection's own two steps, which take a talk's fields:
`POST /inspections/{id}/record_talk` and `POST /inspections/{id}/add_talk_plan_item`.
The office and the inspection's team only; every read of a record is logged."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from ninja import Schema

from xuncha.accounts.permissions import get_for_user_or_404, restrict
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions

TALK = "talks.Talk"
LINKS = ("interviewers", "findings", "clues")


class TalkOut(Schema):
    id: int
    inspection_id: int
    kind: str
    plan_item_id: int | None
    held_on: date
    place: str
    subject_name: str
    subject_position: str
    subject_organisation_id: int | None
    notes: str
    interviewers: list[int]
    findings: list[int]  # those the caller may read
    clues: list[int]  # those the caller may read
    version: int
    actions: list[str]


class TalkIn(Schema):
    version: int | None = None
    kind: str | None = None
    plan_item: int | None = None
    held_on: date | None = None
    place: str | None = None
    subject_name: str | None = None
    subject_position: str | None = None
    subject_organisation: int | None = None
    notes: str | None = None
    interviewers: list[int] | None = None
    findings: list[int] | None = None
    clues: list[int] | None = None
    reason: str | None = None  # archiving


class PlanItemIn(Schema):
    kind: str = "talk"
    category: str
    required: int = 1


class PlanItemOut(Schema):
    id: int
    inspection_id: int
    kind: str
    category: str
    required: int


def _talks(user):
    from xuncha.talks.queries import talks_for_user

    return talks_for_user(user).prefetch_related("interviewers", "findings", "clues")


def _talk_out(request, talk):
    from xuncha.clues.queries import clues_for_user
    from xuncha.talks.queries import log_talk_reads

    log_talk_reads(request.user, [talk], "viewed")
    user = request.user
    return {
        **fields_of(talk, TalkOut, skip=set(LINKS)),
        "interviewers": sorted(p.pk for p in talk.interviewers.all()),
        "findings": sorted(restrict(talk.findings.all(), user).values_list("pk", flat=True)),
        "clues": sorted(
            clues_for_user(user).filter(pk__in=[c.pk for c in talk.clues.all()]).values_list("pk", flat=True)
        ),
        "actions": offered_names(request, talk, TALK),
    }


def _resolved(request, inspection, data: dict) -> dict:
    """Ids named in the input, each looked up in what the caller may see of this inspection."""
    from xuncha.clues.queries import clues_for_user
    from xuncha.findings.models import Finding
    from xuncha.orgs.queries import organisations_for_user
    from xuncha.people.queries import people_for_user
    from xuncha.talks.models import TalkPlanItem

    user = request.user
    # an edit does not know its talk's inspection here: the domain refuses links to another one
    mine = {} if inspection is None else {"inspection": inspection}
    single = {
        "plan_item": lambda: restrict(TalkPlanItem.objects.active().filter(**mine), user),
        "subject_organisation": lambda: organisations_for_user(user),
    }
    many = {
        "interviewers": lambda: people_for_user(user),
        "findings": lambda: restrict(Finding.objects.active().filter(**mine), user),
        "clues": lambda: clues_for_user(user).filter(**mine),
    }
    resolved = dict(data)
    for field, scope in single.items():
        if resolved.get(field) is not None:
            found = scope().filter(pk=resolved[field]).first()
            if found is None:
                raise ValidationError({field: gettext("Unknown value for %(field)s.") % {"field": field}})
            resolved[field] = found
    for field, scope in many.items():
        if resolved.get(field) is not None:
            ids = set(resolved[field])
            found = list(scope().filter(pk__in=ids))
            if len(found) != len(ids):
                raise ValidationError({field: gettext("Unknown value for %(field)s.") % {"field": field}})
            resolved[field] = found
    return resolved


def _inspection(request, object_id: int, step: str):
    from xuncha.inspections.queries import inspections_for_user

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=object_id)
    if not actions.get(step).allowed(request.user, inspection):
        raise PermissionDenied
    return inspection


@api.post("/inspections/{object_id}/record_talk", response=TalkOut, operation_id="inspection_record_talk")
def record_talk(request, object_id: int, payload: TalkIn):
    """Record a talk or visit of the inspection (the page's form: date, person heard, notes, and
    what came of it), through the same declared step as the page."""
    inspection = _inspection(request, object_id, "inspection.record_talk")
    data = _resolved(request, inspection, {k: v for k, v in payload.model_dump().items() if v is not None})
    talk = actions.take("inspection.record_talk", inspection, by=request.user, data=data)
    return _talk_out(request, _talks(request.user).get(pk=talk.pk))


@api.post(
    "/inspections/{object_id}/add_talk_plan_item", response=PlanItemOut, operation_id="inspection_add_talk_plan_item"
)
def add_talk_plan_item(request, object_id: int, payload: PlanItemIn):
    """Add a line to the inspection's talk plan (九必谈、三必访: who must be heard, how many)."""
    inspection = _inspection(request, object_id, "inspection.add_talk_plan_item")
    item = actions.take("inspection.add_talk_plan_item", inspection, by=request.user, data=payload.model_dump())
    return fields_of(item, PlanItemOut)


def _edit_data(action, request, data: dict) -> dict:
    return _resolved(request, None, data) if action.name == "talk.edit" else data


expose(Exposed(TALK, "talks", _talks, TalkOut, _talk_out, step_in=TalkIn, step_data=_edit_data))
