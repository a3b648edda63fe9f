"""Figures of clue handling and petitions, each computed from rows (seed 004 section 三).

People handled are the people concerned who received a disposition; they are counted by
disposition, by form (四种形态) and by rank. The conclusion rate is concluded ÷ received.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from xuncha.clues.enums import FORM_LABELS, FORM_OF, ClueStatus, Disposition
from xuncha.clues.models import Clue, CluePerson
from xuncha.people.enums import Rank
from xuncha.petitions.enums import PetitionStatus
from xuncha.petitions.models import Petition


def rate(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Count_:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class PeopleHandled:
    total: int
    by_disposition: list[Count_]
    by_form: list[Count_]
    by_rank: list[Count_]


def people_handled(persons: QuerySet[CluePerson]) -> PeopleHandled:
    handled = persons.exclude(disposition="")
    per_disposition = dict(handled.values_list("disposition").annotate(n=Count("pk")))
    per_rank = dict(handled.values_list("rank").annotate(n=Count("pk")))
    by_form: dict[int, int] = {}
    for disposition, count in per_disposition.items():
        form = FORM_OF[Disposition(disposition)]
        by_form[form] = by_form.get(form, 0) + count
    return PeopleHandled(
        total=sum(per_disposition.values()),
        by_disposition=[
            Count_(d.value, str(d.label), per_disposition[d.value]) for d in Disposition if d.value in per_disposition
        ],
        by_form=[Count_(str(f), str(FORM_LABELS[f]), by_form[f]) for f in sorted(by_form)],
        by_rank=[Count_(r.value, str(r.label), per_rank[r.value]) for r in Rank if r.value in per_rank],
    )


@dataclass(frozen=True)
class ClueFigures:
    received: int
    concluded: int

    @property
    def conclusion_rate(self) -> Decimal | None:
        return rate(self.concluded, self.received)


def clue_figures(clues: QuerySet[Clue]) -> ClueFigures:
    counts = clues.aggregate(received=Count("pk"), concluded=Count("pk", filter=Q(status=ClueStatus.CONCLUDED)))
    return ClueFigures(received=counts["received"], concluded=counts["concluded"])


@dataclass(frozen=True)
class PetitionFigures:
    received: int
    concluded: int

    @property
    def in_progress(self) -> int:
        return self.received - self.concluded


def petition_figures(petitions: QuerySet[Petition]) -> PetitionFigures:
    counts = petitions.aggregate(received=Count("pk"), concluded=Count("pk", filter=Q(status=PetitionStatus.CONCLUDED)))
    return PetitionFigures(received=counts["received"], concluded=counts["concluded"])
