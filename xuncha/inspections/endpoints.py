"""The inspection side through the API (see `xuncha.restapi.exposure`): an inspection, its
indicators, information requests and team members, each with the steps the caller is offered
and every declared step as a POST. Ids in a step's input are read in the caller's scope (an
organisation, person, category, aspect or item the caller cannot see is refused as unknown)."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from ninja import File, Form, Schema
from ninja.files import UploadedFile

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions


class InspectionOut(Schema):
    id: int
    term_id: int
    round_id: int | None
    batch_id: int | None
    kind: str
    title: str
    team_name: str
    theme: str
    entry_on: date | None
    exit_on: date | None
    feedback_on: date | None
    plan_due_on: date | None
    report_due_on: date | None
    version: int
    targets: list[int]
    team: list[int]
    problems: list[int]  # the feedback problems the caller sees (the inspected side: once given)
    feedback_frozen: bool
    feedback_version: int
    actions: list[str]


class InspectionStepIn(Schema):
    """What the inspection's steps take: dates and details (with the version they were read
    at), a target, an indicator, an information request, a team member, a finding and the
    feedback tree's aspects, items and problems (a correction reason once frozen)."""

    version: int | None = None
    entry_on: date | None = None
    exit_on: date | None = None
    feedback_on: date | None = None
    kind: str | None = None
    title: str | None = None
    team_name: str | None = None
    theme: str | None = None
    phone: str | None = None
    mailbox: str | None = None
    email: str | None = None
    accepted_matters: str | None = None
    organisation: int | None = None
    name: str | None = None
    unit: str | None = None
    baseline: Decimal | None = None
    target: Decimal | None = None
    recipient_kind: str | None = None
    recipient: int | None = None
    subject: str | None = None
    sent_on: date | None = None
    due_on: date | None = None
    person: int | None = None
    role: str | None = None
    override_reason: str | None = None
    home_unit: int | None = None  # a member seconded (抽调) from another unit
    seconded_from: date | None = None
    seconded_to: date | None = None
    secondment_letter: str | None = None
    score: Decimal | None = None  # the team's appraisal
    grade: str | None = None
    comment: str | None = None
    text: str | None = None
    source: str | None = None
    category: int | None = None
    aspect: int | None = None
    item: int | None = None
    correction_reason: str | None = None
    reason: str | None = None  # closing a correction of the feedback


class IndicatorOut(Schema):
    id: int
    inspection_id: int
    name: str
    unit: str
    baseline: Decimal
    target: Decimal | None
    achieved: Decimal | None
    rate: Decimal | None
    actions: list[str]


class ReadingIn(Schema):
    on: date | None = None
    value: Decimal | None = None
    note: str | None = None


class RequestOut(Schema):
    id: int
    inspection_id: int
    recipient_kind: str
    recipient_id: int | None
    subject: str
    sent_on: date
    due_on: date
    reply: str
    replied_on: date | None
    files: list[int]
    actions: list[str]


class MemberOut(Schema):
    id: int
    inspection_id: int
    person_id: int
    person: str
    role: str
    recusal_override: str  # the office's written reason; empty for anyone else
    home_unit_id: int | None  # seconded (抽调) from this unit, for the period below
    seconded_from: date | None
    seconded_to: date | None
    secondment_letter: str
    added_at: datetime
    grade: str
    actions: list[str]


class MemberStepIn(Schema):
    reason: str | None = None
    grade: str | None = None
    comment: str | None = None


def _inspections(user):
    from xuncha.inspections.queries import inspections_for_user

    return inspections_for_user(user).prefetch_related("targets")


def _inspection_out(request, inspection):
    from xuncha.findings.domain import feedback_version, is_frozen
    from xuncha.findings.models import Problem
    from xuncha.staffing.models import TeamMember

    user = request.user
    skip = {"targets", "team", "problems", "feedback_frozen", "feedback_version"}
    return {
        **fields_of(inspection, InspectionOut, skip=skip),
        "targets": [t.organisation_id for t in inspection.targets.all()],
        "team": list(
            restrict(TeamMember.objects.active().filter(inspection=inspection), user).values_list("pk", flat=True)
        ),
        "problems": list(
            restrict(Problem.objects.filter(inspection=inspection), user)
            .order_by("position")
            .values_list("pk", flat=True)
        ),
        "feedback_frozen": is_frozen(inspection),
        "feedback_version": feedback_version(inspection),
        "actions": offered_names(request, inspection, "inspections.Inspection"),
    }


def _one(queryset, pk, field: str):
    """The object `pk` of `queryset` (the caller's scope), or a refusal naming the field."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: gettext("Unknown value for %(field)s.") % {"field": field}})
    return found


def _inspection_step_data(action, request, data: dict) -> dict:
    from xuncha.findings.models import Aspect, Category, Item
    from xuncha.orgs.queries import organisations_for_user
    from xuncha.people.queries import people_for_user

    user = request.user
    scopes = {
        "organisation": lambda: organisations_for_user(user),
        "recipient": lambda: organisations_for_user(user),
        "home_unit": lambda: organisations_for_user(user),
        "person": lambda: people_for_user(user),
        "category": lambda: Category.objects.active(),
        "aspect": lambda: restrict(Aspect.objects.all(), user, Action.CHANGE),
        "item": lambda: restrict(Item.objects.all(), user, Action.CHANGE),
    }
    resolved = dict(data)
    for field, scope in scopes.items():
        if field in resolved:
            resolved[field] = _one(scope(), resolved[field], field)
    return resolved


def _indicators(user):
    from django.db.models import Prefetch

    from xuncha.inspections.models import Indicator, IndicatorReading

    return restrict(Indicator.objects.select_related("inspection"), user).prefetch_related(
        Prefetch("readings", queryset=IndicatorReading.objects.order_by("-on", "-id"), to_attr="prefetched_readings")
    )


def _indicator_out(request, indicator):
    from xuncha.inspections.figures import progress

    shown = progress(indicator)
    return {
        **fields_of(indicator, IndicatorOut, skip={"achieved", "rate"}),
        "achieved": shown.achieved,
        "rate": shown.rate,
        "actions": offered_names(request, indicator, "inspections.Indicator"),
    }


def _requests(user):
    from xuncha.inspections.models import InformationRequest

    return restrict(InformationRequest.objects.select_related("inspection"), user).prefetch_related("files")


def _request_out(request, info):
    return {
        **fields_of(info, RequestOut, skip={"files"}),
        "files": [f.pk for f in info.files.all()],
        "actions": offered_names(request, info, "inspections.InformationRequest"),
    }


def _members(user):
    from xuncha.staffing.models import TeamMember

    return restrict(TeamMember.objects.select_related("inspection", "person"), user)


def _member_out(request, member):
    from xuncha.inspections.rules import may_change_inspection

    evaluation = getattr(member, "evaluation", None)
    return {
        **fields_of(member, MemberOut, skip={"person", "recusal_override", "grade"}),
        "person": member.person.name,
        "recusal_override": member.recusal_override if may_change_inspection(request.user, member.inspection) else "",
        "grade": evaluation.grade if evaluation else "",
        "actions": offered_names(request, member, "staffing.TeamMember"),
    }


expose(Exposed(
    "inspections.Inspection", "inspections", _inspections, InspectionOut, _inspection_out,
    step_in=InspectionStepIn, step_data=_inspection_step_data,
    # steps with endpoints of their own: a fix (petitions/endpoints.py), a ledger file
    # (ledger/endpoints.py), an interview and an accountability record (supervision/endpoints.py), a
    # rebound (common/endpoints.py), a talk and its plan (talks/endpoints.py)
    own_endpoints=frozenset({
        "hand_over_fix", "import_ledger", "record_interview", "link_rebound", "record_talk", "add_talk_plan_item",
        "record_accountability",
    }),
))
expose(Exposed("inspections.Indicator", "indicators", _indicators, IndicatorOut, _indicator_out, step_in=ReadingIn))
@api.post(
    "/information-requests/{object_id}/record_reply", response=RequestOut, operation_id="request_record_reply"
)
def record_reply(
    request,
    object_id: int,
    replied_on: Form[date],
    reply: Form[str] = "",
    files: File[list[UploadedFile]] = None,
):
    """Record the reply, with its files (multipart), as the page does; once only."""
    info = get_for_user_or_404(_requests(request.user), request.user, pk=object_id)
    if not actions.get("request.record_reply").allowed(request.user, info):
        raise PermissionDenied
    data = {"reply": reply, "replied_on": replied_on, "files": list(files or [])}  # checked by content when stored
    actions.take("request.record_reply", info, by=request.user, data=data)
    return _request_out(request, _requests(request.user).get(pk=info.pk))


expose(Exposed(
    "inspections.InformationRequest", "information-requests", _requests, RequestOut, _request_out,
    own_endpoints=frozenset({"record_reply"}),
))
expose(Exposed("staffing.TeamMember", "team-members", _members, MemberOut, _member_out, step_in=MemberStepIn))
