"""The warning ladder of a term and the warnings it produced.

A term may override any step of the default three-colour ladder (see ``ladder.py``); a step
without a row here follows the default. A warning is recorded once per measure, step and
deadline: the unique constraint, not the scheduler, is what makes a re-run or a second worker
harmless.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.supervision.enums import Recipient, WarningStep


def validate_recipients(value) -> None:
    if not isinstance(value, list) or any(item not in Recipient.values for item in value):
        raise ValidationError(_("Choose recipients from the list."), code="recipients")
    if len(set(value)) != len(value):
        raise ValidationError(_("A recipient is listed twice."), code="recipients")


class WarningRule(models.Model):
    term = models.ForeignKey(
        "plans.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="warning_rules"
    )
    step = models.CharField(_("step"), max_length=8, choices=WarningStep.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    offset_days = models.SmallIntegerField(
        _("days from the deadline"),
        help_text=_("Negative: days before the deadline (-20 is 20 days before). The red step is at least 1."),
    )
    recipients = models.JSONField(_("recipients"), default=list, blank=True, validators=[validate_recipients])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("warning rule")
        verbose_name_plural = _("warning rules")
        ordering = ["term", "offset_days"]
        constraints = [
            models.UniqueConstraint(fields=["term", "step"], name="supervision_rule_one_per_step"),
            models.CheckConstraint(
                condition=(models.Q(step=WarningStep.RED) & models.Q(offset_days__gte=1))
                | (~models.Q(step=WarningStep.RED) & models.Q(offset_days__lte=0)),
                name="supervision_rule_red_after_others_before",
                violation_error_message=_(
                    "Green and yellow warnings come on or before the deadline, red ones after it."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.term} · {self.get_step_display()} · {self.offset_days:+d}"

    def clean(self):
        if self.enabled and not self.recipients:
            raise ValidationError({"recipients": _("An enabled step needs at least one recipient.")})

    @property
    def audit_org_path(self) -> str:
        return self.term.owner.path


class MeasureWarning(models.Model):
    """One step of the ladder reached by one measure for one deadline. Moving the deadline
    starts a new ladder; the same deadline never warns twice at the same step."""

    measure = models.ForeignKey(
        "rectification.Measure", verbose_name=_("measure"), on_delete=models.PROTECT, related_name="warnings"
    )
    step = models.CharField(_("step"), max_length=8, choices=WarningStep.choices, db_index=True)
    deadline = models.DateField(_("deadline"))
    reached_on = models.DateField(_("reached on"), db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        ordering = ["-reached_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "step", "deadline"], name="supervision_warning_once_per_step"),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk} · {self.get_step_display()}"

    @property
    def step_enum(self) -> WarningStep:
        return WarningStep(self.step)

    @property
    def audit_org_path(self) -> str:
        return self.measure.plan.inspection.term.owner.path


class SupervisionSettings(models.Model):
    """A term's settings for supervision documents: how they are numbered and signed."""

    term = models.OneToOneField(
        "plans.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="supervision_settings"
    )
    number_prefix = models.CharField(
        _("number prefix"), max_length=20, blank=True, help_text=_("e.g. 厦巡督, giving 厦巡督〔2025〕3号.")
    )
    issuer_name = models.CharField(
        _("issuing body"), max_length=120, blank=True, help_text=_("e.g. 中共厦门市委巡察工作领导小组办公室")
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer"), default=15, help_text=_("The answer to a document is due this many days after issue.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision settings")
        verbose_name_plural = _("supervision settings")

    def __str__(self):
        return f"{self.term} · {self._meta.verbose_name}"

    @property
    def audit_org_path(self) -> str:
        return self.term.owner.path
