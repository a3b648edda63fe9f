"""Meetings through the API (see `xuncha.restapi.exposure`): recording a meeting
(`POST /meetings`), its detail with attendance and agenda, correcting it (409 on a stale
version), its steps (agenda item with decision, follow-up item) and the follow-up items with
their step (done, by the owner).

Ids in the input are resolved among the choices the page's forms offer the caller; an id
outside them is refused as unknown. An agenda item's problem and clue are given only to a
caller who may read them."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from ninja import Schema, Status

from xuncha.accounts.permissions import get_for_user_or_404, restrict
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions

MEETING, FOLLOW_UP = "meetings.Meeting", "meetings.FollowUpItem"


class AttendanceOut(Schema):
    person_id: int
    as_leader: bool
    role: str


class AgendaItemOut(Schema):
    id: int
    number: int
    title: str
    inspection_id: int | None
    problem_id: int | None
    clue_id: int | None
    decision: str
    decides_feedback: bool


class MeetingOut(Schema):
    id: int
    term_id: int
    kind: str
    title: str
    held_on: date
    place: str
    chair_id: int | None
    inspection_id: int | None
    summary: str
    version: int
    attendances: list[AttendanceOut]
    agenda: list[AgendaItemOut]
    actions: list[str]


class MeetingIn(Schema):
    term: int
    kind: str
    title: str
    held_on: date
    place: str = ""
    chair: int | None = None
    inspection: int | None = None
    summary: str = ""
    attendees: list[int] = []
    leaders: list[int] = []
    leader_role: str = ""


class MeetingEditIn(Schema):
    version: int
    kind: str | None = None
    title: str | None = None
    held_on: date | None = None
    place: str | None = None
    chair: int | None = None
    inspection: int | None = None
    summary: str | None = None
    attendees: list[int] | None = None
    leaders: list[int] | None = None
    leader_role: str | None = None


class MeetingStepIn(Schema):
    """An agenda item (title, decision, inspection, problem, clue, decides_feedback) or a
    follow-up item (description, owner, deadline, agenda_item)."""

    title: str | None = None
    decision: str | None = None
    inspection: int | None = None
    problem: int | None = None
    clue: int | None = None
    decides_feedback: bool | None = None
    description: str | None = None
    owner: int | None = None
    deadline: date | None = None
    agenda_item: int | None = None


class FollowUpOut(Schema):
    id: int
    meeting_id: int
    agenda_item_id: int | None
    description: str
    owner_id: int
    deadline: date
    status: str
    done_on: date | None
    done_note: str
    escalated_on: date | None
    version: int
    actions: list[str]


class FollowUpStepIn(Schema):
    note: str | None = None
    on: date | None = None


def _meetings(user):
    from xuncha.meetings.queries import meetings_for_user

    return meetings_for_user(user)


def _meeting_out(request, meeting):
    from xuncha.findings.models import Problem
    from xuncha.meetings.queries import agenda_of, attendances_of
    from xuncha.meetings.rules import visible_clue_ids

    agenda = list(agenda_of(meeting))
    clues = visible_clue_ids(request.user, [i.clue_id for i in agenda])
    problems = set(
        restrict(
            Problem.objects.filter(pk__in=[i.problem_id for i in agenda if i.problem_id]), request.user
        ).values_list("pk", flat=True)
    )
    data = fields_of(meeting, MeetingOut, skip={"attendances", "agenda"})
    data["attendances"] = [
        {"person_id": a.person_id, "as_leader": a.as_leader, "role": a.role} for a in attendances_of(meeting)
    ]
    data["agenda"] = [
        {
            "id": i.pk,
            "number": i.number,
            "title": i.title,
            "inspection_id": i.inspection_id,
            "problem_id": i.problem_id if i.problem_id in problems else None,
            "clue_id": i.clue_id if i.clue_id in clues else None,
            "decision": i.decision,
            "decides_feedback": i.decides_feedback,
        }
        for i in agenda
    ]
    data["actions"] = offered_names(request, meeting, MEETING)
    return data


def _one(rows, pk, name):
    if pk is None:
        return None
    found = rows.filter(pk=pk).first()
    if found is None:
        raise ValidationError({name: gettext("Unknown or not available: %(field)s.") % {"field": name}})
    return found


def _many(rows, ids, name):
    found = list(rows.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({name: gettext("Unknown or not available: %(field)s.") % {"field": name}})
    return found


def _people(user):
    from xuncha.people.queries import people_for_user

    return people_for_user(user)


def _inspections(user, term):
    from xuncha.inspections.queries import inspections_for_user

    return inspections_for_user(user).filter(term=term)


def _meeting_data(user, term, data: dict) -> dict:
    resolved = dict(data)
    if "chair" in data:
        resolved["chair"] = _one(_people(user), data["chair"], "chair")
    if "inspection" in data:
        resolved["inspection"] = _one(_inspections(user, term), data["inspection"], "inspection")
    for name in ("attendees", "leaders"):
        if name in data:
            resolved[name] = _many(_people(user), data[name], name)
    return resolved


@api.post("/meetings", response={201: MeetingOut}, operation_id="record_meeting")
def record_meeting(request, payload: MeetingIn):
    """Record a meeting of a term's committee (its office)."""
    from xuncha.meetings.domain import record_meeting as record
    from xuncha.meetings.queries import recordable_terms
    from xuncha.plans.queries import terms_for_user

    term = get_for_user_or_404(terms_for_user(request.user), request.user, pk=payload.term)
    if not recordable_terms(request.user).filter(pk=term.pk).exists():
        raise PermissionDenied
    data = _meeting_data(request.user, term, payload.model_dump(exclude={"term"}))
    data["attendees"] = data["attendees"] + [p for p in data["leaders"] if p not in data["attendees"]]
    meeting = record(term, by=request.user, **data)
    return Status(201, _meeting_out(request, _meetings(request.user).get(pk=meeting.pk)))


@api.post("/meetings/{object_id}/update", response=MeetingOut, operation_id="meeting_update")
def update_meeting(request, object_id: int, payload: MeetingEditIn):
    """Correct the record; what is left out stays as it is. 409 on a stale version."""
    from xuncha.meetings.queries import attendances_of

    meeting = get_for_user_or_404(_meetings(request.user), request.user, pk=object_id)
    if not actions.get("meeting.update").allowed(request.user, meeting):
        raise PermissionDenied
    given = {k: v for k, v in payload.model_dump().items() if v is not None}
    data = _meeting_data(request.user, meeting.term, given)
    data["expected_version"] = data.pop("version")
    present = list(attendances_of(meeting))
    data.setdefault("attendees", [a.person for a in present])
    data.setdefault("leaders", [a.person for a in present if a.as_leader])
    data.setdefault("leader_role", next((a.role for a in present if a.as_leader and a.role), ""))
    data["attendees"] = data["attendees"] + [p for p in data["leaders"] if p not in data["attendees"]]
    actions.take("meeting.update", meeting, by=request.user, data=data)
    return _meeting_out(request, _meetings(request.user).get(pk=meeting.pk))


def _meeting_step_data(action, request, data: dict) -> dict:
    from xuncha.clues.queries import clues_for_user
    from xuncha.findings.models import Problem
    from xuncha.meetings.models import AgendaItem, Meeting
    from xuncha.meetings.queries import owner_choices

    meeting = Meeting.objects.select_related("term").get(pk=request.resolver_match.kwargs["object_id"])
    if action.name == "meeting.add_item":
        problems = restrict(Problem.objects.filter(inspection__term=meeting.term), request.user)
        return {
            "title": data.get("title", ""),
            "decision": data.get("decision", ""),
            "inspection": _one(_inspections(request.user, meeting.term), data.get("inspection"), "inspection"),
            "problem": _one(problems, data.get("problem"), "problem"),
            "clue": _one(clues_for_user(request.user).filter(inspection__term=meeting.term), data.get("clue"), "clue"),
            "decides_feedback": bool(data.get("decides_feedback")),
        }
    if action.name == "meeting.add_follow_up":
        if data.get("owner") is None or data.get("deadline") is None:
            raise ValidationError(gettext("Give the owner and the deadline."))
        return {
            "description": data.get("description", ""),
            "owner": _one(owner_choices(meeting.term), data["owner"], "owner"),
            "deadline": data["deadline"],
            "agenda_item": _one(AgendaItem.objects.filter(meeting=meeting), data.get("agenda_item"), "agenda_item"),
        }
    return data


def _follow_ups(user):
    from xuncha.meetings.queries import follow_ups_for_user

    return follow_ups_for_user(user)


def _follow_up_out(request, item):
    data = fields_of(item, FollowUpOut)
    data["actions"] = offered_names(request, item, FOLLOW_UP)
    return data


expose(
    Exposed(
        MEETING,
        "meetings",
        _meetings,
        MeetingOut,
        _meeting_out,
        step_in=MeetingStepIn,
        step_data=_meeting_step_data,
        own_endpoints=frozenset({"update"}),
    )
)
expose(Exposed(FOLLOW_UP, "follow-up-items", _follow_ups, FollowUpOut, _follow_up_out, step_in=FollowUpStepIn))
