"""The upper office's appraisal of the lower committees' inspection work (区(市)党委巡察工作考评,
seed 003; 市区联动, seed 000).

A scheme is kept per year by an upper committee's office (`owner`, e.g. 中共厦门市委: its
巡察办 keeps 《2026年度区(市)党委巡察工作考评细则》): sections → items with max points. A
section's max is the sum of its items'. The scheme is editable until an appraisal uses it; the
next year's is copied from it.

An appraisal scores one lower committee (a district committee under the city) against a
scheme: one score per item (≤ its max, with a reason and evidence files). The total and grade
are computed from the scores each time they are read (`scoring`); the office's sign-off keeps
the total and grade it signed off (`signed_total`, `signed_grade`) for the ranked table.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.appraisal.enums import AppraisalGrade, AppraisalStatus

USER = settings.AUTH_USER_MODEL
POINTS = {"max_digits": 7, "decimal_places": 2}


class AppraisalScheme(models.Model):
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The upper committee whose inspection office appraises its lower committees."),
    )
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    previous = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # the lowest total of each grade; below `fair_from` is 较差
    excellent_from = models.DecimalField(_("好 from"), default=Decimal(90), **POINTS)
    good_from = models.DecimalField(_("较好 from"), default=Decimal(80), **POINTS)
    fair_from = models.DecimalField(_("一般 from"), default=Decimal(60), **POINTS)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal scheme")
        verbose_name_plural = _("appraisal schemes")
        ordering = ["-year", "owner__path", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "year"], name="appraisal_scheme_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(excellent_from__gt=models.F("good_from"), good_from__gt=models.F("fair_from")),
                name="appraisal_scheme_thresholds_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.appraisals.exists()

    def grade_for(self, total: Decimal) -> str:
        if total >= self.excellent_from:
            return AppraisalGrade.EXCELLENT
        if total >= self.good_from:
            return AppraisalGrade.GOOD
        if total >= self.fair_from:
            return AppraisalGrade.FAIR
        return AppraisalGrade.POOR


class Section(models.Model):
    scheme = models.ForeignKey(
        AppraisalScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["scheme", "order", "id"]

    def __str__(self):
        return self.name


class AppraisalItem(models.Model):
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("item"))
    max_points = models.DecimalField(_("max points"), validators=[MinValueValidator(0)], **POINTS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal item")
        verbose_name_plural = _("appraisal items")
        ordering = ["section", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_points__gt=0), name="appraisal_item_max_positive"),
        ]

    def __str__(self):
        return self.text[:40]


class Appraisal(models.Model):
    scheme = models.ForeignKey(
        AppraisalScheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="appraisals"
    )
    subject = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("committee appraised"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=AppraisalStatus.choices,
                              default=AppraisalStatus.DRAFT)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_off_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_total = models.DecimalField(_("total signed off"), null=True, blank=True, **POINTS)
    signed_grade = models.CharField(_("grade signed off"), max_length=16, choices=AppraisalGrade.choices,
                                    blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["scheme", "subject__path", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "subject"], name="appraisal_one_per_subject"),
        ]

    def __str__(self):
        return f"{self.subject} · {self.scheme}"


class AppraisalScore(models.Model):
    """The score of one item: scored again, the row changes and its history keeps the earlier one."""

    appraisal = models.ForeignKey(Appraisal, verbose_name=_("appraisal"), on_delete=models.CASCADE,
                                  related_name="scores")
    item = models.ForeignKey(AppraisalItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), validators=[MinValueValidator(0)], **POINTS)
    reason = models.TextField(_("reason"))
    evidence = models.ManyToManyField("files.StoredFile", verbose_name=_("evidence"), blank=True,
                                      related_name="+")
    scorer = models.ForeignKey(USER, verbose_name=_("scored by"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    scored_at = models.DateTimeField(_("scored at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["appraisal", "item__section__order", "item__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "item"], name="appraisal_score_once_per_item"),
            models.CheckConstraint(condition=models.Q(score__gte=0), name="appraisal_score_not_negative"),
        ]

    def __str__(self):
        return f"{self.item} = {self.score}"
