"""Demo: the meetings of 十三届市委 (seed 003: "市级分管领导出席巡察反馈会议10人次").

For the inspection of 梧村街道 (xuncha/demo/current.py) the whole order the rules set: the
leading group hears the team's report, the 书记专题会 decides that the feedback be given (and
sends the office a follow-up item), the feedback meeting gives it and sends the street's
liaison a follow-up item that is now overdue and escalated. The term's three earliest
inspections get the same order, so that the term's feedback meetings carry exactly 10 leader
attendances (3 + 3 + 2 + 2), each a row. Names are invented."""

from datetime import timedelta

from django.utils import timezone

from xuncha.accounts.models import User
from xuncha.inspections.models import Inspection
from xuncha.meetings import domain
from xuncha.meetings.enums import MeetingKind
from xuncha.meetings.escalation import escalate
from xuncha.orgs.models import Organisation
from xuncha.people.domain import create_person
from xuncha.people.models import Person
from xuncha.plans.models import Term

CITY_TERM = "十三届市委"
WUCUN_TITLE = "对梧村街道党工委的提级巡察"
LEADER_ROLE = "市级分管领导"
# (name, post): the chair of the 书记专题会, the leading group's head, the leaders in charge
SECRETARY = ("邵光明", "市委书记")
GROUP_HEAD = ("高志远", "市委常委、组织部部长、市委巡察工作领导小组组长")
LEADERS = [
    ("许文涛", "副市长"),
    ("黄永明", "市人大常委会副主任"),
    ("罗佩珊", "市政协副主席"),
]
# leader attendances at each feedback meeting: 梧村街道 first, then the three earliest inspections
LEADERS_AT = [3, 3, 2, 2]


def _person(name: str, position: str) -> Person:
    city = Organisation.objects.get(code="350200")
    return Person.objects.filter(name=name, organisation=city).first() or create_person(
        by=None, organisation=city, name=name, position=position, rank="bureau"
    )


def _order(term, inspection, *, by, feedback_on, leaders, members, number: int):
    """The leading group's hearing, the 书记专题会's decision and the feedback meeting."""
    head, secretary = _person(*GROUP_HEAD), _person(*SECRETARY)
    group = domain.record_meeting(
        term,
        by=by,
        kind=MeetingKind.LEADING_GROUP,
        title=f"市委巡察工作领导小组第{number}次会议",
        held_on=feedback_on - timedelta(days=12),
        place="市委第二会议室",
        chair=head,
        attendees=[head, *members],
    )
    domain.add_agenda_item(
        group,
        by=by,
        title=f"听取{inspection.team_name}关于{inspection.title}情况的汇报",
        decision="同意巡察组汇报的主要问题和意见建议，提请市委书记专题会议审议。",
        inspection=inspection,
    )
    special = domain.record_meeting(
        term,
        by=by,
        kind=MeetingKind.SECRETARY,
        title=f"市委书记专题会议（第{number}次）",
        held_on=feedback_on - timedelta(days=5),
        place="市委常委会议室",
        chair=secretary,
        attendees=[secretary, head, *members],
    )
    domain.add_agenda_item(
        special,
        by=by,
        title=f"审议{inspection.title}情况报告",
        decision="原则同意巡察情况报告，由巡察组向被巡察党组织反馈巡察意见；问题线索按规定移交市纪委监委。",
        inspection=inspection,
        decides_feedback=True,
    )
    feedback = domain.record_meeting(
        term,
        by=by,
        kind=MeetingKind.FEEDBACK,
        title=f"{inspection.title}情况反馈会议",
        held_on=feedback_on,
        place=inspection.targets.first().organisation.name if inspection.targets.exists() else "",
        chair=head,
        inspection=inspection,
        attendees=[head, *leaders, *members],
        leaders=leaders,
        leader_role=LEADER_ROLE,
    )
    return special, feedback


def load_meetings():
    term = Term.objects.filter(name=CITY_TERM, owner__code="350200").first()
    if term is None or term.meetings.exists():
        return None
    today = timezone.localdate()
    office, liaison = User.objects.get(username="office"), User.objects.get(username="liaison")
    members = [p for p in (office.person,) if p is not None]
    leaders = [_person(*row) for row in LEADERS]
    wucun = Inspection.objects.filter(term=term, title=WUCUN_TITLE).first()
    earlier = list(
        Inspection.objects.filter(term=term, feedback_on__isnull=False, feedback_on__lt=today - timedelta(days=120))
        .exclude(pk=getattr(wucun, "pk", None))
        .order_by("feedback_on", "pk")[:3]
    )
    for number, (inspection, count) in enumerate(zip(earlier, LEADERS_AT[1:], strict=False), 1):
        _order(
            term,
            inspection,
            by=office,
            feedback_on=inspection.feedback_on,
            leaders=leaders[:count],
            members=members,
            number=number,
        )
    if wucun is None:
        return term
    special, feedback = _order(
        term,
        wucun,
        by=office,
        feedback_on=wucun.feedback_on,
        leaders=leaders[: LEADERS_AT[0]],
        members=members,
        number=len(earlier) + 1,
    )
    special_item = special.agenda.get()
    domain.add_follow_up(
        special,
        by=office,
        agenda_item=special_item,
        description="督促梧村街道党工委在反馈后两个月内报送整改方案，并跟踪问题线索移交后的办理情况。",
        owner=office,
        deadline=today + timedelta(days=12),
    )
    item = domain.add_agenda_item(
        feedback,
        by=office,
        title="反馈巡察意见，提出整改要求",
        decision="梧村街道党工委要切实履行整改主体责任，对老旧小区改造中群众反映的问题立行立改。",
        inspection=wucun,
    )
    overdue = domain.add_follow_up(
        feedback,
        by=office,
        agenda_item=item,
        description="街道党工委书记牵头约谈老旧小区改造相关社区负责人，并书面报送约谈及整改推进情况。",
        owner=liaison,
        deadline=today - timedelta(days=5),
    )
    escalate(overdue.pk, today=today)  # what the daily warning run found on the day after its deadline
    return term
