from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingKind(models.TextChoices):
    """The meetings of the rules' order (DOMAIN.md, workflow step 4): the team reports to the
    leading group, the leading group to the committee's secretary meeting, whose decision opens
    the feedback meeting (and the transfer of clues)."""

    TEAM = "team", _("Inspection team work meeting")
    LEADING_GROUP = "leading_group", _("Inspection leading group meeting")
    SECRETARY = "secretary", _("Secretary's special meeting")
    FEEDBACK = "feedback", _("Inspection feedback meeting")

    @classmethod
    def internal(cls) -> frozenset["MeetingKind"]:
        """Kinds the committee keeps to itself: never shown to the inspected organisation."""
        return frozenset({cls.TEAM, cls.LEADING_GROUP, cls.SECRETARY})


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up item", "Open")
    DONE = "done", pgettext_lazy("follow-up item", "Done")
