"""Staffing a team from the talent pools (从人才库选配): the members the platform proposes for a
role on one inspection, ranked, each with the reasons for its place.

Candidates are the active members of the pools the office keeps that serve the role (组长库 for
a leader, 联络员后备人才库 for a liaison, the inspector pools for deputies and members; experts
advise teams and are not proposed). Nobody is left out silently: a person who cannot be put on
the team is listed last with the reason (already on it, on another team at the same time, or a
conflict of interest, 回避), so the office sees why a known name is not proposed.

The ranking, in order: people who can be assigned; then those matching more of the specialties
asked for; then those marked available in their pool; then those who have served on fewer teams
in this term (spreading the work); then the better last grade (评价); then the name.
Everything is read in a fixed number of queries, whatever the size of the pools.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from xuncha.accounts.permissions import restrict
from xuncha.staffing.enums import Grade, PoolKind, TeamRole
from xuncha.staffing.models import Evaluation, PoolMember, TalentPool, TeamMember
from xuncha.staffing.recusal import Conflict, describe_overlap, recusal_conflicts_of

POOLS_FOR_ROLE = {
    TeamRole.LEADER: (PoolKind.LEADERS,),
    TeamRole.DEPUTY: (PoolKind.LEADERS, PoolKind.FRONTLINE, PoolKind.OTHER),
    TeamRole.LIAISON: (PoolKind.LIAISONS,),
    TeamRole.MEMBER: (PoolKind.FRONTLINE, PoolKind.LIAISONS, PoolKind.OTHER),
}
GRADE_ORDER = {grade: index for index, grade in enumerate(Grade.values)}  # excellent first


@dataclass
class Proposal:
    person: object
    pools: list = field(default_factory=list)  # the pool memberships that bring the person in
    specialties: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    available: bool = True
    availability_note: str = ""
    term_load: int = 0  # team places in this term's other inspections
    last_grade: str = ""
    on_team: bool = False
    clash: str = ""  # another team at the same time: a hard refusal
    conflicts: list[Conflict] = field(default_factory=list)  # 回避: refused unless overridden
    rank: int = 0

    @property
    def assignable(self) -> bool:
        return not (self.on_team or self.clash or self.conflicts)

    @property
    def refusals(self) -> list[str]:
        if self.on_team:
            return [_("Already on this team.")]
        if self.clash:
            return [self.clash]
        return [c.message for c in self.conflicts]

    @property
    def reasons(self) -> list[str]:
        """Why the person stands where they stand, in the order the ranking reads them."""
        wanted = []
        if self.matched:
            wanted.append(_("Matches %(specialties)s") % {"specialties": "、".join(self.matched)})
        if not self.available:
            wanted.append(
                _("Marked unavailable: %(note)s") % {"note": self.availability_note}
                if self.availability_note
                else _("Marked unavailable in the pool")
            )
        wanted.append(
            _("On %(count)d other team(s) this term") % {"count": self.term_load}
            if self.term_load
            else _("Not yet on a team this term")
        )
        if self.last_grade:
            wanted.append(_("Last graded: %(grade)s") % {"grade": Grade(self.last_grade).label})
        return wanted

    def sort_key(self):
        return (
            not self.assignable,
            -len(self.matched),
            not self.available,
            self.term_load,
            GRADE_ORDER.get(self.last_grade, len(GRADE_ORDER)),
            self.person.name,
            self.person.pk,
        )


def pools_for(user, role: str):
    """The pools the user keeps that serve `role`, as the page's choice."""
    kinds = POOLS_FOR_ROLE.get(role, ())
    return restrict(TalentPool.objects.active(), user).filter(kind__in=kinds).select_related("owner")


def propose(inspection, *, user, role: str, specialties=(), pool=None) -> list[Proposal]:
    """Everyone in the chosen pools (or every pool for the role), ranked; see the module text."""
    pools = pools_for(user, role)
    if pool is not None:
        pools = pools.filter(pk=pool.pk)
    wanted = list(specialties)
    proposals: dict[int, Proposal] = {}
    rows = (
        PoolMember.objects.active()
        .filter(pool__in=pools, person__archived_at__isnull=True)
        .select_related("person__organisation", "pool")
        .order_by("person__name", "pk")
    )
    for row in rows:
        proposal = proposals.get(row.person_id)
        if proposal is None:
            proposal = proposals[row.person_id] = Proposal(person=row.person, available=row.available)
        proposal.pools.append(row.pool)
        proposal.specialties += [s for s in row.specialties if s not in proposal.specialties]
        if not row.available:  # unavailable in any pool means unavailable
            proposal.available = False
            proposal.availability_note = proposal.availability_note or row.availability_note
    if not proposals:
        return []
    ids = list(proposals)
    for proposal in proposals.values():
        proposal.matched = [s for s in wanted if s in proposal.specialties]

    on_team = set(
        TeamMember.objects.active().filter(inspection=inspection, person_id__in=ids).values_list("person_id", flat=True)
    )
    loads = dict(
        TeamMember.objects.active()
        .filter(person_id__in=ids, inspection__term_id=inspection.term_id, inspection__archived_at__isnull=True)
        .exclude(inspection=inspection)
        .values_list("person_id")
        .annotate(n=Count("pk"))
        .values_list("person_id", "n")
    )
    grades = {}
    for person_id, grade in (
        Evaluation.objects.filter(member__person_id__in=ids)
        .order_by("member__person_id", "-evaluated_at", "-pk")
        .values_list("member__person_id", "grade")
    ):
        grades.setdefault(person_id, grade)
    clashes = {}
    if inspection.entry_on and inspection.exit_on:
        for member in (
            TeamMember.objects.active()
            .filter(
                person_id__in=ids,
                inspection__archived_at__isnull=True,
                inspection__entry_on__lte=inspection.exit_on,
                inspection__exit_on__gte=inspection.entry_on,
            )
            .exclude(inspection=inspection)
            .select_related("inspection", "person")
            .order_by("inspection__entry_on", "pk")
        ):
            clashes.setdefault(member.person_id, describe_overlap(member))
    conflicts = recusal_conflicts_of([p.person for p in proposals.values()], inspection)

    for person_id, proposal in proposals.items():
        proposal.on_team = person_id in on_team
        proposal.term_load = loads.get(person_id, 0)
        proposal.last_grade = grades.get(person_id, "")
        proposal.clash = clashes.get(person_id, "")
        proposal.conflicts = conflicts.get(person_id, [])
    ranked = sorted(proposals.values(), key=Proposal.sort_key)
    for rank, proposal in enumerate(ranked, 1):
        proposal.rank = rank
    return ranked
