"""Re-checks of a follow-up inspection (回头看) through the API (see `xuncha.restapi.exposure`):
one re-check with its verdict and the steps the caller is offered, and the verdict as a
multipart POST (with evidence files), taken through the same declared step as the page.
A follow-up is started through the inspection's own step (`POST /inspections/{id}/create_follow_up`)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import File, Form, Schema
from ninja.files import UploadedFile

from xuncha.accounts.permissions import get_for_user_or_404, restrict
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.restapi.v1 import api
from xuncha.workflow import actions

RECHECK = "followup.ReCheck"


class ReCheckOut(Schema):
    id: int
    inspection_id: int
    problem_id: int
    status: str
    verdict: str
    note: str
    checked_on: date | None
    rebound_id: int | None
    new_problem_id: int | None
    evidence: list[int]
    actions: list[str]


def _rechecks(user):
    from xuncha.followup.models import ReCheck

    return restrict(ReCheck.objects.select_related("inspection", "problem"), user).prefetch_related("evidence")


def _recheck_out(request, recheck):
    return {
        **fields_of(recheck, ReCheckOut, skip={"evidence"}),
        "evidence": [f.pk for f in recheck.evidence.all()],
        "actions": offered_names(request, recheck, RECHECK),
    }


@api.post("/rechecks/{object_id}/record_verdict", response=ReCheckOut, operation_id="recheck_record_verdict")
def record_verdict(
    request,
    object_id: int,
    verdict: Form[str],
    note: Form[str] = "",
    evidence: File[list[UploadedFile]] = None,
):
    """Record the verdict (rectified, not_rectified, rebound) with its evidence, as the page does; once only."""
    recheck = get_for_user_or_404(_rechecks(request.user), request.user, pk=object_id)
    if not actions.get("recheck.record_verdict").allowed(request.user, recheck):
        raise PermissionDenied
    data = {"verdict": verdict, "note": note, "evidence": list(evidence or [])}  # checked by content when stored
    actions.take("recheck.record_verdict", recheck, by=request.user, data=data)
    return _recheck_out(request, _rechecks(request.user).get(pk=recheck.pk))


expose(Exposed(RECHECK, "rechecks", _rechecks, ReCheckOut, _recheck_out, own_endpoints=frozenset({"record_verdict"})))
