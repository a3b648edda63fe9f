"""Permission-scoped reads: schemes, evaluations and the ranked table of a term."""

from dataclasses import dataclass

from xuncha.accounts.permissions import Action, restrict
from xuncha.evaluation.enums import EvaluationStatus
from xuncha.evaluation.models import Evaluation, Scheme


def schemes_for_user(user, action: Action = Action.VIEW):
    return restrict(Scheme.objects.select_related("owner"), user, action)


def evaluations_for_user(user, action: Action = Action.VIEW):
    return restrict(
        Evaluation.objects.select_related("scheme", "organisation", "term", "inspection"), user, action
    )


@dataclass
class Ranked:
    rank: int
    evaluation: Evaluation


def ranked(evaluations) -> list[Ranked]:
    """The signed-off evaluations by the score they were signed off with, highest first; equal
    scores share a rank (1, 2, 2, 4). Drafts are not ranked: their score is not final."""
    rows = list(evaluations.filter(status=EvaluationStatus.SIGNED_OFF).order_by("-signed_score", "organisation__name"))
    result, previous, rank = [], None, 0
    for n, evaluation in enumerate(rows, start=1):
        if evaluation.signed_score != previous:
            rank, previous = n, evaluation.signed_score
        result.append(Ranked(rank, evaluation))
    return result
