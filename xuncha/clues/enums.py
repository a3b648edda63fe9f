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
    """A person's outcome (处理结果); the form (四种形态) follows from it by `FORM_OF`.

    立案 is not an outcome: it is a stage (`CluePerson.case_filed_on`) counted beside the forms
    until the outcome decides the form. 谈话函询 is a way of handling a clue
    (`HandlingMethod.TALK_INQUIRY`), not an outcome either."""

    TALK_REMINDER = "talk_reminder", _("Talk reminder")
    CRITICISM = "criticism", _("Criticism and education")
    ORDERED_REVIEW = "ordered_review", _("Ordered to make a written review")
    ADMONISHMENT = "admonishment", _("Admonishment")
    LIGHT_SANCTION = "light_sanction", _("Light Party or administrative sanction")
    ORG_ADJUSTMENT = "org_adjustment", _("Organisational adjustment")
    HEAVY_SANCTION = "heavy_sanction", _("Heavy Party or administrative sanction")
    MAJOR_DEMOTION = "major_demotion", _("Major demotion")
    PROSECUTION = "prosecution", _("Transferred to prosecutors")


# the value that once stood for 立案 among the outcomes (migration 0002 made it a stage);
# a client that still sends it files the case on the conclusion date (domain.conclude_clue)
RETIRED_CASE_FILED = "case_filed"

FORM_OF = {
    Disposition.TALK_REMINDER: 1,
    Disposition.CRITICISM: 1,
    Disposition.ORDERED_REVIEW: 1,
    Disposition.ADMONISHMENT: 1,
    Disposition.LIGHT_SANCTION: 2,
    Disposition.ORG_ADJUSTMENT: 2,
    Disposition.HEAVY_SANCTION: 3,
    Disposition.MAJOR_DEMOTION: 3,
    Disposition.PROSECUTION: 4,
}

FORM_LABELS = {1: _("First form"), 2: _("Second form"), 3: _("Third form"), 4: _("Fourth form")}


def dispositions_of_form(form: int) -> list[str]:
    return [d.value for d, f in FORM_OF.items() if f == form]
