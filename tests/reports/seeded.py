"""The two published reports as the platform would hold them at report time, for the
generator's tests: seed 004 (湖里区, the provincial 巡视 of 2021) imported with its casework,
the stated 112 measures chosen and the explanations of its five unfinished problems; seed 001
(思明区, 2024) imported with no stated status, its stated 212 / 123 / 21 chosen.

What the importer and the clues app will store by themselves on other branches (stated
figures, explanations, "not stated", 立案 as a stage) is written here directly, so that these
tests depend on main only. Names of people handled are invented (DOMAIN.md: never reuse real
names); the rest of the text is the seeds' own.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.factories import OrganisationFactory, make_inspection, make_term
from xuncha import tallies
from xuncha.clues.enums import ClueStatus
from xuncha.clues.models import Clue, CluePerson
from xuncha.findings.models import Problem
from xuncha.orgs.enums import OrgLevel
from xuncha.people.enums import Rank
from xuncha.petitions.enums import Channel, Outcome, PetitionStatus
from xuncha.petitions.models import Petition
from xuncha.rectification.enums import MeasureStatus
from xuncha.rectification.models import Measure
from xuncha.reports import domain
from xuncha.reports.importer import import_report
from xuncha.reports.models import ReportDraft, ReportShape, StatedFigure
from xuncha.reports.parsing import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
SEED_004 = FIXTURES / "seed_004_huli_2022.txt"
SEED_001 = FIXTURES / "seed_001_siming_2025.txt"


@dataclass
class Seeded:
    inspection: object
    organisation: object
    draft: ReportDraft
    seed_text: str


def _province():
    province = OrganisationFactory(name="中共福建省委员会", level=OrgLevel.PROVINCE)
    city = OrganisationFactory(name="中共厦门市委员会", level=OrgLevel.CITY, parent=province)
    return province, city


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _between(lines: list[str], start: str, end: str) -> list[str]:
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next(i for i, line in enumerate(lines) if i > first and line.startswith(end))
    return lines[first + 1 : last]


def huli(*, casework: bool = True, explanations: bool = True, stated: bool = True) -> Seeded:
    """Seed 004: the provincial 巡视 of 湖里区, imported, with its casework and choices."""
    province, city = _province()
    district = OrganisationFactory(name="中共厦门市湖里区委员会", level=OrgLevel.DISTRICT, parent=city)
    term = make_term(province, name="十一届省委")
    inspection = make_inspection(
        term,
        [district],
        title="省委巡视湖里区委",
        team_name="省委巡视一组",
        entry_on=date(2021, 1, 11),
        exit_on=date(2021, 2, 6),
        feedback_on=date(2021, 6, 25),
    )
    parsed = parse_file(SEED_004)
    import_report(parsed, inspection=inspection, organisation=district, by=None, on=date(2021, 7, 3))
    text = SEED_004.read_text(encoding="utf-8")
    lines = _lines(text)
    if stated:
        figure = _stated(inspection, district, "measures_total", 112, "研究制定整改措施112项")
        domain.choose_stated_figure(figure, by=None, use_in_report=True)
    if explanations:
        for number, reason, next_steps, deadline in seed_004_explanations(lines):
            problem = Problem.objects.get(inspection=inspection, number=number)
            domain.save_explanation(problem, by=None, reason=reason, next_steps=next_steps, complete_by_text=deadline)
    draft = ReportDraft.objects.create(
        inspection=inspection,
        organisation=district,
        shape=ReportShape.PROBLEM,
        leadership_title=lines[2],
        organisational_work="\n".join(_between(lines, "一、", "二、")),
        rectification_title=lines[7],
        rectification_opening=lines[8],
        next_steps=next(line for line in lines if line.startswith("针对持续深化")),
        contact_phone="0592-5720117",
        contact_address="福建省厦门市湖里区枋湖南路161号区委巡改办",
        contact_email="qwxgb@huli.gov.cn",
        issued_on=date(2022, 2, 22),
    )
    if casework:
        listed = huli_casework(inspection)
        domain.list_persons(draft, by=None, persons=listed)
    return Seeded(inspection, district, draft, text)


def _stated(inspection, organisation, key: str, value: int, phrase: str) -> StatedFigure:
    """The figure as the import stored it (the report states it), else as the office enters it;
    the seed's value either way."""
    figure, _ = StatedFigure.objects.get_or_create(
        inspection=inspection, organisation=organisation, key=key, defaults={"value": Decimal(value), "phrase": phrase}
    )
    assert figure.value == value, (key, figure.value, value)
    return figure


def seed_004_explanations(lines: list[str]) -> list[tuple[str, str, str, str]]:
    """(problem number, reason, next steps, deadline) of seed 004's section 四."""
    section = lines[next(i for i, line in enumerate(lines) if line.startswith("四、")) :]
    found = []
    for index, line in enumerate(section):
        reference = re.search(r"存在问题(\d+)", line)
        if not reference:
            continue
        parts = {"有关情况说明": "", "下一步措施": "", "完成时限": ""}
        for following in section[index + 1 : index + 4]:
            label, _, rest = following.partition(":")
            if label in parts:
                parts[label] = rest
        found.append((reference.group(1), parts["有关情况说明"], parts["下一步措施"], parts["完成时限"]))
    return found


# 21 people from the 6 transferred clues (seed 004: 处级10 + 科级5 + 国企中层6; 立案6 of whom 1
# already sanctioned, 谈话提醒1, 批评教育6, 责令检查2, 诫勉6) and 5 from petitions (科级2 + 国企3).
_CLUE_PEOPLE = (
    [("filed_sanctioned", Rank.SECTION)]
    + [("filed", Rank.DIVISION)] * 5
    + [("talk_reminder", Rank.DIVISION)]
    + [("criticism", Rank.DIVISION)] * 2
    + [("criticism", Rank.SECTION)] * 2
    + [("criticism", Rank.SOE_MIDDLE)] * 2
    + [("ordered_review", Rank.SOE_MIDDLE)] * 2
    + [("admonishment", Rank.DIVISION)] * 2
    + [("admonishment", Rank.SECTION)] * 2
    + [("admonishment", Rank.SOE_MIDDLE)] * 2
)
_PETITION_PEOPLE = [("filed", Rank.SECTION)] * 2 + [("filed", Rank.SOE_MIDDLE)] * 2 + [("criticism", Rank.SOE_MIDDLE)]
_SURNAMES = "林陈黄郑王李张吴刘蔡杨许谢洪曾苏庄周叶"


def _person(clue, index: int, outcome: str, rank: str) -> CluePerson:
    """One person handled. A filed case is the stage `case_filed_on` where the clues app has it,
    else the older disposition "case_filed"."""
    filed = outcome.startswith("filed")
    disposition = {"filed_sanctioned": "heavy_sanction", "filed": ""}.get(outcome, outcome)
    fields = {}
    if filed and hasattr(CluePerson, "case_filed_on"):
        fields["case_filed_on"] = date(2021, 9, 1)
    elif outcome == "filed":
        disposition = "case_filed"
    return CluePerson.objects.create(
        clue=clue,
        name=f"{_SURNAMES[index % len(_SURNAMES)]}某{index + 1}",
        rank=rank,
        position="原某单位干部",
        disposition=disposition,
        disposition_note="留党察看二年和撤职处分" if outcome == "filed_sanctioned" else "",
        **fields,
    )


def huli_casework(inspection) -> list[CluePerson]:
    """6 clues concluded (2 of them filed), 65 petitions (63 concluded, 2 in progress; 2 turned
    into clues with 5 people). Returns the people the office names: the sanctioned and the
    admonished, as seed 004 lists them."""
    clue_fields = {
        "inspection": inspection,
        "source": "talk",
        "status": ClueStatus.CONCLUDED,
        "received_on": date(2021, 2, 1),
        "transferred_on": date(2021, 7, 1),
        "concluded_on": date(2021, 12, 1),
    }
    clues = [Clue.objects.create(serial=n + 1, allegation=f"反映某干部问题{n + 1}", **clue_fields) for n in range(6)]
    # the first two clues hold the six filed people, the others the rest
    people = [
        _person(clues[0] if i < 3 else clues[1] if i < 6 else clues[2 + i % 4], i, outcome, rank)
        for i, (outcome, rank) in enumerate(_CLUE_PEOPLE)
    ]
    petitions = Petition.objects.bulk_create(
        Petition(
            inspection=inspection,
            serial=n + 1,
            tracking_code=f"T{inspection.pk:04d}{n:05d}",
            channel=Channel.LETTER,
            received_on=date(2021, 1, 20),
            content=f"来信反映问题{n + 1}",
            status=PetitionStatus.CONCLUDED if n < 63 else PetitionStatus.TRIAGED,
            outcome=Outcome.FINDING,
        )
        for n in range(65)
    )
    for n, petition in enumerate(petitions[:2]):
        clue = Clue.objects.create(serial=7 + n, allegation=f"信访反映问题{n + 1}", **clue_fields)
        Petition.objects.filter(pk=petition.pk).update(clue=clue, outcome=Outcome.CLUE)
        for i, (outcome, rank) in enumerate(_PETITION_PEOPLE):
            if (i < 2) == (n == 0):
                _person(clue, 30 + i, outcome, rank)
    return [p for p in people if p.disposition in ("heavy_sanction", "admonishment")]


def siming() -> Seeded:
    """Seed 001: the provincial 巡视 of 思明区, imported with no stated status (every measure
    "not stated"), the stated 212 measures, 123 regulations and 21 topics chosen for print."""
    province, city = _province()
    district = OrganisationFactory(name="中共厦门市思明区委员会", level=OrgLevel.DISTRICT, parent=city)
    term = make_term(province, name="十二届省委")
    inspection = make_inspection(
        term,
        [district],
        title="省委巡视思明区委",
        team_name="省委巡视九组",
        entry_on=date(2024, 10, 21),
        exit_on=date(2024, 12, 5),
        feedback_on=date(2025, 2, 20),
    )
    plan = import_report(parse_file(SEED_001), inspection=inspection, organisation=district, by=None)
    Measure.objects.filter(plan=plan).update(status=MeasureStatus.NOT_STATED)
    tallies.inspection_changed(inspection.pk)  # the measures were changed directly
    for key, value, phrase in (
        ("measures_total", 212, "制定212条整改措施"),
        ("regulations_made", 123, "已建立健全123项工作制度"),
        ("topics_total", 21, "分类梳理成21个专题"),
    ):
        figure = _stated(inspection, district, key, value, phrase)
        domain.choose_stated_figure(figure, by=None, use_in_report=True)
    text = SEED_001.read_text(encoding="utf-8")
    lines = _lines(text)
    heading = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    draft = ReportDraft.objects.create(
        inspection=inspection,
        organisation=district,
        shape=ReportShape.ASPECT,
        leadership_title=lines[heading],
        organisational_work="\n".join(_between(lines, "一、", "二、")),
        rectification_title=next(line for line in lines if line.startswith("二、")),
        next_steps_title=next(line for line in lines if line.startswith("三、")),
        next_steps="\n".join(_between(lines, "三、", "欢迎广大")),
        contact_phone="0592-2667500",
        contact_address="福建省厦门市01330号邮政信箱",
        contact_email="smq_xunchaban@sm.gov.cn",
        issued_on=date(2025, 12, 25),
    )
    return Seeded(inspection, district, draft, text)
