from django.db import models
from django.utils.translation import gettext_lazy as _


class ClueStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    DUAL_SIGNED = "dual_signed", _("Dual-signed")
    TRANSFERRED = "transferred", _("Transferred")
    ACKNOWLEDGED = "acknowledged", _("Receipt confirmed")
    CONCLUDED = "concluded", _("Concluded")

    @classmethod
    def open_states(cls) -> list[str]:
        return [cls.RECEIVED, cls.DUAL_SIGNED, cls.TRANSFERRED, cls.ACKNOWLEDGED]


class ReceivingKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Discipline commission")
    ORGANISATION = "organisation", _("Organisation department")
    OTHER = "other", _("Other body")


class HandlingMethod(models.TextChoices):
    """How the receiving body handles a clue (处置方式)."""

    TALK_INQUIRY = "talk_inquiry", _("Talk or written inquiry")
    PRELIMINARY = "preliminary", _("Preliminary verification")
    SHELVED = "shelved", _("Kept for later")
    CLOSED = "closed", _("Closed without action")


class Disposition(models.TextChoices):
    """What happened to one person, grouped into the four forms (四种形态) by `FORM_OF`."""

    TALK_REMINDER = "talk_reminder", _("Talk reminder")
    CRITICISM = "criticism", _("Criticism and education")
    ORDERED_REVIEW = "ordered_review", _("Ordered to make a written review")
    ADMONISHMENT = "admonishment", _("Admonishment")
    LIGHT_SANCTION = "light_sanction", _("Light Party or administrative sanction")
    ORG_ADJUSTMENT = "org_adjustment", _("Organisational adjustment")
    HEAVY_SANCTION = "heavy_sanction", _("Heavy Party or administrative sanction")
    MAJOR_DEMOTION = "major_demotion", _("Major demotion")
    CASE_FILED = "case_filed", _("Case filed for review and investigation")
    PROSECUTION = "prosecution", _("Transferred to prosecutors")


FORM_OF = {
    Disposition.TALK_REMINDER: 1,
    Disposition.CRITICISM: 1,
    Disposition.ORDERED_REVIEW: 1,
    Disposition.ADMONISHMENT: 1,
    Disposition.LIGHT_SANCTION: 2,
    Disposition.ORG_ADJUSTMENT: 2,
    Disposition.HEAVY_SANCTION: 3,
    Disposition.MAJOR_DEMOTION: 3,
    Disposition.CASE_FILED: 4,
    Disposition.PROSECUTION: 4,
}

FORM_LABELS = {1: _("First form"), 2: _("Second form"), 3: _("Third form"), 4: _("Fourth form")}
