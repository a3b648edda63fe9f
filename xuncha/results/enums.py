from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultKind(models.TextChoices):
    """The documents through which the office uses an inspection's results (成果运用)."""

    TOPICAL_REPORT = "topical_report", _("Topical report")  # 专题报告: up to the committee
    KEY_REPORT = "key_report", _("Key-matter report")  # 要情专报
    NOTICE = "notice", _("Notice of important matters")  # 巡察重要事项办理抄告单: to a department or leader
    REMINDER_LETTER = "reminder_letter", _("Letter reminding of the duty to rectify")  # 提醒函, at feedback
    CIRCULAR = "circular", _("Post-inspection circular")  # 巡后情况通报

    @property
    def chinese(self) -> str:
        """The document's name as printed on it (generated content, not UI text)."""
        return {
            "topical_report": "专题报告",
            "key_report": "要情专报",
            "notice": "巡察重要事项办理抄告单",
            "reminder_letter": "被巡察党组织落实整改主体责任提醒函",
            "circular": "巡后情况通报",
        }[self.value]

    @property
    def number_mark(self) -> str:
        """What stands in the number after the committee's mark: 厦巡抄〔2020〕12号."""
        return {
            "topical_report": "专报",
            "key_report": "要情",
            "notice": "抄",
            "reminder_letter": "提醒",
            "circular": "通报",
        }[self.value]

    @property
    def asks_reply(self) -> bool:
        """Kinds whose recipients answer by default (the office may change it per document)."""
        return self in (ResultKind.NOTICE, ResultKind.REMINDER_LETTER)


class ResultStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    REPLIED = "replied", _("Replied")


# issue: draft → issued; reply: issued → replied (only where a reply is required). Nothing
# leaves replied; a draft that will not be issued is archived, leaving no gap in the numbers.
RESULT_TRANSITIONS: dict[str, set[str]] = {
    ResultStatus.DRAFT: {ResultStatus.ISSUED},
    ResultStatus.ISSUED: {ResultStatus.REPLIED},
    ResultStatus.REPLIED: set(),
}
