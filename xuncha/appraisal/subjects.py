"""Who an upper committee's office appraises: the Party committees one level down in its area
(the city's district committees; the province's city committees). What counts as a committee
is `xuncha.plans.setups` (the committees that own terms)."""

from django.db.models import Q, QuerySet

from xuncha.orgs.enums import LEVEL_ORDER
from xuncha.orgs.models import Organisation
from xuncha.plans.setups import COMMITTEE_LEVELS, committee_q


def appraising_committee_q():
    """The committees that may keep a scheme: those with a committee level below them."""
    return committee_q() & ~Q(level=COMMITTEE_LEVELS[-1])


def lower_level(level: str) -> str | None:
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None


def subjects_of(owner) -> QuerySet[Organisation]:
    below = lower_level(owner.level)
    if below is None or below not in COMMITTEE_LEVELS:
        return Organisation.objects.none()
    return (
        Organisation.objects.active()
        .filter(committee_q(), path__startswith=owner.path, level=below)
        .exclude(pk=owner.pk)
        .order_by("sort_order", "path")
    )


def not_a_subject(owner, organisation) -> bool:
    return not subjects_of(owner).filter(pk=organisation.pk).exists()
