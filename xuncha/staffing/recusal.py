"""Conflict-of-interest checks (回避) for putting a person on an inspection team.

A person may not inspect an organisation (or any of its subunits) that they work in now,
worked in within the term's recusal period before the inspection's entry date, or where a
recorded close relative works. Overlapping team assignments are a separate, hard rule.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.plans.dates import add_months


@dataclass(frozen=True)
class Conflict:
    kind: str  # "current", "former", "relative"
    message: str


def _subtree_q(paths: list[str], lookup: str) -> Q:
    q = Q()
    for path in paths:
        q |= Q(**{f"{lookup}__startswith": path})
    return q


def recusal_conflicts(person, inspection) -> list[Conflict]:
    return recusal_conflicts_of([person], inspection).get(person.pk, [])


def recusal_conflicts_of(people, inspection) -> dict[int, list[Conflict]]:
    """The conflicts of each of `people` with `inspection`, by person id (people without a
    conflict are left out), read in two queries whatever the number of people: a pool's whole
    list is checked at once when the office staffs a team from it."""
    people = list(people)
    targets = list(inspection.targets.select_related("organisation"))
    if not targets or not people:
        return {}
    paths = [t.organisation.path for t in targets]
    names = {t.organisation.path: t.organisation.name for t in targets}

    def inspected_name(path: str) -> str:
        return next(names[p] for p in paths if path.startswith(p))

    from xuncha.people.models import Employment, Relative

    reference = inspection.entry_on or timezone.localdate()
    years = inspection.term.recusal_years
    since = add_months(reference, -12 * years)
    ids = [p.pk for p in people]
    former: dict[int, list] = {}
    for employment in (
        Employment.objects.filter(person_id__in=ids)
        .filter(_subtree_q(paths, "organisation__path"))
        .filter(Q(end__isnull=True) | Q(end__gte=since))
        .select_related("organisation")
        .order_by("-start", "pk")
    ):
        former.setdefault(employment.person_id, []).append(employment)
    relatives: dict[int, list] = {}
    for relative in (
        Relative.objects.filter(person_id__in=ids)
        .filter(_subtree_q(paths, "organisation__path"))
        .select_related("organisation")
        .order_by("pk")
    ):
        relatives.setdefault(relative.person_id, []).append(relative)

    found: dict[int, list[Conflict]] = {}
    for person in people:
        conflicts = []
        if any(person.organisation.path.startswith(p) for p in paths):
            conflicts.append(
                Conflict(
                    "current",
                    _("%(person)s works in %(org)s, which this team inspects (%(target)s).")
                    % {
                        "person": person,
                        "org": person.organisation,
                        "target": inspected_name(person.organisation.path),
                    },
                )
            )
        for employment in former.get(person.pk, ()):
            conflicts.append(
                Conflict(
                    "former",
                    _(
                        "%(person)s worked in %(org)s from %(start)s to %(end)s, within %(years)d years before "
                        "entry (recusal period); this team inspects %(target)s."
                    )
                    % {
                        "person": person,
                        "org": employment.organisation,
                        "start": employment.start,
                        "end": employment.end or _("now"),
                        "years": years,
                        "target": inspected_name(employment.organisation.path),
                    },
                )
            )
        for relative in relatives.get(person.pk, ()):
            conflicts.append(
                Conflict(
                    "relative",
                    _("%(person)s's %(relation)s %(name)s works in %(org)s, which this team inspects.")
                    % {
                        "person": person,
                        "relation": relative.get_relation_display(),
                        "name": relative.name,
                        "org": relative.organisation,
                    },
                )
            )
        if conflicts:
            found[person.pk] = conflicts
    return found


def overlapping_assignments(person, inspection):
    """Other active team places of `person` whose inspection dates overlap this one's."""
    from xuncha.staffing.models import TeamMember

    return (
        TeamMember.objects.active()
        .filter(
            person=person,
            inspection__archived_at__isnull=True,
            inspection__entry_on__lte=inspection.exit_on,
            inspection__exit_on__gte=inspection.entry_on,
        )
        .exclude(inspection=inspection)
        .select_related("inspection")
    )


def describe_overlap(member) -> str:
    inspection = member.inspection
    return _(
        "%(person)s is already on %(team)s (%(title)s) from %(entry)s to %(exit)s, which overlaps these dates."
    ) % {
        "person": member.person,
        "team": inspection.team_name,
        "title": inspection.title,
        "entry": inspection.entry_on,
        "exit": inspection.exit_on,
    }
