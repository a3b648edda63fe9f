from django.db import models
from django.utils.translation import gettext_lazy as _


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", _("Being scored")
    SIGNED_OFF = "signed_off", _("Signed off by the office")


class AppraisalGrade(models.TextChoices):
    """The grades of seed 003's 考评细则 style: 好, 较好, 一般, 较差."""

    EXCELLENT = "excellent", _("Excellent (好)")
    GOOD = "good", _("Good (较好)")
    FAIR = "fair", _("Fair (一般)")
    POOR = "poor", _("Poor (较差)")
