"""The demo's current work, dated from the day the demo is loaded, so that every demo account
finds something to do on its workbench (issue 14) and the current term has not ended.

* 十三届市委 (from about four years before the load to about one year after): rounds 1–7
  inspected the districts and city bodies (dates only, for the term's coverage); its 第八轮 and
  that round's 第一批 hold two inspections:
  - 市委第一巡察组's escalated inspection of 梧村街道党工委 (the `liaison` account's street; the
    `unit` account is its 文灶社区): entry 90 days before the load, feedback 45 days before,
    a feedback tree of 3 aspects, 6 items and 8 problems, and a plan approved 30 days before
    (after the joint review of the discipline commission and the organisation department)
    with one measure in each state: overdue, due within 20 days, done and waiting for sign-off
    (待销号), returned by the office, done and not yet sent for sign-off, ongoing, signed off;
    a change request, warnings, supervision letters (one to answer, one answered, one draft),
    petitions (one to triage, one open immediate fix, one fix whose reporter is to be answered)
    and clues (one signature given, both signatures given, transferred to the discipline
    commission, transferred to the organisation department);
  - 市委第二巡察组's inspection of 市民宗局党组, whose plan is under joint review (三方联审): the
    discipline commission has signed, the organisation department has not.
* 十二届思明区委 with 区委第二巡察组 now inspecting 中华街道党工委: a petition to triage and a
  clue with one signature (the `office_siming` account's work).
* An account whose password the system administrator reset and whose holder has chosen a new
  one: waiting for the security administrator's confirmation.

Every step goes through the declared actions (`xuncha.workflow.actions.take`), taken by the
demo account whose step it is, so the audit trail, the tallies and the hand-off notifications
are those of real use. Steps dated in the past call the domain function with its date and then
tell the next actor as `take` does (`_told`). The whole is created once: when 十三届市委
exists, nothing is done.
"""

import secrets
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from xuncha.accounts.models import User
from xuncha.clues import domain as clues
from xuncha.findings import domain as findings
from xuncha.inspections.domain import create_inspection
from xuncha.orgs.models import Organisation
from xuncha.people.domain import add_employment, create_person
from xuncha.people.models import Person
from xuncha.petitions import domain as petitions
from xuncha.petitions.identity import Identity
from xuncha.plans.domain import create_batch, create_round, create_term, set_scope_rule
from xuncha.plans.models import Term
from xuncha.rectification import domain as rectification
from xuncha.rectification import jointreview
from xuncha.staffing.domain import add_pool_member, appraise_team, assign_member, create_pool
from xuncha.workflow import actions, handoff
from xuncha.workflow.actions import take

CITY_TERM = "十三届市委"
DISTRICT_TERM = "十二届思明区委"
CLERK = "clerk"  # the account waiting for the security administrator

WUCUN, WENZAO = "350203-01", "350203-01-01"

# The feedback of the inspection of 梧村街道: (aspect, [(item, [(problem, measure)])]).
# A measure is (key, target, content, on 文灶社区?, deadline in days from the load or None for
# ongoing, what happens to it). The keys name the states the demo needs.
FEEDBACK = [
    (
        "贯彻落实党的路线方针政策和党中央决策部署方面",
        [
            (
                "基层治理责任落实不够到位",
                [
                    (
                        "老旧小区改造中群众反映的问题回应不及时",
                        ("overdue", "群众反映问题按期办结", "建立老旧小区改造问题台账，逐户回访销号", True, -10),
                    ),
                    (
                        "网格化管理队伍力量配备不足",
                        ("late", "网格员按标准配齐", "按每300户1名标准补齐专职网格员", False, -3),
                    ),
                ],
            ),
            (
                "为民办实事推进不力",
                [
                    (
                        "社区养老服务站点运营不规范",
                        ("soon", "养老服务站点规范运营", "制定服务站点运营管理办法，开展一次全面检查", True, 7),
                    ),
                ],
            ),
        ],
    ),
    (
        "落实全面从严治党战略部署方面",
        [
            (
                "主体责任压得不实",
                [
                    (
                        "党工委理论学习中心组学习流于形式",
                        ("requested", "中心组学习制度落实到位", "修订中心组学习规则，建立学习督学机制", False, 15),
                    ),
                ],
            ),
            (
                "监督执纪偏松偏软",
                [
                    (
                        "社区“三资”管理不规范，集体资产租赁合同未按规定公开",
                        ("returned", "“三资”管理公开透明", "清理集体资产租赁合同，全部在村务公开栏公示", True, 40),
                    ),
                ],
            ),
        ],
    ),
    (
        "落实新时代党的组织路线方面",
        [
            (
                "基层党组织建设存在薄弱环节",
                [
                    (
                        "部分社区党组织“三会一课”制度落实不严",
                        ("ongoing", "“三会一课”常态化开展", "每季度抽查各社区组织生活记录", True, None),
                    ),
                    (
                        "发展党员工作程序不规范",
                        ("signed_off", "发展党员程序规范", "逐一复核近三年发展党员档案，补齐缺失材料", False, -20),
                    ),
                ],
            ),
            (
                "干部队伍建设有待加强",
                [
                    (
                        "社区工作者考核激励机制不健全",
                        ("done", "考核激励机制健全", "出台社区工作者绩效考核办法并兑现奖惩", True, 45),
                    ),
                ],
            ),
        ],
    ),
]

MZJ_FEEDBACK = [
    (
        "落实全面从严治党战略部署方面",
        "党组主体责任落实不到位",
        ["对宗教活动场所财务监管不严", "党组会议议事规则执行不严格"],
    ),
]


def _org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _person(name: str, org_code: str, position: str, rank: str = "section") -> Person:
    org = _org(org_code)
    return Person.objects.filter(name=name, organisation=org).first() or create_person(
        by=None, organisation=org, name=name, position=position, rank=rank
    )


def _told(name: str, obj, *, by, result=None):
    """Tell the next actor of a step taken through its domain function (with a past date), as
    `take` does after the step."""
    handoff.after_step(actions.get(name), obj, by=by, result=result)
    return result


def term_dates(today: date) -> tuple[date, date]:
    """About four years before `today` to about one year after: a five-year term that has not
    ended (never before the end of 十二届市委)."""
    starts = max(date(today.year - 4, today.month, 1), date(2021, 10, 1))
    ends = date(today.year + 1, today.month, 1) - timedelta(days=1)
    return starts, ends


def load_current(*, today: date | None = None) -> Term:
    existing = Term.objects.filter(name=CITY_TERM, owner__code="350200").first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    findings.ensure_default_categories()
    city = _org("350200")
    starts, ends = term_dates(today)
    term = create_term(
        by=None, owner=city, name=CITY_TERM, starts_on=starts, ends_on=ends, scope_levels=["city", "district"]
    )
    set_scope_rule(term, by=None, organisation=city, include=True, subtree=True)
    for code in ("350200-XCB", "350200-JW", "350200-ZZB"):
        set_scope_rule(term, by=None, organisation=_org(code), include=False, subtree=True)
    _earlier_rounds(term, starts, day)
    round8 = create_round(by=None, term=term, number=8, starts_on=max(starts, day(-120)), ends_on=day(90))
    batch1 = create_batch(by=None, round=round8, number=1, starts_on=max(starts, day(-100)), ends_on=day(-20))

    _inspect_wucun(term, round8, batch1, day)
    _inspect_mzj(term, round8, batch1, day)
    _inspect_zhonghua(today, day)
    _campaign(city, today)
    _account_to_confirm()
    return term


EARLIER = [  # the term's first seven rounds: two bodies inspected in each (no ledger is kept here)
    ("350203", "350206"),
    ("350200-XCBU", "350200-ZYS"),
    ("350211", "350205"),
    ("350200-TGA", "350200-ZJB"),
    ("350212",),
    ("350213",),
    ("350200-XS",),
]
NUMERALS = "一二三四五六七八"


def _earlier_rounds(term, starts, day) -> None:
    """Rounds 1–7, about half a year apart, so that the term's coverage is what four years of
    work give (the leader's figures), without ledgers of their own."""
    for index, codes in enumerate(EARLIER):
        begins = starts + timedelta(days=30 + index * 190)
        ends = min(begins + timedelta(days=150), day(-121))
        if ends <= begins:
            return  # a term loaded on a day near its start has had fewer rounds
        round_ = create_round(by=None, term=term, number=index + 1, starts_on=begins, ends_on=ends)
        for team, code in enumerate(codes, 1):
            org = _org(code)
            create_inspection(
                by=None,
                term=term,
                round=round_,
                title=f"十三届市委第{NUMERALS[index]}轮对{org.name}的常规巡察",
                team_name=f"市委第{NUMERALS[team - 1]}巡察组",
                targets=[org],
                entry_on=begins + timedelta(days=10),
                exit_on=begins + timedelta(days=70),
                feedback_on=begins + timedelta(days=110),
            )


def _inspect_wucun(term, round8, batch1, day):
    office, office2 = _user("office"), _user("office2")
    liaison, unit, team = _user("liaison"), _user("unit"), _user("team")
    wucun, wenzao = _org(WUCUN), _org(WENZAO)
    inspection = create_inspection(
        by=office,
        term=term,
        round=round8,
        batch=batch1,
        kind="escalated",
        title="对梧村街道党工委的提级巡察",
        team_name="市委第一巡察组",
        targets=[wucun],
        entry_on=day(-90),
        exit_on=day(-60),
        feedback_on=day(-45),
        phone="0592-2918100",
        mailbox="厦门市邮政201号信箱",
    )
    assign_member(
        inspection, by=office, person=_person("唐宏亮", "350200-XCB", "巡察组组长", "division"), role="leader"
    )
    assign_member(  # 抽调: lent by the city's discipline commission for the time on site
        inspection,
        by=office,
        person=_person("范丽君", "350200-JW", "纪检监察干部"),
        role="deputy",
        home_unit=_org("350200-JW"),
        secondment_letter=f"厦纪干〔{day(-95).year}〕12号",
    )
    if team.person_id:
        assign_member(inspection, by=office, person=team.person, role="member")
    appraise_team(  # 巡察组工作考评, once the team had left
        inspection, by=office, score="92.5", grade="excellent", comment="进驻期间发现问题精准，立行立改推动有力。"
    )

    # the feedback as given: entered before the feedback meeting, so not a correction
    before = day(-46)
    measures, problems = {}, []
    for aspect_title, items in FEEDBACK:
        aspect = findings.add_aspect(inspection, by=office, title=aspect_title, today=before)
        for item_title, rows in items:
            item = findings.add_item(aspect, by=office, title=item_title, today=before)
            for problem_title, measure in rows:
                problem = findings.add_problem(
                    inspection, by=office, aspect=aspect, item=item, title=problem_title, today=before
                )
                problems.append((problem, measure))

    # the street's plan, drafted and submitted by its liaison, approved by the office
    plan = rectification.start_plan(inspection, by=liaison, organisation=wucun)
    for problem, (key, target, content, shared, offset) in problems:
        fields = {
            "target": target,
            "content": content,
            "leader": "街道党工委书记" if not shared else "街道党工委副书记",
            "lead_unit": wucun,
            "standard": f"{target}，佐证材料齐全",
            "deadline": day(offset) if offset is not None else None,
            "ongoing": offset is None,
            "stage_target": "每季度开展一次抽查，问题即知即改" if offset is None else "",
        }
        measures[key] = take(
            "plan.add_measure",
            plan,
            by=liaison,
            data={"problems": [problem], "units": [wenzao] if shared else [], **fields},
        )
    plan = rectification.submit_plan(plan, by=liaison, on=day(-36))
    _told("plan.submit", plan, by=liaison, result=plan)
    for username, offset in (("discipline", -33), ("orgdept", -31)):  # 三方联审, the term's setting
        reviewer = _user(username)
        at = timezone.make_aware(datetime.combine(day(offset), time(15)))
        _told("plan.sign", plan, by=reviewer, result=jointreview.sign_plan(plan, by=reviewer, at=at))
    plan = rectification.approve_plan(plan, by=office, on=day(-30))
    _told("plan.approve", plan, by=office, result=plan)

    def progress(key, status, text, by=unit):
        take("measure.progress", measures[key], by=by, data={"text": text, "status": status})

    progress("overdue", "in_progress", "已建立问题台账，完成首轮入户回访。")
    progress("soon", "in_progress", "运营管理办法已起草，正在征求意见。")
    progress("requested", "done", "中心组学习规则已修订印发，督学机制已建立。", by=liaison)
    take("measure.request_sign_off", measures["requested"], by=liaison)
    progress("returned", "done", "租赁合同已清理完毕。")
    take("measure.request_sign_off", measures["returned"], by=unit)
    take(
        "measure.return_sign_off",
        measures["returned"],
        by=office,
        data={"reason": "未见合同公示照片等佐证材料，请补充后重新申请销号。"},
    )
    progress("ongoing", "ongoing", "已完成第一季度抽查，发现问题2个，均已整改。")
    progress("signed_off", "done", "近三年发展党员档案已全部复核，缺失材料已补齐。", by=liaison)
    take("measure.request_sign_off", measures["signed_off"], by=liaison)
    take("measure.approve_sign_off", measures["signed_off"], by=office2)
    progress("done", "done", "绩效考核办法已出台，首次考核结果已兑现。")
    take(
        "measure.request_change",
        measures["late"],
        by=liaison,
        data={"reason": "专职网格员招聘须待区里统一招考，申请延期。", "deadline": day(60)},
    )
    _warn(measures.values(), term, today=day(0))
    _letters(inspection, measures, office=office, unit=unit, day=day)
    _casework(inspection, office=office, office2=office2, team=team, wenzao=wenzao, day=day)
    take("inspection.publish_public_pages", inspection, by=office)  # 码上巡: its page, closed since the exit
    return inspection


def _warn(measures, term, *, today):
    """The warnings the daily run would have raised today on these measures."""
    from xuncha.rectification.deadlines import is_open
    from xuncha.supervision.escalation import raise_warning
    from xuncha.supervision.ladder import ladder_for_term

    ladder = ladder_for_term(term)
    for measure in measures:
        measure.refresh_from_db()
        if measure.deadline is None or not is_open(measure):
            continue
        step = ladder.step_on(measure.deadline, today)
        if step is not None:
            raise_warning(measure.pk, step=step, deadline=measure.deadline, today=today)


def _letters(inspection, measures, *, office, unit, day):
    """A 督办通知书 on the overdue measures for the street to answer; a 提醒书 to the community,
    answered, for the office to accept; a 告诫书 drafted for the office to issue."""
    from xuncha.supervision.documents import answer_document, draft_document, issue_document

    overdue = [measures["overdue"], measures["late"]]
    notice = draft_document(
        inspection, by=office, kind="notice", addressee=_org(WUCUN), measures=overdue, today=day(-2)
    )
    issue_document(notice, by=office, on=day(-2))
    reminder = draft_document(
        inspection, by=office, kind="reminder", addressee=_org(WENZAO), measures=[measures["soon"]], today=day(-6)
    )
    issue_document(reminder, by=office, on=day(-6))
    answer_document(
        reminder, by=unit, answer="社区已制定服务站点运营管理办法（征求意见稿），将于期限前完成全面检查。", on=day(-1)
    )
    draft_document(
        inspection,
        by=office,
        kind="warning_letter",
        addressee=_org(WUCUN),
        measures=[measures["overdue"]],
        today=day(0),
    )


def _casework(inspection, *, office, office2, team, wenzao, day):
    """Petitions and clues of the inspection of 梧村街道 (invented people and matters)."""
    petitions.receive_petition(
        inspection,
        by=team,
        channel="qr",
        received_on=day(-70),
        content="反映文灶社区某小区改造后消防通道被占用，多次向社区反映未解决。",
    )
    fix_petition = petitions.receive_petition(
        inspection,
        by=team,
        channel="phone",
        received_on=day(-62),
        content="反映社区养老服务站收费标准未公示。",
        identity=Identity(name="陈女士", phone="13806001111"),
    )
    take(
        "petition.to_fix",
        fix_petition,
        by=office,
        data={
            "organisation": wenzao,
            "description": "养老服务站收费标准未公示，请立行立改并报送整改结果。",
            "handed_over_on": day(-60),
            "deadline": day(10),
        },
    )
    answered = petitions.receive_petition(
        inspection,
        by=team,
        channel="visit",
        received_on=day(-80),
        content="反映社区活动室长期闲置上锁，居民无法使用。",
        identity=Identity(name="黄先生", phone="13906002222"),
    )
    _petition, fix = take(
        "petition.to_fix",
        answered,
        by=office,
        data={
            "organisation": wenzao,
            "description": "社区活动室长期闲置，请立即开放并建立使用管理制度。",
            "handed_over_on": day(-78),
            "deadline": day(-50),
        },
    )
    fix = petitions.record_fix_result(
        fix, by=_user("unit"), result="活动室已于每日8:00-21:00开放，使用管理制度已上墙。", on=day(-55)
    )
    _told("fix.record_result", fix, by=_user("unit"), result=fix)

    commission, department = _org("350200-JW"), _org("350200-ZZB")
    allegations = [
        ("反映某社区党委委员在老旧小区改造工程中为亲属承揽项目提供便利。", "talk", "other"),
        ("反映某社区工作人员违规领取网格员补贴。", "petition", "other"),
        ("反映街道某科室负责人违规收受管理服务对象礼金。", "petition", "section"),
        ("反映街道某干部选拔任用中履行程序不规范。", "talk", "section"),
    ]
    made = []
    for index, (allegation, source, rank) in enumerate(allegations):
        clue = clues.create_clue(
            inspection,
            by=team,
            allegation=allegation,
            source=source,
            received_on=day(-58 + index * 3),
            persons=[{"name": f"{'郭林范谢'[index]}某", "rank": rank, "position": "干部"}],
        )
        made.append(take("clue.sign", clue, by=office))
    # the first waits for its second signature; the others have both
    for clue in made[1:]:
        take("clue.sign", clue, by=office2)
    take(
        "clue.transfer",
        made[2],
        by=office,
        data={"receiving_body": commission, "receiving_kind": "discipline", "on": day(-20)},
    )
    take(
        "clue.transfer",
        made[3],
        by=office,
        data={"receiving_body": department, "receiving_kind": "organisation", "on": day(-18)},
    )
    _talks(inspection, office=office, team=team, wucun=_org(WUCUN), wenzao=wenzao, clues=made, day=day)


def _talks(inspection, *, office, team, wucun, wenzao, clues, day):
    """The team's talk plan (九必谈、三必访, as 厦门市委巡察办 sets it for a street) and the talks and
    visits held: the two clues that came from talks name the talk they came from."""
    from xuncha.talks import domain as talks

    plan = {}
    for kind, category, required in (
        ("talk", "党工委书记", 1),
        ("talk", "党工委班子成员", 3),
        ("talk", "社区党组织书记", 2),
        ("talk", "纪工委干部", 1),
        ("visit", "困难群众", 2),
        ("visit", "老党员", 1),
    ):
        plan[category] = talks.add_plan_item(inspection, by=office, kind=kind, category=category, required=required)
    interviewers = [p for p in (team.person,) if p is not None]
    for offset, kind, category, name, position, org, place, notes, linked in (
        (-88, "talk", "党工委书记", "许某某", "梧村街道党工委书记", wucun, "街道会议室",
         "介绍街道落实全面从严治党主体责任情况；自述老旧小区改造项目推进压力大，监管力量不足。", []),
        (-86, "talk", "党工委班子成员", "陈某", "梧村街道党工委副书记", wucun, "街道会议室",
         "反映个别社区在工程项目发包中存在“先施工后补程序”现象。", [clues[0]]),
        (-85, "talk", "党工委班子成员", "王某", "梧村街道办事处副主任", wucun, "街道会议室",
         "谈及干部选拔任用民主推荐环节组织不够规范。", [clues[3]]),
        (-84, "talk", "社区党组织书记", "郑某", "文灶社区党委书记", wenzao, "文灶社区",
         "介绍社区网格员队伍管理情况，网格员补贴按月发放。", []),
        (-80, "visit", "困难群众", "林阿姨", "低保户", None, "文灶社区居民家中",
         "反映低保复核时间较长，社区工作人员态度较好。", []),
    ):
        talks.record_talk(
            inspection, by=team, kind=kind, held_on=day(offset), subject_name=name, subject_position=position,
            subject_organisation=org, place=place, notes=notes, plan_item=plan[category],
            interviewers=interviewers, clues=linked,
        )


def _inspect_mzj(term, round8, batch1, day):
    """市民宗局党组's plan under joint review: the discipline commission has signed."""
    office = _user("office")
    mzj = _org("350200-MZJ")
    inspection = create_inspection(
        by=office,
        term=term,
        round=round8,
        batch=batch1,
        title="对中共厦门市民族与宗教事务局党组的常规巡察",
        team_name="市委第二巡察组",
        targets=[mzj],
        entry_on=day(-88),
        exit_on=day(-58),
        feedback_on=day(-40),
    )
    assign_member(
        inspection, by=office, person=_person("魏振东", "350200-XCB", "巡察组组长", "division"), role="leader"
    )
    assign_member(inspection, by=office, person=_person("钟晓敏", "350200-JW", "纪检监察干部"), role="member")
    problems = []
    for aspect_title, item_title, titles in MZJ_FEEDBACK:
        aspect = findings.add_aspect(inspection, by=office, title=aspect_title, today=day(-41))
        item = findings.add_item(aspect, by=office, title=item_title, today=day(-41))
        problems += [
            findings.add_problem(inspection, by=office, aspect=aspect, item=item, title=t, today=day(-41))
            for t in titles
        ]
    # 市民宗局 has no demo account: its plan is entered by the system, as an import would
    plan = rectification.start_plan(inspection, by=None, organisation=mzj)  # joint review: the term's setting
    for number, problem in enumerate(problems, 1):
        rectification.add_measure(
            plan,
            by=None,
            problems=[problem],
            target="问题全部整改到位",
            content=f"制定专项整改措施（第{number}项），建立长效机制",
            leader="局党组书记",
            lead_unit=mzj,
            deadline=day(60 + number * 30),
            standard="相关制度印发实施，佐证材料齐全",
        )
    plan = rectification.submit_plan(plan, by=None, on=day(-8))
    _told("plan.submit", plan, by=None, result=plan)
    take("plan.sign", plan, by=_user("discipline"))
    return inspection


def _campaign(city, today):
    """市区联动 (seed 000: "市、区两级同步开展专项巡察"): the city's escalated inspection of 梧村街道
    and 思明区委's own inspection of 中华街道 run as one campaign on the streets, counted together."""
    from xuncha.campaigns.domain import add_inspection, create_campaign
    from xuncha.inspections.models import Inspection

    office = _user("office")
    campaign = create_campaign(
        by=office,
        owner=city,
        name=f"{today.year}年街道党工委巡察（市区联动）",
        year=today.year,
        theme="基层治理和为民服务",
        description="市委巡察机构对梧村街道党工委开展提级巡察，思明区委同步对中华街道党工委开展常规巡察，统一部署、同步推进、合并统计。",
    )
    for title in ("对梧村街道党工委的提级巡察", "对中华街道党工委的常规巡察"):
        add_inspection(campaign, by=office, inspection=Inspection.objects.get(title=title))


def _inspect_zhonghua(today, day):
    """思明区委's own inspection of 中华街道, under way: the district office's work."""
    siming = _org("350203")
    office_siming = _user("office_siming")
    # the district's congress met a few weeks before the city's: its term is not the latest
    starts, ends = (d - timedelta(days=45) for d in term_dates(today))
    term = Term.objects.filter(name=DISTRICT_TERM, owner=siming).first() or create_term(
        by=None, owner=siming, name=DISTRICT_TERM, starts_on=starts, ends_on=ends, scope_levels=["town"]
    )
    set_scope_rule(term, by=None, organisation=siming, include=True, subtree=True)
    round6 = create_round(by=None, term=term, number=6, starts_on=max(starts, day(-30)), ends_on=day(120))
    inspection = create_inspection(
        by=office_siming,
        term=term,
        round=round6,
        title="对中华街道党工委的常规巡察",
        team_name="区委第二巡察组",
        targets=[_org("350203-02")],
        entry_on=day(-15),
        exit_on=day(25),
        phone="0592-2128200",
        mailbox="厦门市思明区邮政88号信箱",
    )
    assign_member(
        inspection, by=office_siming, person=_person("江海涛", "350203-XCB", "巡察组组长", "section"), role="leader"
    )
    _district_pool(siming, inspection, by=office_siming, day=day)
    petitions.receive_petition(
        inspection,
        by=office_siming,
        channel="online",
        received_on=day(-10),
        content="反映仁安社区办事窗口工作人员服务态度差、办事推诿。",
    )
    clue = clues.create_clue(
        inspection,
        by=office_siming,
        allegation="反映某社区负责人虚报冒领社区活动经费。",
        source="petition",
        received_on=day(-8),
        persons=[{"name": "彭某", "rank": "other", "position": "社区干部"}],
    )
    take("clue.sign", clue, by=office_siming)
    _public_channel(inspection, by=office_siming, day=day)


def _district_pool(siming, inspection, *, by, day):
    """The district office's pool of inspectors, from which 中华街道's team is still to be
    staffed: 蔡志明 worked in 中华街道 until last year, so the platform refuses him (回避)."""
    pool = create_pool(by=by, owner=siming, name="思明区巡察干部人才库", kind="frontline")
    for name, code, position, specialties in (
        ("许文杰", "350203-XCB", "区委巡察办干部", ["财务", "审计"]),
        ("曾晓玲", "350203-01", "梧村街道纪工委干部", ["纪检", "信访"]),
        ("蔡志明", "350203-XCB", "区委巡察办干部", ["工程", "财务"]),
        ("洪雅婷", "350206-XCB", "湖里区委巡察办干部", ["法律"]),
    ):
        add_pool_member(
            pool, by=by, person=_person(name, code, position), joined_on=day(-400), specialties=specialties
        )
    cai = Person.objects.get(name="蔡志明")
    add_employment(
        cai, by=by, organisation=_org("350203-02"), start=day(-2200), end=day(-300), position="中华街道城建办副主任"
    )


def _public_channel(inspection, *, by, day):
    """码上巡 under way: the page published; three reports sent through the public side's own
    functions (one anonymous with a photo, one by name, one looked up and added to), taken into
    the petition intake; one answered, so its reporter reads the reply with DEMO_TRACKING; and
    refusals counted the way the public site counts them."""
    from xuncha.public import abuse
    from xuncha.public.enums import RefusalReason, TallyKind
    from xuncha.public.intake import add_information, passphrase_digest, submit_report
    from xuncha.public.models import Receipt
    from xuncha.public.takein import take_in
    from xuncha.public.uploads import reencode_image

    page = take("inspection.publish_public_pages", inspection, by=by)[0]
    answered, _passphrase = submit_report(
        page,
        content="中华街道某社区公共停车位长期被个别商户占用，居民多次反映无人处理。",
        identity=None,
        files=[reencode_image(_demo_photo(), "IMG_0420.jpg")],
    )
    code, passphrase = DEMO_TRACKING
    Receipt.objects.filter(pk=answered.pk).update(code=code, passphrase_digest=passphrase_digest(code, passphrase))
    add_information(Receipt.objects.get(pk=answered.pk), content="补充：占用时间主要在每天18时以后。")
    submit_report(
        page,
        content="反映某社区工作人员在办理低保时态度生硬、多次让群众往返。",
        identity=Identity(name="柯雨桐", phone="13900000000"),
    )
    submit_report(page, content="建议街道公开老旧小区改造资金的使用明细。", identity=None)
    abuse.count(TallyKind.LOOKUP, page_id=page.pk)
    for reason, times in ((RefusalReason.CAPTCHA, 4), (RefusalReason.RATE_LIMIT, 12), (RefusalReason.HONEYPOT, 1)):
        for _ in range(times):
            abuse.refuse(reason, page_id=page.pk)
    abuse.flush()
    take_in(inspection)
    petition = Receipt.objects.get(code=code).submission.petition
    take("petition.refuse", petition, by=by, data={"reason": "属社区物业管理事项，转中华街道办理。"})
    reply = "已转中华街道核查，占用车位已清理，街道将每周巡查。"
    take("petition.conclude", petition, by=by, data={"reply": reply, "on": day(0)})


# the demo report's tracking code and passphrase (README): its reply can be read at /m/track/
DEMO_TRACKING = ("XUNCHA2345", "ZHNG-HUA2-2345")


def _demo_photo() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), (180, 190, 200))
    draw = ImageDraw.Draw(image)
    for x in range(40, 800, 160):
        draw.rectangle((x, 300, x + 120, 560), outline=(255, 255, 255), width=6)  # parking bays
    draw.rectangle((200, 360, 300, 520), fill=(120, 60, 40))  # goods piled in a bay
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _account_to_confirm() -> None:
    """A clerk of the city office whose password the system administrator reset; the clerk has
    chosen a new one, and the security administrator has yet to confirm the account."""
    from xuncha.accounts.domain import change_own_password, create_user, grant_role
    from xuncha.accounts.enums import Role

    if User.objects.filter(username=CLERK).exists():
        return
    office = _org("350200-XCB")
    clerk = create_user(
        by=None,
        username=CLERK,
        password=_password(),
        organisation=office,
        display_name="陈思雨",
        person=_person("陈思雨", "350200-XCB", "市委巡察办综合室干部"),
    )
    grant_role(by=None, grantee=clerk, role=Role.OFFICE, organisation=_org("350200"), note="demo")
    take("user.reset_password", clerk, by=_user("sysadmin"), data={"password": _password()})
    change_own_password(User.objects.get(pk=clerk.pk), new_password=_password())


def _password() -> str:
    """Nobody logs in as the clerk: a random password that passes the validators."""
    return f"Xc{secrets.token_urlsafe(12)}#7"
