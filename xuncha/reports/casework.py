"""Section 三 of the progress report (移交问题线索和信访件办理情况), computed from rows.

Seed 004 reports the inspection's casework in two parts: the clues the team transferred
(见人见事问题, here: the inspection's clues that did not come from a petition) and the
petitions (信访件), each with what was concluded, the cases filed (转立案 N条M人) and the
people handled by rank, and the people handled "按照监督执纪‘四种形态’".

The four forms follow from a person's outcome (DOMAIN.md, 四种形态); 立案 is a stage shown
beside them, not a form: a person whose case was filed is counted as 立案 until the outcome
decides the form, and one filed and already sanctioned is both (seed 004: "立案6人(含已党纪
政务处分1人)"). The clues app records the filing either as the stage `case_filed_on` or, in
older rows, as the disposition "case_filed"; both read as filed here.

Clues have no inspected organisation of their own: the figures are the inspection's, which is
what a report of a one-target inspection (both seeds) prints. For an inspection of several
organisations they cannot be told apart, so no organisation's report prints them
(`casework_for` returns nothing and the report says why).
"""

from dataclasses import dataclass, field

from xuncha.clues.enums import FORM_OF, RETIRED_CASE_FILED, ClueStatus, Disposition
from xuncha.clues.models import Clue, CluePerson
from xuncha.people.enums import Rank
from xuncha.petitions.enums import PetitionStatus
from xuncha.petitions.models import Petition
from xuncha.vocabulary import chinese

CASE_FILED = RETIRED_CASE_FILED  # the disposition that older rows use for the stage
SANCTIONS = ("light_sanction", "heavy_sanction", "major_demotion", "prosecution")
ADMONISHMENT = "admonishment"
ORG_ADJUSTMENT = "org_adjustment"
_TRANSFERRED = (ClueStatus.TRANSFERRED, ClueStatus.ACKNOWLEDGED, ClueStatus.CONCLUDED)
_RANK_WORDS = {
    Rank.BUREAU: "厅级干部",
    Rank.DIVISION: "处级干部",
    Rank.SECTION: "科级干部",
    Rank.SOE_MIDDLE: "国企中层及以上干部",
    Rank.OTHER: "其他人员",
}
FORM_WORDS = {1: "第一种形态", 2: "第二种形态", 3: "第三种形态", 4: "第四种形态"}


def is_filed(person: CluePerson) -> bool:
    return getattr(person, "case_filed_on", None) is not None or person.disposition == CASE_FILED


def form_of(person: CluePerson) -> int | None:
    """The form the outcome decides; None while only the stage (立案) is known."""
    if not person.disposition or person.disposition == CASE_FILED:
        return None
    return FORM_OF.get(person.disposition)


def disposition_words(disposition: str) -> str:
    """The disposition as a document says it, in Chinese whatever the screen's language
    (立案 for the older rows' "case_filed", which may no longer be a disposition)."""
    if disposition == CASE_FILED:
        return "立案审查调查"
    return chinese(Disposition(disposition).label)


@dataclass(frozen=True)
class Tally:
    words: str
    count: int


@dataclass
class Part:
    """One part of section 三: the transferred clues, or the petitions."""

    received: int = 0
    concluded: int = 0
    filed_cases: int = 0  # clues (or petitions) with at least one person filed: 转立案 N条
    handled: list[CluePerson] = field(default_factory=list)

    @property
    def in_progress(self) -> int:
        return self.received - self.concluded

    @property
    def filed(self) -> list[CluePerson]:
        return [p for p in self.handled if is_filed(p)]

    @property
    def filed_and_sanctioned(self) -> int:
        return sum(1 for p in self.filed if p.disposition in SANCTIONS)

    def by_rank(self) -> list[Tally]:
        counts = {rank: sum(1 for p in self.handled if p.rank == rank) for rank in Rank}
        return [Tally(_RANK_WORDS[rank], n) for rank, n in counts.items() if n]

    def by_form(self) -> list[Tally]:
        counts = {form: sum(1 for p in self.handled if form_of(p) == form) for form in FORM_WORDS}
        return [Tally(FORM_WORDS[form], n) for form, n in counts.items() if n]

    def by_disposition(self) -> list[Tally]:
        """Outcomes of the people not filed, by disposition (seed 004: 谈话提醒1人, 批评教育6人…)."""
        rest = [p for p in self.handled if not is_filed(p)]
        return [
            Tally(disposition_words(d), n)
            for d in Disposition
            if d != CASE_FILED and (n := sum(1 for p in rest if p.disposition == d))
        ]

    def sanctioned(self) -> int:
        return sum(1 for p in self.handled if p.disposition in SANCTIONS)


@dataclass
class Casework:
    clues: Part
    petitions: Part
    persons: list[CluePerson]  # everybody handled, clues first: the choices for the named lists

    @property
    def empty(self) -> bool:
        return not (self.clues.received or self.petitions.received)

    @property
    def people_handled(self) -> int:
        return len(self.clues.handled)


def casework_for(inspection) -> Casework:
    if inspection.targets.count() > 1:
        return Casework(Part(), Part(), [])
    clues = list(
        Clue.objects.filter(inspection=inspection, archived_at__isnull=True, status__in=_TRANSFERRED)
        .prefetch_related("persons", "petitions")
        .order_by("serial")
    )
    direct = [c for c in clues if not c.petitions.all()]
    from_petitions = [c for c in clues if c.petitions.all()]
    petitions = Petition.objects.filter(inspection=inspection, archived_at__isnull=True)
    clue_part = _part(direct)
    clue_part.received = len(direct)
    clue_part.concluded = sum(1 for c in direct if c.status == ClueStatus.CONCLUDED)
    petition_part = _part(from_petitions)
    petition_part.received = petitions.count()
    petition_part.concluded = petitions.filter(status=PetitionStatus.CONCLUDED).count()
    return Casework(clue_part, petition_part, clue_part.handled + petition_part.handled)


def _part(clues: list[Clue]) -> Part:
    part = Part()
    for clue in clues:
        handled = [p for p in clue.persons.all() if p.disposition or is_filed(p)]
        part.handled.extend(handled)
        if any(is_filed(p) for p in handled):
            part.filed_cases += 1
    return part


def rank_words(rank: str) -> str:
    return _RANK_WORDS[Rank(rank)]
