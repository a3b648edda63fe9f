from django.db import models
from django.utils.translation import gettext_lazy as _


class FindingSource(models.TextChoices):
    TALK = "talk", _("Individual talk")
    DOCUMENTS = "documents", _("Document review")
    PETITION = "petition", _("Petition")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    VISIT = "visit", _("Field visit")
    AUDIT = "audit", _("Audit referral")
    OTHER = "other", _("Other")


DEFAULT_CATEGORIES = [
    "落实党的理论和路线方针政策、党中央重大决策部署方面",
    "落实全面从严治党战略部署方面",
    "落实新时代党的组织路线方面",
    "落实巡视审计等监督发现问题整改方面",
]
