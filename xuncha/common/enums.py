from django.db import models
from django.utils.translation import gettext_lazy as _


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Sent to the organisations")


class CheckStatus(models.TextChoices):
    """A reached organisation's answer for one item (未巡先改): a light plan of one step."""

    NOT_STARTED = "not_started", _("Not checked yet")
    FIXING = "fixing", _("Has the problem, fixing")
    FIXED = "fixed", _("Fixed")
    NOT_APPLICABLE = "not_applicable", _("Does not have the problem")

    @classmethod
    def found_states(cls) -> tuple[str, ...]:
        """The organisation found the problem at home (fixing it or fixed)."""
        return (cls.FIXING, cls.FIXED)
