from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", _("Routine inspection")
    SPECIAL = "special", _("Special inspection")
    ESCALATED = "escalated", _("Escalated inspection")
    FOLLOW_UP = "follow_up", _("Follow-up inspection")
    AD_HOC = "ad_hoc", _("Ad hoc inspection")
    VILLAGE = "village", _("Village and community inspection")


class RecipientKind(models.TextChoices):
    """Bodies asked for information before entry (巡前信息沟通)."""

    DISCIPLINE = "discipline", _("Discipline commission")
    ORGANISATION = "organisation", _("Organisation department")
    PETITION = "petition", _("Petition bureau")
    AUDIT = "audit", _("Audit office")
    OTHER = "other", _("Other body")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting reply")
    OVERDUE = "overdue", _("Reply overdue")
    REPLIED = "replied", _("Replied")


DEFAULT_ACCEPTED_MATTERS = (
    "主要受理反映被巡察党组织领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，"
    "重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律等方面的举报和反映。"
    "根据有关规定，巡察组主要受理反映被巡察党组织领导班子及其成员的问题，其他信访问题按规定交由被巡察单位和有关部门处理。"
)
