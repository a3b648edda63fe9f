from django.db import models
from django.utils.translation import gettext_lazy as _


class Rank(models.TextChoices):
    """Cadre rank (职级), as reports count people handled (处级10 + 科级5 + 国企中层6)."""

    BUREAU = "bureau", _("Bureau level")
    DIVISION = "division", _("Division level")
    SECTION = "section", _("Section level")
    SOE_MIDDLE = "soe_middle", _("State enterprise middle manager")
    OTHER = "other", _("Other")


class Relation(models.TextChoices):
    """Close relatives that trigger recusal (回避)."""

    SPOUSE = "spouse", _("Spouse")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Sibling")
    IN_LAW = "in_law", _("Close in-law")
    OTHER = "other", _("Other close relative")
