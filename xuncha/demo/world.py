"""The demo world: 福建省 above 厦门市 (the seeds are provincial inspections); 厦门市's six
districts with streets and communities; the city bodies inspected in seed 002's batch; a
state-owned group; and the bodies that run and review inspections.

Organisation rows are (code, name, level, kind, children). People's names are invented.
"""

from xuncha.accounts.enums import Role
from xuncha.orgs.enums import OrgKind as K
from xuncha.orgs.enums import OrgLevel as L
from xuncha.people.enums import Rank

CITY = "350200"


def _district(code, name, streets):
    return (
        code,
        f"中共厦门市{name}委员会",
        L.DISTRICT,
        K.PARTY_COMMITTEE,
        [
            (f"{code}-XCB", f"中共厦门市{name}委巡察工作领导小组办公室", L.DISTRICT, K.INSPECTION_OFFICE, []),
            *[
                (
                    f"{code}-{i:02d}",
                    f"{street}党工委",
                    L.TOWN,
                    K.STREET,
                    [
                        (f"{code}-{i:02d}-{j:02d}", f"{c}党委", L.VILLAGE, K.COMMUNITY, [])
                        for j, c in enumerate(comms, 1)
                    ],
                )
                for i, (street, comms) in enumerate(streets, 1)
            ],
        ],
    )


PROVINCE = "350000"

CITY_TREE = (
    CITY,
    "中共厦门市委员会",
    L.CITY,
    K.PARTY_COMMITTEE,
    [
        ("350200-XCB", "中共厦门市委巡察工作领导小组办公室", L.CITY, K.INSPECTION_OFFICE, []),
        ("350200-JW", "中共厦门市纪律检查委员会 厦门市监察委员会", L.CITY, K.DISCIPLINE_COMMISSION, []),
        ("350200-ZZB", "中共厦门市委组织部", L.CITY, K.ORGANISATION_DEPARTMENT, []),
        ("350200-XCBU", "中共厦门市委宣传部", L.CITY, K.DEPARTMENT, []),
        ("350200-ZYS", "中共厦门市委政策研究室", L.CITY, K.DEPARTMENT, []),
        ("350200-TGA", "中共厦门市委台港澳工作办公室", L.CITY, K.DEPARTMENT, []),
        ("350200-MZJ", "中共厦门市民族与宗教事务局党组", L.CITY, K.PARTY_GROUP, []),
        ("350200-ZJB", "厦门市人民政府驻北京办事处党组", L.CITY, K.PARTY_GROUP, []),
        ("350200-XS", "厦门夏商集团有限公司党委", L.CITY, K.STATE_ENTERPRISE, []),
        _district("350203", "思明区", [("梧村街道", ["文灶社区", "金山社区"]), ("中华街道", ["仁安社区"])]),
        _district("350206", "湖里区", [("湖里街道", ["湖里社区", "塘边社区"]), ("殿前街道", ["殿前社区"])]),
        _district("350211", "集美区", [("集美街道", ["岑西社区"])]),
        _district("350205", "海沧区", [("海沧街道", ["海发社区"])]),
        _district("350212", "同安区", [("大同街道", ["东山社区"])]),
        _district("350213", "翔安区", [("新店街道", ["新店社区"])]),
    ],
)

TREE = (
    PROVINCE,
    "中共福建省委员会",
    L.PROVINCE,
    K.PARTY_COMMITTEE,
    [
        ("350000-XSB", "中共福建省委巡视工作领导小组办公室", L.PROVINCE, K.INSPECTION_OFFICE, []),
        CITY_TREE,
    ],
)

# (username, display name, home org code, role, scope org code, position, rank)
ACCOUNTS = [
    ("office", "林晓峰", "350200-XCB", Role.OFFICE, CITY, "市委巡察办综合室主任", Rank.DIVISION),
    ("office_province", "何建新", "350000-XSB", Role.OFFICE, PROVINCE, "省委巡视办督查室主任", Rank.DIVISION),
    ("office2", "苏建平", "350200-XCB", Role.OFFICE, CITY, "市委巡察办副主任", Rank.DIVISION),
    ("office_siming", "陈雅琴", "350203-XCB", Role.OFFICE, "350203", "区委巡察办副主任", Rank.SECTION),
    ("team", "黄志斌", "350200-XCB", Role.TEAM_MEMBER, "350206", "市委第一巡察组组员", Rank.SECTION),
    ("liaison", "吴丽华", "350203-01", Role.LIAISON, "350203-01", "梧村街道党工委办公室主任", Rank.SECTION),
    ("unit", "郑海燕", "350203-01-01", Role.RESPONSIBLE_UNIT, "350203-01-01", "文灶社区党委书记", Rank.OTHER),
    (
        "discipline",
        "许文杰",
        "350200-JW",
        Role.DISCIPLINE_REVIEWER,
        CITY,
        "市纪委监委案件监督管理室干部",
        Rank.SECTION,
    ),
    (
        "orgdept",
        "蔡佳颖",
        "350200-ZZB",
        Role.ORGANISATION_REVIEWER,
        CITY,
        "市委组织部干部监督处干部",
        Rank.SECTION,
    ),
    ("leader", "周国庆", "350200-XCB", Role.LEADERSHIP, CITY, "市委巡察工作领导小组成员", Rank.BUREAU),
    ("sysadmin", "系统管理员", "350200-XCB", Role.SYSTEM_ADMIN, PROVINCE, "", Rank.OTHER),
    ("secadmin", "安全保密管理员", "350200-XCB", Role.SECURITY_ADMIN, PROVINCE, "", Rank.OTHER),
    ("auditor", "安全审计员", "350200-XCB", Role.AUDITOR, PROVINCE, "", Rank.OTHER),
]

# Further grants for accounts above: (username, role, scope org code)
EXTRA_GRANTS = [("office", Role.IDENTITY_READER, CITY)]

# Other people: (name, org code, position, rank, [(previous org code, position, start, end)])
PEOPLE = [
    ("杨振华", "350206", "湖里区委副书记", Rank.DIVISION, []),
    ("洪美玲", "350206-01", "湖里街道党工委书记", Rank.SECTION, []),
    ("王建国", "350200-XS", "夏商集团党委副书记", Rank.DIVISION, []),
    ("李思远", "350200-XS", "夏商集团资产管理部经理", Rank.SOE_MIDDLE, []),
    (
        "刘德明",
        "350203",
        "思明区委组织部部长",
        Rank.DIVISION,
        [("350206", "湖里区委组织部副部长", "2019-03-01", "2023-06-30")],
    ),
    ("谢秋月", "350200-XCBU", "市委宣传部办公室主任", Rank.SECTION, []),
    ("方宏伟", "350200-ZYS", "市委政研室副主任", Rank.DIVISION, []),
    ("邱晓东", "350211", "集美区委办副主任", Rank.SECTION, []),
]
