from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionnaireKind(models.TextChoices):
    DEMOCRATIC = "democratic", _("Democratic rating (民主测评)")
    SATISFACTION = "satisfaction", _("Satisfaction survey")
    REVERSE = "reverse", _("Rating of rectification (反向测评)")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Rating scale")
    TEXT = "text", _("Free text")

    @classmethod
    def choice_kinds(cls) -> frozenset["QuestionKind"]:
        """Kinds whose answers are options: the only ones a follow-up question may depend on."""
        return frozenset({cls.SINGLE, cls.MULTIPLE})


SCALE_MIN, SCALE_MAX = 2, 10  # a scale runs from 1 to N, N in this range
