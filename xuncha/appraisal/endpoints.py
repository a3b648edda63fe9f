"""Appraisals of lower offices through the API (see `xuncha.restapi.exposure`): one appraisal
with its item scores, the total and grade worked out from them, the total and grade it was
signed off with, and the steps the caller is offered (score an item with a reason, sign off,
reopen with a reason), taken through the same declared steps as the page. Evidence files are
uploaded on the page, where every upload is checked."""

from datetime import datetime
from decimal import Decimal

from ninja import Schema

from xuncha.appraisal.queries import appraisals_for_user
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names

APPRAISAL = "appraisal.Appraisal"


class ScoreOut(Schema):
    item_id: int
    score: Decimal
    reason: str


class AppraisalOut(Schema):
    id: int
    scheme_id: int
    subject_id: int
    status: str
    total: Decimal
    grade: str
    max_points: Decimal
    signed_off_at: datetime | None
    signed_total: Decimal | None
    signed_grade: str
    scores: list[ScoreOut]
    actions: list[str]


class AppraisalStepIn(Schema):
    reason: str = ""
    item: int | None = None
    score: Decimal | None = None


def _appraisals(user):
    return appraisals_for_user(user)


def _out(request, appraisal):
    from xuncha.appraisal.scoring import result

    worked = result(appraisal)
    return {
        **fields_of(appraisal, AppraisalOut, skip={"total", "grade", "max_points", "scores"}),
        "total": worked.total,
        "grade": appraisal.scheme.grade_for(worked.total),
        "max_points": worked.max_points,
        "scores": [
            {"item_id": line.item.pk, "score": line.score.score, "reason": line.score.reason}
            for section in worked.sections for line in section.items if line.score is not None
        ],
        "actions": offered_names(request, appraisal, APPRAISAL),
    }


expose(Exposed(APPRAISAL, "appraisals", _appraisals, AppraisalOut, _out, step_in=AppraisalStepIn))
