from django.db import models
from django.utils.translation import gettext_lazy as _


class ReCheckStatus(models.TextChoices):
    PENDING = "pending", _("To re-check")
    CHECKED = "checked", _("Re-checked")


class Verdict(models.TextChoices):
    """What a follow-up inspection (回头看) finds of one earlier problem."""

    RECTIFIED = "rectified", _("Rectified")  # 整改到位
    NOT_RECTIFIED = "not_rectified", _("Not rectified")  # 整改不到位
    REBOUND = "rebound", _("Rebound")  # 反弹回潮

    @classmethod
    def needs_new_plan(cls) -> set[str]:
        """The verdicts whose problem goes into the follow-up's feedback, for a plan of its own."""
        return {cls.NOT_RECTIFIED.value, cls.REBOUND.value}
