"""Coverage (全覆盖率): distinct organisations inspected in a term ÷ organisations in its scope.

An organisation counts as inspected once an inspection of the term that targets it has
entered (entry date on or before the day asked about); a second inspection in the same term
does not count it twice; an inspected organisation outside the scope is not counted.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from xuncha.orgs.enums import OrgLevel
from xuncha.orgs.models import Organisation
from xuncha.plans.models import Term


def _match(rule) -> Q:
    return Q(path__startswith=rule.organisation.path) if rule.subtree else Q(pk=rule.organisation_id)


def scope_of(term: Term) -> QuerySet[Organisation]:
    """Active organisations the term must cover, at the term's levels.

    Each organisation is decided by the most specific rule that matches it (an include inside
    an excluded subtree brings that part back, and the other way round). The committee itself
    is never in its own scope. An organisation decided by rule R is one R matches and no
    deeper rule inside R's subtree matches, so the scope is one query (nor are the committee's
    own inspection office, discipline commission and organisation department, `setups`):
    OR over include rules R of (match(R) AND NOT any deeper rule's match).
    """
    rules = list(term.scope_rules.select_related("organisation"))
    scope = None
    for rule in rules:
        if not rule.include:
            continue
        deeper = [
            other
            for other in rules
            if other is not rule
            and other.organisation.path.startswith(rule.organisation.path)
            and other.organisation_id != rule.organisation_id
        ]
        decided = _match(rule)
        for other in deeper:
            decided &= ~_match(other)
        scope = decided if scope is None else scope | decided
    if scope is None:
        return Organisation.objects.none()
    from xuncha.plans.setups import own_bodies_q

    qs = Organisation.objects.active().filter(scope).exclude(own_bodies_q(term.owner))
    if term.scope_levels:
        qs = qs.filter(level__in=term.scope_levels)
    return qs


def inspected_in(term: Term, *, on: date) -> QuerySet[Organisation]:
    """The organisations an inspection of the term has entered by `on`; with the term's
    `credits_escalated` (the default), also those an upper committee's 提级巡察 entered during the
    term: the upper level inspected them in the lower level's place, so the lower level's
    coverage counts them (the upper term counts them too, as its own inspection)."""
    from xuncha.inspections.enums import InspectionKind
    from xuncha.inspections.models import InspectionTarget

    own = Q(inspection__term=term)
    if term.credits_escalated and term.owner.ancestor_ids:
        own |= Q(
            inspection__kind=InspectionKind.ESCALATED,
            inspection__term__owner_id__in=term.owner.ancestor_ids,
            inspection__entry_on__gte=term.starts_on,
            inspection__entry_on__lte=term.ends_on,
        )
    targets = InspectionTarget.objects.filter(
        own, inspection__archived_at__isnull=True, inspection__entry_on__lte=on
    ).values("organisation_id")
    return Organisation.objects.filter(pk__in=targets)


def percent(numerator: int, denominator: int, places: int = 1) -> Decimal | None:
    if not denominator:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(exponent, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LevelCoverage:
    level: str
    label: str
    in_scope: int
    inspected: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.inspected, self.in_scope)


@dataclass(frozen=True)
class Coverage:
    term: Term
    on: date
    in_scope: int
    inspected: int
    by_level: list[LevelCoverage]

    @property
    def rate(self) -> Decimal | None:
        return percent(self.inspected, self.in_scope)


def coverage(term: Term, *, on: date) -> Coverage:
    scope = scope_of(term)
    done = inspected_in(term, on=on)
    rows = scope.values("level").annotate(total=Count("pk"), covered=Count("pk", filter=Q(pk__in=done.values("pk"))))
    counts = {row["level"]: (row["total"], row["covered"]) for row in rows}
    by_level = [
        LevelCoverage(level.value, str(level.label), *counts[level.value])
        for level in OrgLevel
        if level.value in counts
    ]
    return Coverage(
        term=term,
        on=on,
        in_scope=sum(c.in_scope for c in by_level),
        inspected=sum(c.inspected for c in by_level),
        by_level=by_level,
    )


def not_yet_inspected(term: Term, *, on: date) -> QuerySet[Organisation]:
    return scope_of(term).exclude(pk__in=inspected_in(term, on=on).values("pk")).order_by("path")
