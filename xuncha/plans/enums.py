from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasurePoint(models.TextChoices):
    """The points a measure fixes (五定) that a term may require besides the measure itself:
    offices differ (DOMAIN.md; seeds 001 and 004 name target, leader, unit(s) and deadline, some
    offices add the completion standard), so a plan's refusals follow the term's choice."""

    TARGET = "target", _("rectification target")
    LEADER = "leader", _("responsible leader")
    UNITS = "units", _("lead or responsible unit")
    DEADLINE = "deadline", _("deadline (or ongoing with a stage target)")
    STANDARD = "standard", _("completion standard")
    PERSON = "person", _("person responsible")


def all_points() -> list[str]:
    """The points a new term requires unless the office chooses: all but the person
    responsible (责任人), which few offices fix on each measure."""
    return [point for point in MeasurePoint.values if point != MeasurePoint.PERSON]


def all_inspection_kinds() -> list[str]:
    """A term's default for the kinds whose rectification plans go to joint review (三方联审):
    every kind (seed 003's practice: the office, the discipline commission and the organisation
    department review each plan together)."""
    from xuncha.inspections.enums import InspectionKind

    return list(InspectionKind.values)
