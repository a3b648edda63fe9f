from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    LETTER = "letter", _("Letter")
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone call")
    ONLINE = "online", _("Online")
    QR = "qr", _("QR code page")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    CONCLUDED = "concluded", _("Concluded")


class Outcome(models.TextChoices):
    """Where triage sends a petition."""

    CLUE = "clue", _("Clue")
    IMMEDIATE_FIX = "immediate_fix", _("Immediate fix")
    FINDING = "finding", _("Finding")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class FixStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    DONE = "done", _("Fixed")


class RevealReason(models.TextChoices):
    """Why a reporter's identity is opened. The category goes to the access log; the reason in
    the reader's words stays on the reveal record (`IdentityReveal`)."""

    VERIFY = "verify", _("Verify the matter reported")
    REPLY = "reply", _("Reply to the reporter")
    PROTECT = "protect", _("Protect the reporter")
    FALSE_REPORT = "false_report", _("Check a suspected false accusation")
    OTHER = "other", _("Other")
