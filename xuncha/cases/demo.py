"""Demo: typical cases (典型案例) drawn from the demo's rows, as an office uses them.

* 梧村街道's "三资" problem (the city's current inspection), published by the city office and
  used twice in warning education (a 党性课堂 of 梧村街道 and 思明区's 警示教育大会);
* one of the six concluded clues of the provincial inspection of 湖里区委 (seed 004), published
  by the provincial office with the outcome it had, names reduced to surnames;
* a draft from 梧村街道's 中心组 problem, not yet published.
Texts of our own are marked （演示）."""

from datetime import timedelta

from django.utils import timezone

from xuncha.accounts.models import User
from xuncha.cases import domain
from xuncha.cases.models import TypicalCase
from xuncha.clues.enums import ClueStatus
from xuncha.clues.models import Clue
from xuncha.findings.models import Problem
from xuncha.orgs.models import Organisation


def load_cases() -> None:
    if TypicalCase.objects.exists():
        return
    today = timezone.localdate()
    office = User.objects.get(username="office")
    sanzi = Problem.objects.filter(
        inspection__title="对梧村街道党工委的提级巡察", title__startswith="社区“三资”管理不规范"
    ).first()
    if sanzi is not None:
        case = domain.draft_from_problem(sanzi, by=office)
        case = domain.edit_case(
            case,
            by=office,
            version=case.version,
            title="某社区集体资产租赁合同长期不公开问题（演示）",
            lesson="集体“三资”是群众最关心的身边事，合同不公开就是监督缺位。（演示）",
            tags=["村（社区）集体“三资”", "群众身边不正之风和腐败问题"],
        )
        case = domain.publish_case(case, by=office, on=today - timedelta(days=30))
        domain.record_use(
            case,
            by=office,
            used_on=today - timedelta(days=20),
            occasion="党性课堂",
            organisation=Organisation.objects.get(code="350203-01"),
            attendees=45,
        )
        domain.record_use(
            case,
            by=office,
            used_on=today - timedelta(days=10),
            occasion="全区警示教育大会",
            organisation=Organisation.objects.get(code="350203"),
            attendees=120,
        )
    study = Problem.objects.filter(
        inspection__title="对梧村街道党工委的提级巡察", title__startswith="党工委理论学习中心组学习流于形式"
    ).first()
    if study is not None:
        domain.draft_from_problem(study, by=office)
    province_office = User.objects.filter(username="office_province").first()
    clue = (
        Clue.objects.filter(inspection__title="省委巡视一组对湖里区委的巡视", status=ClueStatus.CONCLUDED)
        .exclude(persons__disposition="")
        .order_by("serial")
        .first()
    )
    if clue is not None and province_office is not None:
        case = domain.draft_from_clue(clue, by=province_office)
        case = domain.edit_case(
            case,
            by=province_office,
            version=case.version,
            tags=["违反中央八项规定精神"],
            lesson="以案为鉴、以案促改：巡视移交的问题线索件件有着落。（演示）",
        )
        case = domain.publish_case(case, by=province_office, on=today - timedelta(days=60))
        domain.record_use(
            case,
            by=province_office,
            used_on=today - timedelta(days=45),
            occasion="警示教育大会",
            organisation=Organisation.objects.get(code="350206"),
            attendees=200,
        )
