"""Demo planning data from seed 002's world: 十二届市委 with its 第十四轮 and 第十五轮 (第三批
inspected 市委宣传部, 市委政研室, 市委台港澳办, 市民宗局党组 and 驻京办党组 from 2020年12月28日),
a special inspection of 夏商集团's idle assets (seed 000's 782.61 / 467.54), teams, talent pools,
and deliberate gaps: several city bodies and districts are not yet inspected.

刘德明 worked in 湖里区 until 2023, so assigning him to a team inspecting 湖里区 is refused
(回避): the demo shows the refusal.
"""

from datetime import date
from decimal import Decimal

from xuncha.accounts.models import User
from xuncha.inspections.domain import (
    add_indicator,
    create_information_request,
    create_inspection,
    record_reading,
)
from xuncha.orgs.models import Organisation
from xuncha.people.domain import create_person
from xuncha.people.models import Person
from xuncha.plans.domain import create_batch, create_round, create_term, set_scope_rule
from xuncha.plans.models import Term
from xuncha.staffing.domain import add_pool_member, assign_member, create_pool, evaluate

TERM_NAME = "十二届市委"

BATCH_3 = [  # (org code, team, leader, member)
    ("350200-XCBU", "市委第一巡察组", "陈志远", "林秀英"),
    ("350200-ZYS", "市委第二巡察组", "吴建华", "张丽萍"),
    ("350200-TGA", "市委第三巡察组", "郑国强", "王晓燕"),
    ("350200-MZJ", "市委第四巡察组", "高文斌", "何美华"),
    ("350200-ZJB", "市委第五巡察组", "罗明辉", "许静怡"),
]


def _org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def _person(name: str, org_code: str, position: str, rank: str = "section") -> Person:
    org = _org(org_code)
    return Person.objects.filter(name=name, organisation=org).first() or create_person(
        by=None, organisation=org, name=name, position=position, rank=rank
    )


def load_planning() -> Term:
    term = Term.objects.filter(name=TERM_NAME, owner__code="350200").first()
    if term is not None:
        return term
    city = _org("350200")
    term = create_term(
        by=None,
        owner=city,
        name=TERM_NAME,
        starts_on=date(2016, 10, 1),
        ends_on=date(2021, 9, 30),
        scope_levels=["city", "district"],
    )
    set_scope_rule(term, by=None, organisation=city, include=True, subtree=True)
    for code in ("350200-XCB", "350200-JW", "350200-ZZB"):
        set_scope_rule(term, by=None, organisation=_org(code), include=False, subtree=True)
    for district in ("350203", "350206", "350211", "350205", "350212", "350213"):
        set_scope_rule(term, by=None, organisation=_org(f"{district}-XCB"), include=False, subtree=False)

    round14 = create_round(by=None, term=term, number=14, starts_on=date(2020, 3, 1), ends_on=date(2020, 11, 30))
    round15 = create_round(by=None, term=term, number=15, starts_on=date(2020, 9, 1), ends_on=date(2021, 6, 30))
    create_batch(by=None, round=round15, number=1, starts_on=date(2020, 9, 1), ends_on=date(2020, 11, 15))
    create_batch(by=None, round=round15, number=2, starts_on=date(2020, 10, 15), ends_on=date(2020, 12, 31))
    batch3 = create_batch(by=None, round=round15, number=3, starts_on=date(2020, 12, 28), ends_on=date(2021, 4, 30))

    team_user = User.objects.filter(username="team").select_related("person").first()
    for index, (code, team, leader, member) in enumerate(BATCH_3):
        org = _org(code)
        inspection = create_inspection(
            by=None,
            term=term,
            round=round15,
            batch=batch3,
            title=f"对{org.name}的常规巡察",
            team_name=team,
            targets=[org],
            entry_on=date(2020, 12, 28),
            exit_on=date(2021, 2, 28),
            feedback_on=date(2021, 4, 20),
            phone=f"0592-29{index + 1}8{index + 1}00",
            mailbox=f"厦门市邮政{index + 101}号信箱",
        )
        assign_member(
            inspection, by=None, person=_person(leader, "350200-XCB", "巡察组组长", "division"), role="leader"
        )
        assign_member(inspection, by=None, person=_person(member, "350200-JW", "纪检监察干部"), role="member")
        if index == 0 and team_user is not None and team_user.person:
            assign_member(inspection, by=None, person=team_user.person, role="liaison")
        if index == 0:
            create_information_request(
                inspection,
                by=None,
                recipient_kind="discipline",
                recipient=_org("350200-JW"),
                subject="请提供被巡察党组织领导班子成员近三年信访举报、问题线索处置及党纪政务处分情况。",
                sent_on=date(2020, 12, 10),
                due_on=date(2020, 12, 20),
            )
            create_information_request(
                inspection,
                by=None,
                recipient_kind="audit",
                subject="请提供近三年审计发现问题及整改情况。",
                sent_on=date(2020, 12, 10),
                due_on=date(2020, 12, 20),
            )

    siming = create_inspection(
        by=None,
        term=term,
        round=round14,
        title="对中共厦门市思明区委员会的常规巡察",
        team_name="市委第六巡察组",
        targets=[_org("350203")],
        entry_on=date(2020, 4, 7),
        exit_on=date(2020, 6, 5),
        feedback_on=date(2020, 8, 12),
    )
    huli = create_inspection(
        by=None,
        term=term,
        round=round14,
        title="对中共厦门市湖里区委员会的常规巡察",
        team_name="市委第七巡察组",
        targets=[_org("350206")],
        entry_on=date(2020, 4, 7),
        exit_on=date(2020, 6, 5),
        feedback_on=date(2020, 8, 12),
    )
    xiashang = create_inspection(
        by=None,
        term=term,
        round=round14,
        kind="special",
        theme="国有资产管理使用情况",
        title="对夏商集团国有资产管理使用情况的专项巡察",
        team_name="市委第八巡察组",
        targets=[_org("350200-XS")],
        entry_on=date(2020, 7, 1),
        exit_on=date(2020, 8, 15),
        feedback_on=date(2020, 10, 10),
    )
    indicator = add_indicator(
        xiashang,
        by=None,
        name="闲置资产去化率",
        unit="万平方米",
        baseline=Decimal("782.61"),
        target=Decimal("626.09"),
    )
    record_reading(indicator, by=None, on=date(2021, 6, 30), value=Decimal("301.20"), note="半年盘点")
    record_reading(indicator, by=None, on=date(2021, 12, 31), value=Decimal("467.54"), note="年度盘点")

    leaders = create_pool(by=None, owner=city, name="市委巡察组组长库", kind="leaders")
    liaisons = create_pool(by=None, owner=city, name="联络员后备人才库", kind="liaisons")
    experts = create_pool(by=None, owner=city, name="巡察专家智库", kind="experts")
    for name in ("陈志远", "吴建华", "郑国强", "高文斌", "罗明辉"):
        add_pool_member(
            leaders,
            by=None,
            person=_person(name, "350200-XCB", "巡察组组长", "division"),
            joined_on=date(2019, 1, 1),
            specialties=["纪检", "组织人事"],
        )
    liu = Person.objects.get(name="刘德明")
    add_pool_member(liaisons, by=None, person=liu, joined_on=date(2023, 9, 1), specialties=["组织人事"])
    add_pool_member(
        liaisons,
        by=None,
        person=_person("林秀英", "350200-JW", "纪检监察干部"),
        joined_on=date(2020, 1, 1),
        specialties=["纪检", "信访"],
    )
    add_pool_member(
        experts,
        by=None,
        person=_person("谢秋月", "350200-XCBU", "市委宣传部办公室主任"),
        joined_on=date(2020, 5, 1),
        specialties=["法律"],
        available=False,
        availability_note="2025年借调中",
    )
    add_pool_member(
        experts,
        by=None,
        person=_person("李思远", "350200-XS", "夏商集团资产管理部经理", "soe_middle"),
        joined_on=date(2020, 5, 1),
        specialties=["财务", "国有资产"],
    )

    for inspection in (siming, huli):
        assign_member(
            inspection,
            by=None,
            person=_person("蔡明哲", "350200-XCB", "巡察组组长", "division"),
            role="leader",
        ) if inspection is siming else None
    leader = assign_member(
        huli, by=None, person=_person("邱文涛", "350200-ZZB", "干部监督处处长", "division"), role="leader"
    )
    evaluate(leader, by=None, grade="excellent", comment="组织有力，发现问题精准。")
    return term
