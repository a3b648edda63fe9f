"""Seed 004's casework entered as rows, through the workflow functions, on the inspection it
belongs to: the provincial 巡视 of 湖里区委 by 省委巡视一组 (feedback 2021-06-25), never a city
inspection.

Seed 004 (湖里区, 2022), section 三 and the opening paragraph: 6 clues transferred (见人见事问题),
6 concluded (线索办结率 100%); 21 people handled — 立案6 (a stage: the outcome decides the form
later) + 谈话提醒1 + 批评教育6 + 责令检查2 + 诫勉6 — of whom 处级10, 科级5, 国企中层及以上6;
petitions 办结63件, 正在办理2件 (65). Names are invented. The district's own anti-gang clues
(problem (10): "受理各类线索46条，办结率93.48%") are that work's figures, not the inspection's.
"""

from datetime import date, timedelta

from xuncha.accounts.models import User
from xuncha.clues import domain as clues
from xuncha.findings import domain as findings
from xuncha.findings.models import Category
from xuncha.inspections.models import Inspection
from xuncha.orgs.models import Organisation
from xuncha.petitions import domain as petitions
from xuncha.petitions.identity import Identity

PROVINCIAL_TITLE = "省委巡视一组对湖里区委的巡视"  # xuncha/demo/reports.py imports it from seed 004
TEAM_LEADER = "xunshi1_leader"

# the 21 people: (立案, outcome) — six filed cases awaiting their outcome, then the first form
OUTCOMES = [(True, "")] * 6 + [(False, "talk_reminder")] + [(False, "criticism")] * 6
OUTCOMES += [(False, "ordered_review")] * 2 + [(False, "admonishment")] * 6
RANKS = ["division"] * 10 + ["section"] * 5 + ["soe_middle"] * 6
CLUE_SIZES = [4, 4, 4, 3, 3, 3]  # 21 people over the 6 clues transferred
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎"


def enter_seed_004_casework(inspection, *, office, second_signer, reviewer, receiving_body, start: date):
    """6 clues transferred on `start` and concluded, with the 21 people's 立案 and outcomes, and
    65 petitions (63 concluded, 2 in progress). Clues are received during the inspection and
    transferred after the feedback, as decided (DOMAIN.md, the workflow, step 4)."""
    received_from = inspection.entry_on or start - timedelta(days=60)
    people = iter(enumerate(zip(OUTCOMES, RANKS, strict=True)))
    for number, size in enumerate(CLUE_SIZES):
        received = received_from + timedelta(days=3 * number)
        group = [next(people) for _ in range(size)]
        clue = clues.create_clue(
            inspection,
            by=office,
            allegation=f"反映有关干部违规违纪问题（第{number + 1}条）",
            source="petition" if number % 2 else "talk",
            received_on=received,
            persons=[
                {"name": f"{SURNAMES[index]}某某", "rank": rank, "position": "干部"} for index, (_, rank) in group
            ],
        )
        clue = clues.sign_clue(clue, by=office)
        clue = clues.sign_clue(clue, by=second_signer)
        transferred = start + timedelta(days=number)
        clue = clues.transfer_clue(
            clue, by=office, receiving_body=receiving_body, receiving_kind="discipline", on=transferred
        )
        clue = clues.acknowledge_receipt(clue, by=reviewer, on=transferred + timedelta(days=3))
        clue = clues.record_handling(clue, by=reviewer, method="preliminary")
        concluded = transferred + timedelta(days=90)
        clue = clues.conclude_clue(clue, by=reviewer, on=concluded, conclusion="已办结", dispositions={})
        for person, (_, ((filed, outcome), _rank)) in zip(clue.persons.order_by("pk"), group, strict=True):
            clues.record_outcome(
                clue,
                by=reviewer,
                person=person,
                disposition=outcome,
                case_filed_on=concluded - timedelta(days=30) if filed else None,
            )
        clues.report_back(clue, by=reviewer, on=concluded + timedelta(days=5))
    refused = inspection.words.say("不属于巡察受理范围，已转有关部门")
    for number in range(65):
        received = received_from + timedelta(days=number % 25)
        petition = petitions.receive_petition(
            inspection,
            by=office,
            channel=["letter", "visit", "phone", "online", "qr"][number % 5],
            received_on=received,
            content=f"群众反映社区事务办理不规范问题（第{number + 1}件）",
            identity=Identity(name=f"{SURNAMES[number % len(SURNAMES)]}先生", phone=f"1380000{number:04d}")
            if number % 3
            else None,
        )
        petitions.refuse_petition(petition, by=office, reason=refused) if number % 2 else (
            petitions.triage_to_fix(
                petition,
                by=office,
                organisation=inspection.targets.first().organisation,
                description="请核查并立行立改。",
                handed_over_on=received,
                deadline=received + timedelta(days=15),
            )
        )
        if number < 63:
            petitions.conclude_petition(
                petition, by=office, reply="已核查处理并答复。", on=received + timedelta(days=20)
            )


def _team_leader(inspection) -> User:
    """The leader of 省委巡视一组, who gave the clues their second signature (双签字) in 2021:
    a closed account (the team was dissolved when the inspection ended), kept for the record
    and never printed with the demo's accounts."""
    from xuncha.accounts.domain import create_user, grant_role
    from xuncha.accounts.enums import Role
    from xuncha.demo.loader import new_password
    from xuncha.people.domain import create_person
    from xuncha.people.models import Person
    from xuncha.staffing.domain import assign_member

    user = User.objects.filter(username=TEAM_LEADER).first()
    if user is not None:
        return user
    office = Organisation.objects.get(code="350000-XSB")
    person = Person.objects.filter(name="程远航", organisation=office).first() or create_person(
        by=None, organisation=office, name="程远航", position="省委第一巡视组组长", rank="bureau"
    )
    user = create_user(
        by=None,
        username=TEAM_LEADER,
        password=new_password(),
        organisation=office,
        display_name="程远航",
        person=person,
    )
    grant_role(by=None, grantee=user, role=Role.TEAM_MEMBER, organisation=office, inspection=inspection, note="demo")
    assign_member(inspection, by=None, person=person, role="leader")
    return user


def _close(user) -> None:
    from xuncha.accounts.domain import set_user_active

    if user.is_active:
        set_user_active(user, by=None, active=False, reason="巡视结束，巡视组撤销，账号关闭")


def load_casework() -> None:
    """Seed 004's casework on the provincial inspection of 湖里区委 (xuncha/demo/reports.py
    imports it first); a live petition and clue on 市委宣传部's inspection."""
    huli = Inspection.objects.get(title=PROVINCIAL_TITLE)
    office = User.objects.get(username="office")
    findings.ensure_default_categories()
    if not huli.clues.exists():
        leader = _team_leader(huli)
        enter_seed_004_casework(
            huli,
            office=User.objects.get(username="office_province"),
            second_signer=leader,
            reviewer=User.objects.get(username="discipline"),
            receiving_body=Organisation.objects.get(code="350200-JW"),
            start=date(2021, 7, 1),
        )
        _close(leader)
    xcbu = Inspection.objects.get(title__startswith="对中共厦门市委宣传部")
    if xcbu.clues.exists():
        return
    petitions.receive_petition(
        xcbu,
        by=office,
        channel="qr",
        received_on=date(2021, 1, 8),
        content="反映某处室负责人在文化活动经费使用中虚报冒领，涉及金额约十万元。",
        identity=Identity(name="林某某", phone="13906001234", workplace="某文化单位", address="厦门市思明区"),
    )
    clue = clues.create_clue(
        xcbu,
        by=office,
        allegation="反映某处负责人违规接受管理服务对象宴请。",
        source="talk",
        received_on=date(2021, 1, 12),
        persons=[{"name": "郭某", "rank": "division", "position": "处长"}],
    )
    clues.sign_clue(clue, by=office)
    # a petition the office made a finding of: the finding keeps the matter, never the reporter
    reported = petitions.receive_petition(
        xcbu,
        by=office,
        channel="letter",
        received_on=date(2021, 1, 10),
        content="反映宣传部下属单位采购程序不规范，举报人林某某（电话13906001234）愿配合核查。",
        identity=Identity(name="林某某", phone="13906001234"),
    )
    petitions.triage_to_finding(
        reported,
        by=office,
        text="下属单位采购程序不规范，举报人林某某（电话13906001234）反映。",
        category=Category.objects.order_by("pk").first(),
        organisation=xcbu.targets.first().organisation,
    )
