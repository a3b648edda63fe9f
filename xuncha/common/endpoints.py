"""Common-problem lists (共性问题, 未巡先改) and rebounds through the API (see
`xuncha.restapi.exposure`), taken through the same declared steps as the pages:

* a term, with its step `create_common_list` (`POST /terms/{id}/create_common_list` with a title
  and the self-check's due date);
* a list (`/common-lists/{id}`) with its categories' and items' counts, and its steps
  `add_category` and `publish`;
* an item (`/common-items/{id}`) with the problems it was drawn from and the steps that mark or
  unmark one (`{"problem": id}`, a problem of the list's term the caller may read);
* a self-check (`/self-checks/{id}`), answered by the reached organisation as a multipart POST
  with its evidence files (`record`);
* linking a new finding or problem as a rebound (`POST /inspections/{id}/link_rebound`), only to
  what the platform found it resembles, as the page offers.

A reached organisation reads its own self-checks only, never the list's other organisations nor
the problems its items were drawn from (xuncha/common/rules.py); their ids are not shown to it.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext
from ninja import File, Form, Schema
from ninja.files import UploadedFile

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions

TERM, LIST, ITEM, CHECK = "plans.Term", "common.CommonList", "common.CommonItem", "common.SelfCheck"


class TermOut(Schema):
    id: int
    name: str
    owner_id: int
    starts_on: date
    ends_on: date
    required_points: list[str]  # what a measure must fix besides itself (五定)
    joint_review_plans: list[str]  # inspection kinds whose plans go to joint review (三方联审)
    joint_review_sign_offs: list[str]  # inspection kinds whose sign-offs go to joint review
    actions: list[str]


class TermStepIn(Schema):
    title: str | None = None
    due_on: date | None = None


class CommonListOut(Schema):
    id: int
    term_id: int
    title: str
    status: str
    published_on: date | None
    due_on: date | None
    categories: int
    items: int
    actions: list[str]


class ListStepIn(Schema):
    name: str | None = None


class CommonItemOut(Schema):
    id: int
    common_list_id: int
    category: str
    text: str
    source_problems: list[int]
    actions: list[str]


class ItemStepIn(Schema):
    problem: int | None = None


class SelfCheckOut(Schema):
    id: int
    common_list_id: int
    organisation_id: int
    item_id: int
    item: str
    status: str
    note: str
    checked_on: date | None
    fixed_on: date | None
    evidence: list[int]
    actions: list[str]


class ReboundOut(Schema):
    id: int
    finding_id: int | None
    problem_id: int | None
    earlier_problem_id: int | None
    common_item_id: int | None
    score: float


class ReboundIn(Schema):
    """The new entry (a finding or a problem of the inspection) and what it resembles (an earlier
    problem or a common item), one of each."""

    finding: int | None = None
    problem: int | None = None
    earlier_problem: int | None = None
    common_item: int | None = None


def _terms(user):
    from xuncha.plans.queries import terms_for_user

    return terms_for_user(user)


def _term_out(request, term):
    return {**fields_of(term, TermOut), "actions": offered_names(request, term, TERM)}


def _lists(user):
    from xuncha.common.models import CommonList

    return restrict(CommonList.objects.select_related("term__owner"), user)


def _list_out(request, common_list):
    from xuncha.common.models import CommonItem

    return {
        **fields_of(common_list, CommonListOut, skip={"categories", "items"}),
        "categories": common_list.categories.count(),
        "items": CommonItem.objects.filter(category__common_list=common_list).count(),
        "actions": offered_names(request, common_list, LIST),
    }


def _items(user):
    from xuncha.common.models import CommonItem

    return restrict(CommonItem.objects.select_related("category__common_list__term__owner"), user)


def _item_out(request, item):
    return {
        "id": item.pk,
        "common_list_id": item.category.common_list_id,
        "category": item.category.name,
        "text": item.text,
        "source_problems": sorted(item.source_problems.values_list("pk", flat=True)),
        "actions": offered_names(request, item, ITEM),
    }


def _item_step_data(action, request, data):
    """The problem named by id, among the problems of the list's term the caller may read."""
    from xuncha.findings.models import Problem

    if "problem" not in data:
        return data
    readable = restrict(Problem.objects.select_related("inspection"), request.user)
    problem = readable.filter(pk=data["problem"]).first()
    if problem is None:
        raise ValidationError({"problem": gettext("Choose a problem of an inspection of this term.")})
    return {**data, "problem": problem}


def _checks(user):
    from xuncha.common.models import SelfCheck

    return restrict(
        SelfCheck.objects.select_related("reach__organisation", "reach__common_list__term__owner", "item"), user
    ).prefetch_related("evidence")


def _check_out(request, check):
    return {
        **fields_of(check, SelfCheckOut, skip={"common_list_id", "organisation_id", "item", "evidence"}),
        "common_list_id": check.reach.common_list_id,
        "organisation_id": check.reach.organisation_id,
        "item": check.item.text,
        "evidence": [f.pk for f in check.evidence.all()],
        "actions": offered_names(request, check, CHECK),
    }


@api.post("/self-checks/{object_id}/record", response=SelfCheckOut, operation_id="selfcheck_record")
def record_check(
    request,
    object_id: int,
    status: Form[str],
    note: Form[str] = "",
    evidence: File[list[UploadedFile]] = None,
):
    """Answer the self-check (fixing, fixed, not_applicable) with a note of what was found and
    done and its evidence, as the reached organisation's page does; again as it moves."""
    from xuncha.files.domain import store_upload

    check = get_for_user_or_404(_checks(request.user), request.user, pk=object_id)
    if not actions.get("selfcheck.record").allowed(request.user, check):
        raise PermissionDenied
    with transaction.atomic():  # the evidence stays only with the answer it documents
        stored = [store_upload(upload, by=request.user) for upload in evidence or []]
        actions.take("selfcheck.record", check, by=request.user, data={"status": status, "note": note,
                                                                        "evidence": stored})
    return _check_out(request, _checks(request.user).get(pk=check.pk))


@api.post("/inspections/{object_id}/link_rebound", response=ReboundOut, operation_id="inspection_link_rebound")
def link_rebound(request, object_id: int, payload: ReboundIn):
    """Link a new finding or problem of the inspection as a rebound of what the platform found it
    resembles (the candidates its page lists: an earlier signed-off problem of the same
    organisation, or a published common item of the term)."""
    from xuncha.common import rebound
    from xuncha.common.models import ReboundLink
    from xuncha.findings.models import Finding, Problem
    from xuncha.inspections.queries import inspections_for_user

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=object_id)
    step = actions.get("inspection.link_rebound")
    if not step.allowed(request.user, inspection):
        raise PermissionDenied
    if (payload.finding is None) == (payload.problem is None):
        raise ValidationError(gettext("Choose a finding or problem of this inspection."))
    kind = "finding" if payload.finding is not None else "problem"
    model = Finding if kind == "finding" else Problem
    new = restrict(model.objects.select_related("organisation"), request.user, Action.VIEW).filter(
        pk=payload.finding or payload.problem, inspection=inspection
    ).first()
    if new is None:
        raise Http404
    if (payload.earlier_problem is None) == (payload.common_item is None):
        raise ValidationError(gettext("Tick what the new entry resembles."))
    key = f"problem:{payload.earlier_problem}" if payload.earlier_problem is not None else f"item:{payload.common_item}"
    text = new.text if kind == "finding" else f"{new.title} {new.text}"
    found = {c.key: c for c in rebound.candidates(text, organisation=new.organisation, inspection=inspection)}
    candidate = found.get(key)
    if candidate is None:
        raise ValidationError(gettext("It does not resemble the new entry: nothing was linked."))
    target = "earlier_problem" if candidate.kind == "problem" else "common_item"
    link = actions.take(
        "inspection.link_rebound", inspection, by=request.user,
        data={kind: new, target: candidate.obj, "score": candidate.score},
    )
    link = ReboundLink.objects.get(pk=link.pk)
    return {**fields_of(link, ReboundOut, skip={"score"}), "score": float(link.score)}


expose(Exposed(TERM, "terms", _terms, TermOut, _term_out, step_in=TermStepIn))
expose(Exposed(LIST, "common-lists", _lists, CommonListOut, _list_out, step_in=ListStepIn))
expose(Exposed(ITEM, "common-items", _items, CommonItemOut, _item_out, step_in=ItemStepIn,
               step_data=_item_step_data))
expose(Exposed(CHECK, "self-checks", _checks, SelfCheckOut, _check_out, own_endpoints=frozenset({"record"})))
