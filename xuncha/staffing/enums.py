from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamRole(models.TextChoices):
    LEADER = "leader", _("Team leader")
    DEPUTY = "deputy", _("Deputy leader")
    LIAISON = "liaison", _("Liaison officer")
    MEMBER = "member", _("Team member")


class PoolKind(models.TextChoices):
    LEADERS = "leaders", _("Team leader pool")
    LIAISONS = "liaisons", _("Liaison reserve pool")
    EXPERTS = "experts", _("Expert pool")
    FRONTLINE = "frontline", _("Frontline inspector pool")
    OTHER = "other", _("Other pool")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASIC = "basic", _("Basically competent")
    INCOMPETENT = "incompetent", _("Not competent")


SPECIALTIES = ["财务", "审计", "工程", "法律", "纪检", "组织人事", "信访", "国有资产", "农村工作", "信息技术"]
