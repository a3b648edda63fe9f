"""The minutes (会议纪要) of a meeting as an official document (GB/T 9704, through
`xuncha.documents.writer`): who met and who attended, each agenda item with its decision, and
the follow-up items with owner and deadline.

Linked problems and clues are not printed: a minute leaves the platform, and a clue's number
in it would tell its reader that a clue exists. The agenda's own topics and decisions are what
the office typed for the minutes."""

from django.utils.translation import gettext as _

from xuncha.documents.content import Block, BlockKind, OfficialDocument, blocks_from_text
from xuncha.meetings.models import Meeting
from xuncha.plans.dates import chinese_date

NUMERALS = "一二三四五六七八九十"


def issuer_of(meeting: Meeting) -> str:
    """The committee's inspection office (巡察办) prints the minutes; the committee itself when
    the tree holds no office under it."""
    from xuncha.orgs.enums import OrgKind

    office = meeting.term.owner.children.filter(kind=OrgKind.INSPECTION_OFFICE).order_by("code").first()
    return office.name if office is not None else meeting.term.owner.name


def _person(attendance) -> str:
    person = attendance.person
    return f"{person.name}（{person.position}）" if person.position else person.name


def minutes(meeting: Meeting, *, attendances, agenda, follow_ups) -> OfficialDocument:
    issuer = issuer_of(meeting)
    held = chinese_date(meeting.held_on)
    opening = _("On %(date)s, %(chair)s chaired the %(title)s%(place)s.") % {
        "date": held,
        "chair": meeting.chair.name if meeting.chair_id else issuer,
        "title": meeting.title,
        "place": (_(" at %(place)s") % {"place": meeting.place}) if meeting.place else "",
    }
    blocks = [Block(opening)]
    blocks += blocks_from_text(meeting.summary)
    sections = []
    leaders = [a for a in attendances if a.as_leader]
    others = [a for a in attendances if not a.as_leader]
    present = []
    if leaders:
        role = leaders[0].role or _("leaders")
        present.append(
            Block(
                _("Leaders attending (%(role)s): %(names)s.")
                % {"role": role, "names": "、".join(_person(a) for a in leaders)}
            )
        )
    if others:
        present.append(Block(_("Also attending: %(names)s.") % {"names": "、".join(_person(a) for a in others)}))
    if present:
        sections.append((_("Attendance"), present))
    decided = []
    for index, item in enumerate(agenda):
        numeral = NUMERALS[index] if index < len(NUMERALS) else str(index + 1)
        decided.append(Block(f"（{numeral}）{item.title}", BlockKind.HEADING_2))
        if item.decision:
            decided += [Block(b.text) for b in blocks_from_text(item.decision)]
    if decided:
        sections.append((_("Matters decided"), decided))
    assigned = [
        Block(
            _("%(number)s. %(description)s (owner: %(owner)s; deadline: %(deadline)s)")
            % {
                "number": index,
                "description": item.description.rstrip("。"),
                "owner": item.owner,
                "deadline": chinese_date(item.deadline),
            }
        )
        for index, item in enumerate(follow_ups, 1)
    ]
    if assigned:
        sections.append((_("Follow-up items"), assigned))
    for index, (heading, body) in enumerate(sections):
        blocks.append(Block(f"{NUMERALS[index]}、{heading}", BlockKind.HEADING_1))
        blocks += body
    return OfficialDocument(
        title=_("Minutes of the %(title)s") % {"title": meeting.title},
        blocks=blocks,
        issuer_mark=issuer,
        signature=issuer,
        dated=held,
        printer=issuer,
        printed_on=held,
    )
