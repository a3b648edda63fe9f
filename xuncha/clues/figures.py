"""Figures of clue handling and petitions, each computed from rows (seed 004 section 三).

People handled are the people concerned whose case was filed (立案, a stage) or who have an
outcome; the outcomes are counted by disposition and by the form that follows from them (四种
形态), and 立案 is counted beside the forms, never as one of them (seed 004: 立案6 + 谈话提醒1 +
批评教育6 + 责令检查2 + 诫勉6 = 21, the six filed cases awaiting their outcome). The clue
completion rate (线索办结率) is concluded ÷ transferred: a clue still with the office was never
someone else's to conclude.
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
    total: int  # people whose case was filed or who have an outcome, each once
    case_filed: int  # 立案: shown beside the forms
    with_outcome: int  # people with an outcome, hence a form
    by_disposition: list[Count_]
    by_form: list[Count_]
    by_rank: list[Count_]

    @property
    def awaiting_outcome(self) -> int:
        """Filed cases with no outcome yet: the 立案N人 a report counts beside the forms."""
        return self.total - self.with_outcome


def handled_q() -> Q:
    return ~Q(disposition="") | Q(case_filed_on__isnull=False)


def people_handled(persons: QuerySet[CluePerson]) -> PeopleHandled:
    handled = persons.filter(handled_q())
    outcomes = handled.exclude(disposition="")
    per_disposition = dict(outcomes.values_list("disposition").annotate(n=Count("pk")))
    per_rank = dict(handled.values_list("rank").annotate(n=Count("pk")))
    by_form: dict[int, int] = {}
    for disposition, count in per_disposition.items():
        if disposition not in Disposition.values:
            continue  # a value retired by a migration (case_filed became a stage)
        form = FORM_OF[Disposition(disposition)]
        by_form[form] = by_form.get(form, 0) + count
    counts = handled.aggregate(
        total=Count("pk"), case_filed=Count("pk", filter=Q(case_filed_on__isnull=False))
    )
    return PeopleHandled(
        total=counts["total"],
        case_filed=counts["case_filed"],
        with_outcome=sum(per_disposition.values()),
        by_disposition=[
            Count_(d.value, str(d.label), per_disposition[d.value]) for d in Disposition if d.value in per_disposition
        ],
        by_form=[Count_(str(f), str(FORM_LABELS[f]), by_form[f]) for f in sorted(by_form)],
        by_rank=[Count_(r.value, str(r.label), per_rank[r.value]) for r in Rank if r.value in per_rank],
    )


@dataclass(frozen=True)
class ClueFigures:
    received: int
    transferred: int
    concluded: int

    @property
    def conclusion_rate(self) -> Decimal | None:
        """线索办结率: concluded ÷ transferred (seed 004: 6 of 6)."""
        return rate(self.concluded, self.transferred)


def clue_figures(clues: QuerySet[Clue]) -> ClueFigures:
    counts = clues.aggregate(
        received=Count("pk"),
        transferred=Count("pk", filter=Q(transferred_on__isnull=False)),
        concluded=Count("pk", filter=Q(status=ClueStatus.CONCLUDED)),
    )
    return ClueFigures(received=counts["received"], transferred=counts["transferred"], concluded=counts["concluded"])


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
