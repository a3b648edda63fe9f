"""Findings recorded by a team, and the feedback tree they become (反馈意见: 方面 → 项 → 问题).

The tree is editable until the inspection's feedback date; from then on it is frozen, and a
correction is a new feedback version with a reason (`FeedbackRevision`), every change of which
stays in the rows' history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.findings.enums import FindingSource


class Category(ArchivableModel):
    """One entry of the configurable taxonomy of findings (default: seed 004's four areas)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Finding(ArchivableModel, VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="findings"
    )
    text = models.TextField(_("finding"))
    source = models.CharField(_("source"), max_length=16, choices=FindingSource.choices)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation concerned"), on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.ManyToManyField("files.StoredFile", verbose_name=_("evidence"), blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-recorded_at", "-id"]

    def __str__(self):
        return self.text[:40]


class Aspect(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="aspects"
    )
    number = models.CharField(_("number"), max_length=16)
    title = models.TextField(_("title"))
    position = models.PositiveIntegerField(_("position"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aspect")
        verbose_name_plural = _("aspects")
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "position"], name="findings_aspect_position_unique")
        ]

    def __str__(self):
        return f"（{self.number}）{self.title}"


class Item(models.Model):
    aspect = models.ForeignKey(Aspect, verbose_name=_("aspect"), on_delete=models.PROTECT, related_name="items")
    number = models.CharField(_("number"), max_length=16)
    title = models.TextField(_("title"))
    position = models.PositiveIntegerField(_("position"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["aspect", "position"]
        constraints = [models.UniqueConstraint(fields=["aspect", "position"], name="findings_item_position_unique")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Problem(models.Model):
    """A numbered problem of the feedback: under an item where the feedback has items, else
    directly under its aspect. `position` orders problems across the whole inspection."""

    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="problems"
    )
    aspect = models.ForeignKey(Aspect, verbose_name=_("aspect"), on_delete=models.PROTECT, related_name="problems")
    item = models.ForeignKey(
        Item, verbose_name=_("item"), null=True, blank=True, on_delete=models.PROTECT, related_name="problems"
    )
    number = models.CharField(_("number"), max_length=16)
    title = models.TextField(_("problem"))
    text = models.TextField(_("details"), blank=True)
    position = models.PositiveIntegerField(_("position"))
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation concerned"), on_delete=models.PROTECT, related_name="+"
    )
    findings = models.ManyToManyField(Finding, verbose_name=_("from findings"), blank=True, related_name="problems")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "position"], name="findings_problem_position_unique")
        ]

    def __str__(self):
        return f"（{self.number}）{self.title}"


class FeedbackRevision(models.Model):
    """A correction of frozen feedback: one version, made by a correction session.

    The session opens (`closed_at` empty, the tree as it stood kept in `before`), gathers any
    number of edits, and closes with one reason (the tree as it then stands kept in `after`):
    one new version, however many edits. At most one session per inspection is open. Version 1
    is the feedback as given, the first session's `before`. Rows from before sessions existed
    carry no snapshots.
    """

    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="feedback_revisions",
    )
    version = models.PositiveIntegerField(_("version"))
    reason = models.TextField(_("reason"), blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    before = models.JSONField(_("tree before"), null=True, blank=True)
    after = models.JSONField(_("tree after"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback revision")
        verbose_name_plural = _("feedback revisions")
        ordering = ["inspection", "version"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "version"], name="findings_revision_unique"),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(closed_at__isnull=True),
                name="findings_one_open_correction",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | ~models.Q(reason=""),
                name="findings_closed_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"v{self.version}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
