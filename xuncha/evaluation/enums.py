from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    HAND = "hand", _("Scored by hand")
    COMPUTED = "computed", _("Computed from rows")


class Rule(models.TextChoices):
    """How a computed item turns its metric's value into points (`scoring.apply_rule`)."""

    DEDUCT = "deduct", _("Deduct N points per unit, floor 0")
    RATE = "rate", _("Score = rate × max points")
    ADD = "add", _("Add N points per unit, up to the max")


class Phase(models.TextChoices):
    SINGLE = "", _("One scoring")
    BEFORE = "before", _("Before the inspection (巡前)")
    AFTER = "after", _("After the inspection (巡后)")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for sign-off")
    SIGNED_OFF = "signed_off", _("Signed off by the office")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent (优秀)")
    GOOD = "good", _("Good (较好)")
    FAIR = "fair", _("Fair (一般)")
    POOR = "poor", _("Poor (差)")


class ConsequenceKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview of the head (约谈)")
    FOLLOW_UP = "follow_up", _("Follow-up inspection (回头看)")
