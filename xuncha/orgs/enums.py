from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrgLevel(models.TextChoices):
    """Administrative level (层级), top to bottom."""

    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District / county")
    TOWN = "town", _("Town / street")
    VILLAGE = "village", _("Village / community")


LEVEL_ORDER = [level.value for level in OrgLevel]


class OrgKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    PARTY_GROUP = "party_group", _("Leading Party group")
    WORKING_COMMITTEE = "working_committee", _("Party working committee")
    DEPARTMENT = "department", pgettext_lazy("organisation kind", "Department")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")
    UNIVERSITY = "university", _("University")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    STREET = "street", _("Street office")
    TOWN = "town", pgettext_lazy("organisation kind", "Town")
    VILLAGE = "village", pgettext_lazy("organisation kind", "Village")
    COMMUNITY = "community", _("Community")
    DISCIPLINE_COMMISSION = "discipline_commission", _("Discipline inspection and supervision commission")
    ORGANISATION_DEPARTMENT = "organisation_department", _("Organisation department")
    INSPECTION_OFFICE = "inspection_office", _("Inspection office")
    OTHER = "other", _("Other")
