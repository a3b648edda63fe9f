from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a grant lets a user do, within the organisation subtree it is scoped to."""

    OFFICE = "office", _("Inspection office")
    TEAM_MEMBER = "team_member", _("Inspection team member")
    LIAISON = "liaison", _("Inspected organisation liaison")
    RESPONSIBLE_UNIT = "responsible_unit", _("Responsible unit")
    DISCIPLINE_REVIEWER = "discipline_reviewer", _("Discipline commission reviewer")
    ORGANISATION_REVIEWER = "organisation_reviewer", _("Organisation department reviewer")
    LEADERSHIP = "leadership", _("Leadership (read only)")
    IDENTITY_READER = "identity_reader", _("Reporter identity reader")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDITOR = "auditor", _("Security auditor")

    @classmethod
    def administration(cls) -> frozenset["Role"]:
        """The three separated administration roles (三员分立): never combined in one user."""
        return frozenset({cls.SYSTEM_ADMIN, cls.SECURITY_ADMIN, cls.AUDITOR})

    @classmethod
    def casework(cls) -> frozenset["Role"]:
        """Roles that may read case content (inspections, problems, clues) within their scope."""
        return frozenset(set(cls) - cls.administration())

    @classmethod
    def reviewers(cls) -> frozenset["Role"]:
        """The bodies that receive clues and review rectification beside the office (三方联审)."""
        return frozenset({cls.DISCIPLINE_REVIEWER, cls.ORGANISATION_REVIEWER})

    @classmethod
    def two_factor_required(cls) -> frozenset["Role"]:
        """Roles whose holders must log in with a second factor (等保 2.0 level 3: two kinds of
        identification for administrators): the three administrators and the inspection office,
        which holds the keys to every inspection in its scope."""
        return cls.administration() | {cls.OFFICE}


class EmailFrequency(models.TextChoices):
    """How a user's notifications reach their mailbox (where the platform sends mail at all)."""

    EACH = "each", _("Each notification as it comes")
    DAILY = "daily", _("One daily digest")
    NONE = "none", _("No e-mail (in the platform only)")
