from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceiptStatus(models.TextChoices):
    """What the reporter reads with the tracking code: the petition's progress in the public's words."""

    RECEIVED = "received", _("Received, waiting to be handled")
    HANDLING = "handling", _("Being handled")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    CONCLUDED = "concluded", _("Concluded")


class TallyKind(models.TextChoices):
    """What the public site counts for the office: every accepted submission and every refusal."""

    REPORT = "report", _("Report received")
    ADDENDUM = "addendum", _("Information added")
    RESPONSE = "response", _("Questionnaire answered")
    LOOKUP = "lookup", _("Tracking code looked up")
    REFUSED = "refused", _("Refused")


class RefusalReason(models.TextChoices):
    RATE_LIMIT = "rate_limit", _("Too many requests")
    CAPTCHA = "captcha", _("Wrong verification code")
    HONEYPOT = "honeypot", _("Automated submission (hidden field filled)")
    DUPLICATE = "duplicate", _("Questionnaire already answered from this device")
    TOO_LARGE = "too_large", _("Too large")
    BAD_FILE = "bad_file", _("File refused")
    CLOSED = "closed", _("Channel closed")
    INVALID = "invalid", _("Incomplete or invalid form")
    WRONG_PASSPHRASE = "passphrase", _("Wrong tracking code or passphrase")
