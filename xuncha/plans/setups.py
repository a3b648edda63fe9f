"""The set-ups the platform refuses, because inspection work is never organised that way:

* a term belongs to a Party committee of a province, a city or a county / district (or a
  Party working committee at those levels, such as a development zone's): the committees that
  run 巡视 and 巡察. A street, town, village or community, or a department, owns no term;
* a committee does not inspect itself;
* nor its own bodies that do and review the inspection work: its inspection office (巡察办,
  the office itself), its discipline commission (纪委监委) and its organisation department
  (组织部), who review the results with the office (三方联审). They are left out of its terms'
  scope (`xuncha.plans.coverage.scope_of`) and refused as targets of its inspections.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from xuncha.orgs.enums import OrgKind, OrgLevel

COMMITTEE_KINDS = (OrgKind.PARTY_COMMITTEE, OrgKind.WORKING_COMMITTEE)
COMMITTEE_LEVELS = (OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.DISTRICT)
OWN_BODIES = (OrgKind.INSPECTION_OFFICE, OrgKind.DISCIPLINE_COMMISSION, OrgKind.ORGANISATION_DEPARTMENT)


def committee_q(prefix: str = "") -> Q:
    """Organisations that may own a term."""
    return Q(**{f"{prefix}kind__in": COMMITTEE_KINDS, f"{prefix}level__in": COMMITTEE_LEVELS})


def not_a_committee(organisation) -> str | None:
    """Why `organisation` cannot own a term, or None."""
    if organisation.kind in COMMITTEE_KINDS and organisation.level in COMMITTEE_LEVELS:
        return None
    return _(
        "%(org)s cannot own an inspection term: terms belong to the Party committees of a province, "
        "city or county / district."
    ) % {"org": organisation.name}


def own_bodies_q(owner, prefix: str = "") -> Q:
    """The committee itself and its own inspection office, discipline commission and
    organisation department."""
    return Q(**{f"{prefix}pk": owner.pk}) | Q(**{f"{prefix}parent_id": owner.pk, f"{prefix}kind__in": OWN_BODIES})


def not_inspectable_by(owner, organisation) -> str | None:
    """Why the committee `owner` cannot inspect `organisation`, or None."""
    if organisation.pk == owner.pk:
        return _("%(org)s cannot inspect itself.") % {"org": owner.name}
    if organisation.parent_id == owner.pk and organisation.kind in OWN_BODIES:
        return _(
            "%(org)s does and reviews %(owner)s's inspection work: it is not inspected by that committee's terms."
        ) % {"org": organisation.name, "owner": owner.name}
    return None
