"""Leaders' attendance at feedback meetings (seed 003: "市级分管领导出席巡察反馈会议10人次"),
counted from the attendance rows of the feedback meetings the user may read, per term and per
year, each count drilling down to its rows."""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from xuncha.meetings.enums import MeetingKind
from xuncha.meetings.models import Attendance


@dataclass(frozen=True)
class LeaderCount:
    term_id: int
    term: str
    year: int | None  # None: the term's total
    count: int


def leader_attendances(meetings) -> list[Attendance]:
    """The attendance rows counted: leaders at the feedback meetings among `meetings`."""
    return Attendance.objects.filter(
        as_leader=True, meeting__in=meetings.filter(kind=MeetingKind.FEEDBACK).values("pk")
    )


def leader_counts(meetings) -> list[LeaderCount]:
    """Per term (newest first), its total then each year's count."""
    rows = (
        leader_attendances(meetings)
        .annotate(year=ExtractYear("meeting__held_on"))
        .values("meeting__term_id", "meeting__term__name", "meeting__term__starts_on", "year")
        .annotate(n=Count("pk"))
        .order_by("-meeting__term__starts_on", "meeting__term_id", "year")
    )
    result: list[LeaderCount] = []
    totals: dict[int, int] = {}
    names: dict[int, str] = {}
    years: dict[int, list[LeaderCount]] = {}
    for row in rows:
        term_id = row["meeting__term_id"]
        names[term_id] = row["meeting__term__name"]
        totals[term_id] = totals.get(term_id, 0) + row["n"]
        years.setdefault(term_id, []).append(LeaderCount(term_id, row["meeting__term__name"], row["year"], row["n"]))
    for term_id in names:
        result.append(LeaderCount(term_id, names[term_id], None, totals[term_id]))
        result += years[term_id]
    return result


def drill_down(meetings, *, term_id: int | None, year: int | None):
    rows = leader_attendances(meetings).select_related("meeting__inspection", "meeting__term", "person__organisation")
    if term_id is not None:
        rows = rows.filter(meeting__term_id=term_id)
    if year is not None:
        rows = rows.filter(meeting__held_on__year=year)
    return rows.order_by("meeting__held_on", "meeting_id", "pk")
