from django.db import models
from django.utils.translation import gettext_lazy as _


class TalkKind(models.TextChoices):
    """How the team heard someone during the inspection (九必谈、三必访: the talks and visits a
    local rule makes compulsory are the inspection's talk plan, `TalkPlanItem`)."""

    TALK = "talk", _("Individual talk")
    VISIT = "visit", _("Field visit")
    FORUM = "forum", _("Group discussion")
