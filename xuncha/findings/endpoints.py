"""Findings and the feedback's problems through the API (see `xuncha.restapi.exposure`): a
finding (the office's and the team's working material), a problem of the feedback (also the
inspected side's, once the feedback is given, as on the page), and every declared step on them
as a POST. Texts go through the disclosure rule as on the page."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from ninja import Schema

from xuncha.accounts.permissions import Action, restrict
from xuncha.confidential.disclosure import identity_scrubber
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names


class FindingOut(Schema):
    id: int
    inspection_id: int
    text: str
    source: str
    category: str
    organisation_id: int
    problems: list[int]
    recorded_at: datetime
    actions: list[str]


class PromoteIn(Schema):
    aspect: int | None = None
    item: int | None = None
    title: str | None = None
    correction_reason: str | None = None


class ProblemOut(Schema):
    id: int
    inspection_id: int
    aspect_id: int
    aspect: str
    item_id: int | None
    item: str
    number: str
    title: str
    text: str
    organisation_id: int
    actions: list[str]


class ProblemStepIn(Schema):
    title: str | None = None
    text: str | None = None
    direction: str | None = None  # move: "up" or "down"
    correction_reason: str | None = None
    reason: str | None = None


class NodeOut(Schema):
    """An aspect or an item of the feedback tree, numbered from its position."""

    id: int
    inspection_id: int
    aspect_id: int | None
    number: str
    title: str
    position: int
    actions: list[str]


class NodeStepIn(Schema):
    title: str | None = None
    direction: str | None = None  # move: "up" or "down"
    correction_reason: str | None = None


def _findings(user):
    from xuncha.findings.lists import findings_for_user

    return findings_for_user(user).select_related("inspection", "category").prefetch_related("problems")


def _finding_out(request, finding):
    return {
        **fields_of(finding, FindingOut, skip={"text", "category", "problems"}),
        "text": identity_scrubber(finding)(finding.text),
        "category": finding.category.name,
        "problems": [p.pk for p in finding.problems.all()],
        "actions": offered_names(request, finding, "findings.Finding"),
    }


def _promote_data(action, request, data: dict) -> dict:
    from xuncha.findings.models import Aspect, Item

    resolved = dict(data)
    for field, model in (("aspect", Aspect), ("item", Item)):
        if field in resolved:
            found = restrict(model.objects.all(), request.user, Action.CHANGE).filter(pk=resolved[field]).first()
            if found is None:
                raise ValidationError({field: gettext("Unknown value for %(field)s.") % {"field": field}})
            resolved[field] = found
    return resolved


def _problems(user):
    from xuncha.findings.models import Problem

    return restrict(Problem.objects.select_related("inspection", "aspect", "item"), user)


def _problem_out(request, problem):
    scrub = identity_scrubber(problem)
    return {
        **fields_of(problem, ProblemOut, skip={"aspect", "item", "title", "text"}),
        "aspect": str(problem.aspect),
        "item": str(problem.item) if problem.item_id else "",
        "title": scrub(problem.title),
        "text": scrub(problem.text),
        "actions": offered_names(request, problem, "findings.Problem"),
    }


expose(Exposed(
    "findings.Finding", "findings", _findings, FindingOut, _finding_out, step_in=PromoteIn, step_data=_promote_data
))
expose(Exposed("findings.Problem", "problems", _problems, ProblemOut, _problem_out, step_in=ProblemStepIn))


def _aspects(user):
    from xuncha.findings.models import Aspect

    return restrict(Aspect.objects.select_related("inspection"), user)


def _items(user):
    from xuncha.findings.models import Item

    return restrict(Item.objects.select_related("aspect__inspection"), user)


def _node_out(model: str):
    def out(request, node):
        from xuncha.findings.tree import inspection_of

        return {
            "id": node.pk,
            "inspection_id": inspection_of(node).pk,
            "aspect_id": getattr(node, "aspect_id", None),
            "number": node.number,
            "title": node.title,
            "position": node.position,
            "actions": offered_names(request, node, model),
        }

    return out


expose(Exposed(
    "findings.Aspect", "feedback-aspects", _aspects, NodeOut, _node_out("findings.Aspect"), step_in=NodeStepIn
))
expose(Exposed("findings.Item", "feedback-items", _items, NodeOut, _node_out("findings.Item"), step_in=NodeStepIn))
