"""Evaluations of rectification (整改效果评价) through the API (see `xuncha.restapi.exposure`):
one evaluation with its score as it stands (recomputed from the rows, as its page shows it),
the score and grade it was signed off with, the consequences ordered, and the steps the caller
is offered (submit, sign off, return with a reason, order a 约谈 or a 回头看 for a 差), taken
through the same declared steps as the page. Hand scores are entered on the page, where their
evidence is uploaded."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Schema

from xuncha.evaluation.queries import evaluations_for_user
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names

EVALUATION = "evaluation.Evaluation"


class EvaluationOut(Schema):
    id: int
    scheme_id: int
    organisation_id: int
    term_id: int
    inspection_id: int | None
    status: str
    score: Decimal
    grade: str
    max_points: Decimal
    signed_off_at: datetime | None
    signed_score: Decimal | None
    signed_grade: str
    consequences: list[str]
    actions: list[str]


def _evaluations(user):
    return evaluations_for_user(user).prefetch_related("consequences")


def _evaluation_out(request, evaluation):
    from xuncha.evaluation.scoring import score

    result = score(evaluation, today=timezone.localdate())
    return {
        **fields_of(evaluation, EvaluationOut, skip={"score", "grade", "max_points", "consequences"}),
        "score": result.total,
        "grade": result.grade,
        "max_points": result.max_points,
        "consequences": sorted(c.kind for c in evaluation.consequences.all()),
        "actions": offered_names(request, evaluation, EVALUATION),
    }


expose(Exposed(EVALUATION, "evaluations", _evaluations, EvaluationOut, _evaluation_out))
