from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published for warning education")


class CaseSource(models.TextChoices):
    PROBLEM = "problem", _("Feedback problem")
    CLUE = "clue", _("Concluded clue")


# tags offices use for warning-education material; others may be typed
SUGGESTED_TAGS = [
    "违反中央八项规定精神",
    "形式主义官僚主义",
    "群众身边不正之风和腐败问题",
    "工程项目",
    "选人用人",
    "国有资产",
    "村（社区）集体“三资”",
    "惠民资金",
    "主体责任落实",
]
