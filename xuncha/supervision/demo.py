"""The demo's accountability outcomes (问责): seed 001 (思明区, ¶28) says the district
"补充问责17人" after re-checking its 全面从严治党主体责任 work; the demo records those 17 people
under the provincial 巡视 of 思明区委 that seed 001 reports on, with invented names and the
outcomes ¶45 names (党内警告、诫勉、批评教育、提醒谈话). Idempotent."""

from datetime import date

from xuncha.inspections.models import Inspection
from xuncha.orgs.models import Organisation
from xuncha.people.domain import create_person
from xuncha.people.models import Person
from xuncha.supervision.accountability import record_accountability
from xuncha.supervision.models import Accountability

INSPECTION = "省委巡视九组对思明区委的巡视"
DISTRICT_COMMITTEE = "中共厦门市思明区委员会"
DISTRICT_DISCIPLINE = "中共厦门市思明区纪律检查委员会"

# (name, org code, position, rank, outcome, decided on, deciding body)
PEOPLE = [
    ("柯志鹏", "350203", "区城市更新办副主任", "section", "talk_reminder", date(2024, 11, 8), DISTRICT_DISCIPLINE),
    ("庄雅婷", "350203", "区财政局预算科科长", "section", "talk_reminder", date(2024, 11, 8), DISTRICT_DISCIPLINE),
    ("卢建勋", "350203-01", "梧村街道党工委委员", "section", "talk_reminder", date(2024, 11, 15), DISTRICT_DISCIPLINE),
    ("颜秀珠", "350203-01-01", "文灶社区居委会主任", "other", "talk_reminder", date(2024, 11, 15), DISTRICT_DISCIPLINE),
    (
        "戴锦程",
        "350203-02",
        "中华街道办事处副主任",
        "section",
        "talk_reminder",
        date(2024, 11, 22),
        DISTRICT_DISCIPLINE,
    ),
    ("骆文彬", "350203", "区住房和建设局副局长", "section", "talk_reminder", date(2024, 12, 3), DISTRICT_DISCIPLINE),
    ("邵丽君", "350203", "区教育局人事科科长", "section", "criticism", date(2024, 12, 3), DISTRICT_DISCIPLINE),
    ("詹国栋", "350203-01", "梧村街道办事处副主任", "section", "criticism", date(2024, 12, 10), DISTRICT_DISCIPLINE),
    ("涂晓燕", "350203-01-02", "金山社区党委副书记", "other", "criticism", date(2024, 12, 10), DISTRICT_DISCIPLINE),
    ("温启明", "350203", "区市场监管局科长", "section", "criticism", date(2024, 12, 17), DISTRICT_DISCIPLINE),
    ("钟佩玲", "350203-02-01", "仁安社区居委会副主任", "other", "criticism", date(2024, 12, 17), DISTRICT_DISCIPLINE),
    ("范俊杰", "350203", "区发展改革局副局长", "section", "ordered_review", date(2025, 1, 7), DISTRICT_COMMITTEE),
    ("龚淑华", "350203", "区卫生健康局副局长", "section", "admonishment", date(2025, 1, 14), DISTRICT_COMMITTEE),
    ("童海滨", "350203-02", "中华街道党工委副书记", "section", "admonishment", date(2025, 1, 14), DISTRICT_COMMITTEE),
    ("魏德胜", "350203", "区商务局局长", "division", "admonishment", date(2025, 1, 21), DISTRICT_COMMITTEE),
    ("甘振宇", "350203", "区城市管理局副局长", "section", "light_sanction", date(2025, 2, 18), DISTRICT_DISCIPLINE),
    ("石美凤", "350203-01", "梧村街道财政所所长", "section", "light_sanction", date(2025, 2, 18), DISTRICT_DISCIPLINE),
]

REASON = "开展区委全面从严治党主体责任检查情况“回头看”，对2022年度以来检查发现问题补充问责。"


def load_accountability() -> int:
    inspection = Inspection.objects.filter(title=INSPECTION).first()
    if inspection is None or Accountability.objects.filter(inspection=inspection).exists():
        return 0
    for name, code, position, rank, outcome, decided_on, body in PEOPLE:
        organisation = Organisation.objects.get(code=code)
        person = Person.objects.filter(name=name, organisation=organisation).first() or create_person(
            by=None, organisation=organisation, name=name, position=position, rank=rank
        )
        record_accountability(
            inspection,
            by=None,
            person=person,
            disposition=outcome,
            decided_on=decided_on,
            deciding_body=body,
            reason=REASON,
        )
    return len(PEOPLE)
