from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WarningStep(models.TextChoices):
    """The three-colour ladder (三色预警), in order of severity."""

    GREEN = "green", pgettext_lazy("warning step", "Green")
    YELLOW = "yellow", pgettext_lazy("warning step", "Yellow")
    RED = "red", pgettext_lazy("warning step", "Red")

    @classmethod
    def ordered(cls) -> list["WarningStep"]:
        return [cls.GREEN, cls.YELLOW, cls.RED]

    @property
    def rank(self) -> int:
        return WarningStep.ordered().index(self)

    @property
    def badge(self) -> str:
        """Tabler colour class of the step's badge."""
        return {"green": "bg-green-lt", "yellow": "bg-yellow-lt", "red": "bg-red-lt"}[self.value]


class Recipient(models.TextChoices):
    """Who a step of the ladder is sent to (see recipients.py for how each is resolved)."""

    HANDLER = "handler", _("Handlers (responsible units)")
    RESPONSIBLE_LEADER = "responsible_leader", _("Responsible leader")
    LEAD_UNIT = "lead_unit", _("Lead unit")
    PRINCIPAL_LEADER = "principal_leader", _("Principal leader")
    OFFICE = "office", _("Inspection office")


class NotificationLevel(models.TextChoices):
    INFO = "info", _("Information")
    GREEN = "green", pgettext_lazy("warning step", "Green")
    YELLOW = "yellow", pgettext_lazy("warning step", "Yellow")
    RED = "red", pgettext_lazy("warning step", "Red")


class DocumentKind(models.TextChoices):
    """The escalating forms of supervision documents."""

    NOTICE = "notice", _("Supervision notice")  # 督办通知书
    REMINDER = "reminder", _("Reminder")  # 提醒书: only before the deadline
    WARNING_LETTER = "warning_letter", _("Warning letter")  # 告诫书: only once overdue
    ACCOUNTABILITY = "accountability", _("Accountability letter")  # 问责书

    @property
    def chinese(self) -> str:
        """The document's name as printed on it (generated content, not UI text)."""
        return {
            "notice": "督办通知书",
            "reminder": "提醒书",
            "warning_letter": "告诫书",
            "accountability": "问责书",
        }[self.value]


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


# issue: draft → issued; answer: issued → answered; return_answer: answered → issued (the
# answer is not enough); close: answered → closed. Nothing leaves closed.
DOCUMENT_TRANSITIONS: dict[str, set[str]] = {
    DocumentStatus.DRAFT: {DocumentStatus.ISSUED},
    DocumentStatus.ISSUED: {DocumentStatus.ANSWERED},
    DocumentStatus.ANSWERED: {DocumentStatus.ISSUED, DocumentStatus.CLOSED},
    DocumentStatus.CLOSED: set(),
}
