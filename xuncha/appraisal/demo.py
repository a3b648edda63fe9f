"""The demo's appraisal of the districts' inspection work (cheap, idempotent): 厦门市委's
《区(市)党委巡察工作考评细则》 for the current year, kept by 市委巡察办, in the style of seed 003
("制定2023年度区(市)党委巡察工作考评细则，开展实地督导检查"): 4 sections, 12 items, 100 points
(the wording of the sections and items is ours: the seed names the document, not its items).

The six district committees are appraised: five signed off (集美区 and 海沧区 tie, so they share
a rank) and 思明区委's still being scored, one item left, for `office` to score and sign off
(after which `office_siming`, 思明区委巡察办, reads it; not before).
"""

from decimal import Decimal

from django.utils import timezone

from xuncha.appraisal import domain
from xuncha.appraisal.models import AppraisalScheme

SECTIONS = [
    ("组织领导", [
        ("区(市)党委书记专题会议听取巡察工作情况汇报，研究解决重点难点问题", 8),
        ("区(市)党委巡察工作领导小组议事规则健全，定期研究部署巡察工作", 6),
        ("重要事项按规定向市委巡察办请示报告、报备", 6),
    ]),
    ("巡察监督", [
        ("按年度计划完成巡察任务，推进届内巡察全覆盖", 10),
        ("发现问题精准，问题线索按规定双签字、及时移交", 10),
        ("对村(社区)巡察有力有效，聚焦群众身边不正之风和腐败问题", 8),
        ("巡察报告和反馈意见质量", 7),
    ]),
    ("整改和成果运用", [
        ("督促被巡察党组织按期报送整改方案和整改报告，逐项销号", 12),
        ("通过专题报告、抄告单等推动巡察成果运用", 8),
        ("整改监督纳入日常监督，开展整改评估", 10),
    ]),
    ("队伍和机构建设", [
        ("巡察干部选育管用，人才库动态管理", 8),
        ("巡察机构规范化建设和制度执行", 7),
    ]),
]

# district code -> points lost per item (in the order above); None: not scored yet
LOST = {
    "350206": [0, 0.5, 0, 1, 1, 0.5, 0.5, 1, 1, 0.5, 0, 0.5],  # 湖里区 93.5
    "350211": [1, 1, 0.5, 2, 1.5, 1, 1, 2, 1, 1.5, 0.5, 0.5],  # 集美区 86.5
    "350205": [0.5, 1, 1, 1.5, 2, 1, 1.5, 2, 1.5, 1, 0.5, 0],  # 海沧区 86.5
    "350212": [2, 1.5, 1, 3, 2.5, 2, 1.5, 3, 2, 2, 1, 1],  # 同安区 77.5
    "350213": [3, 2, 2, 4, 4, 3, 2, 5, 3, 3, 2, 2],  # 翔安区 65.0
    "350203": [0, 0, 0, 1, 0.5, 0.5, 0, 1.5, 0, 1, 0, None],  # 思明区: the last item to score
}

REASONS = {
    0: "对照考评细则逐项核查，材料齐全，符合要求，不扣分。",
    1: "实地督导检查发现个别环节落实不够到位，酌情扣分。",
    2: "督导检查发现问题较多，整改推进偏慢，按细则扣分。",
}


def _reason(lost: float) -> str:
    return REASONS[0 if lost == 0 else 1 if lost <= 1.5 else 2]


def load_appraisal():
    from django.contrib.auth import get_user_model

    from xuncha.orgs.models import Organisation

    year = timezone.localdate().year
    city = Organisation.objects.filter(code="350200").first()
    if city is None or AppraisalScheme.objects.filter(owner=city, year=year).exists():
        return None
    office = get_user_model().objects.get(username="office")
    scheme = domain.create_scheme(by=office, owner=city, year=year, title=f"{year}年度区(市)党委巡察工作考评细则")
    items = []
    for name, rows in SECTIONS:
        section = domain.add_section(scheme, by=office, name=name)
        items += [domain.add_item(section, by=office, text=text, max_points=Decimal(points)) for text, points in rows]
    for code, lost in LOST.items():
        subject = Organisation.objects.get(code=code)
        appraisal = domain.start_appraisal(by=office, scheme=scheme, subject=subject)
        for item, minus in zip(items, lost, strict=True):
            if minus is None:
                continue
            domain.score_item(appraisal, by=office, item=item, score=item.max_points - Decimal(str(minus)),
                              reason=_reason(minus))
        if None not in lost:
            domain.sign_off(appraisal, by=office)
    return scheme
