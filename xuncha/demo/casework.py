"""Seed 004's clue and petition numbers entered as rows, through the workflow functions.

Seed 004 (湖里区, 2022): 受理线索46条, 办结率93.48% (43 concluded); 21 people handled —
立案6, 谈话提醒1, 批评教育6, 责令检查2, 诫勉6 — of whom 处级10, 科级5, 国企中层6; petitions
办结63件, 正在办理2件 (65). Names are invented.
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

DISPOSITIONS = (
    ["case_filed"] * 6 + ["talk_reminder"] + ["criticism"] * 6 + ["ordered_review"] * 2 + ["admonishment"] * 6
)
RANKS = ["division"] * 10 + ["section"] * 5 + ["soe_middle"] * 6
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎"


def enter_seed_004_casework(inspection, *, office, second_signer, reviewer, receiving_body, start: date):
    """46 clues (43 concluded, 21 people disposed of across them) and 65 petitions (63 concluded)."""
    people = list(zip(DISPOSITIONS, RANKS, strict=True))
    for number in range(46):
        received = start + timedelta(days=number)
        persons = [{"name": f"{SURNAMES[number]}某", "rank": "other", "position": ""}]
        # the first 21 clues each concern one of the 21 people handled
        if number < 21:
            persons = [{"name": f"{SURNAMES[number]}某某", "rank": people[number][1], "position": "干部"}]
        clue = clues.create_clue(
            inspection,
            by=office,
            allegation=f"反映有关人员违规问题（第{number + 1}条）",
            source="petition",
            received_on=received,
            persons=persons,
        )
        clue = clues.sign_clue(clue, by=office)
        clue = clues.sign_clue(clue, by=second_signer)
        clue = clues.transfer_clue(
            clue, by=office, receiving_body=receiving_body, receiving_kind="discipline", on=received + timedelta(days=3)
        )
        if number >= 43:
            continue  # three still being handled
        clue = clues.acknowledge_receipt(clue, by=reviewer, on=received + timedelta(days=4))
        clue = clues.record_handling(clue, by=reviewer, method="preliminary" if number < 21 else "closed")
        disposition = people[number][0] if number < 21 else ""
        clues.conclude_clue(
            clue,
            by=reviewer,
            on=received + timedelta(days=60),
            conclusion="已办结",
            dispositions={clue.persons.get().pk: disposition},
        )
    for number in range(65):
        received = start + timedelta(days=number % 30)
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
        petitions.refuse_petition(petition, by=office, reason="不属于巡察受理范围，已转有关部门") if number % 2 else (
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


def load_casework() -> None:
    """Seed 004's numbers on the 湖里区 inspection; a live petition and clue on 市委宣传部's."""
    huli = Inspection.objects.get(title="对中共厦门市湖里区委员会的常规巡察")
    if huli.clues.exists():
        return
    office, office2 = User.objects.get(username="office"), User.objects.get(username="office2")
    reviewer = User.objects.get(username="discipline")
    commission = Organisation.objects.get(code="350200-JW")
    findings.ensure_default_categories()
    enter_seed_004_casework(
        huli, office=office, second_signer=office2, reviewer=reviewer, receiving_body=commission, start=date(2021, 7, 1)
    )
    xcbu = Inspection.objects.get(title__startswith="对中共厦门市委宣传部")
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
