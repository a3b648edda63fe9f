"""Evaluation schemes (整改效果评价指标体系) and the evaluations that apply them.

A scheme is plates → items; an item is scored by hand (ItemScore rows, by raters in named
groups, 巡前 / 巡后 kept apart) or computed from the ledger's rows each time it is read
(`metrics`, `scoring`): a computed item's points are never stored, only a signed-off
evaluation keeps the total and grade it was signed off with (`signed_score`, `signed_grade`),
for the term's ranked table and the 绩效考评 export.

A scheme is frozen once an evaluation uses it: it is copied as a new version to change it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from xuncha.evaluation.enums import ConsequenceKind, EvaluationStatus, Grade, Method, Phase, Rule

USER = settings.AUTH_USER_MODEL
POINTS = {"max_digits": 7, "decimal_places": 2}


class Scheme(models.Model):
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("office of"), on_delete=models.PROTECT, related_name="+"
    )
    is_template = models.BooleanField(_("template"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self", verbose_name=_("previous version"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    phased = models.BooleanField(_("scored before and after the inspection (巡前/巡后)"), default=False)
    # the lowest total of each grade; below `fair_from` is 差
    excellent_from = models.DecimalField(_("优秀 from"), default=Decimal(90), **POINTS)
    good_from = models.DecimalField(_("较好 from"), default=Decimal(80), **POINTS)
    fair_from = models.DecimalField(_("一般 from"), default=Decimal(60), **POINTS)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["-is_template", "title", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(excellent_from__gt=models.F("good_from"), good_from__gt=models.F("fair_from")),
                name="evaluation_scheme_thresholds_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.evaluations.exists()

    @property
    def max_points(self) -> Decimal:
        return sum((p.max_points for p in self.plates.all()), Decimal(0))

    def grade_for(self, total: Decimal) -> str:
        if total >= self.excellent_from:
            return Grade.EXCELLENT
        if total >= self.good_from:
            return Grade.GOOD
        if total >= self.fair_from:
            return Grade.FAIR
        return Grade.POOR


class Plate(models.Model):
    """A plate (板块) or area of a scheme: its items' points add up, capped at `max_points`."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="plates")
    order = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    max_points = models.DecimalField(_("max points"), validators=[MinValueValidator(0)], **POINTS)

    class Meta:
        verbose_name = _("plate")
        verbose_name_plural = _("plates")
        ordering = ["scheme", "order", "id"]

    def __str__(self):
        return self.name


class Item(models.Model):
    plate = models.ForeignKey(Plate, verbose_name=_("plate"), on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("indicator"))
    max_points = models.DecimalField(_("max points"), validators=[MinValueValidator(0)], **POINTS)
    method = models.CharField(_("scoring"), max_length=16, choices=Method.choices, default=Method.HAND)
    metric = models.CharField(_("metric"), max_length=40, blank=True)  # a key of `metrics.REGISTRY`
    rule = models.CharField(_("rule"), max_length=16, choices=Rule.choices, blank=True)
    per_unit = models.DecimalField(_("points per unit"), default=Decimal(0), **POINTS)
    # demo items whose wording the seed does not give (seed 003 names 5 plates and 62 items only)
    text_is_ours = models.BooleanField(_("wording is ours, not the source's"), default=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["plate", "order", "id"]

    def __str__(self):
        return self.text[:40]


class RaterGroup(models.Model):
    """A named group of raters (镇党委班子, 村党员代表): its scores are kept apart and weigh
    `weight` in the item's weighted mean."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=120)
    weight = models.DecimalField(_("weight"), default=Decimal(1), validators=[MinValueValidator(0)], **POINTS)

    class Meta:
        verbose_name = _("rater group")
        verbose_name_plural = _("rater groups")
        ordering = ["scheme", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "name"], name="evaluation_group_name_unique")]

    def __str__(self):
        return self.name


class Evaluation(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="evaluations")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation evaluated"), on_delete=models.PROTECT, related_name="+"
    )
    term = models.ForeignKey("plans.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="+")
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_off_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_score = models.DecimalField(_("score signed off"), null=True, blank=True, **POINTS)
    signed_grade = models.CharField(_("grade signed off"), max_length=16, choices=Grade.choices, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["term", "organisation__name", "id"]

    def __str__(self):
        return f"{self.organisation} · {self.scheme.title}"


class ItemScore(models.Model):
    """One rater's score of a hand-scored item, in one phase, for one group."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(Item, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices, blank=True, default=Phase.SINGLE)
    group = models.ForeignKey(
        RaterGroup, verbose_name=_("rater group"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), validators=[MinValueValidator(0)], **POINTS)
    note = models.TextField(_("reason"), blank=True)
    evidence = models.ManyToManyField("files.StoredFile", verbose_name=_("evidence"), blank=True, related_name="+")
    scorer = models.ForeignKey(USER, verbose_name=_("scored by"), on_delete=models.PROTECT, related_name="+")
    scored_at = models.DateTimeField(_("scored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["evaluation", "item", "phase", "group", "id"]

    def __str__(self):
        return f"{self.item} = {self.score}"


class EnteredFigure(models.Model):
    """A figure entered for a computed item where no rows exist yet (a 民主测评 held on paper):
    used only when the item's metric has no rows to count."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="figures"
    )
    item = models.ForeignKey(Item, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value"), **POINTS)
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("entered figure")
        verbose_name_plural = _("entered figures")
        constraints = [models.UniqueConstraint(fields=["evaluation", "item"], name="evaluation_figure_unique")]

    def __str__(self):
        return f"{self.item} = {self.value}"


class Consequence(models.Model):
    """A consequence ordered for an evaluation rated 差: an interview of the head (约谈) or a
    follow-up inspection (回头看), with the record that carried it out once there is one."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="consequences"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ConsequenceKind.choices)
    ordered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ordered_at = models.DateTimeField(_("ordered at"), auto_now_add=True)
    follow_up = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("follow-up inspection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consequence")
        verbose_name_plural = _("consequences")
        ordering = ["evaluation", "ordered_at"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "kind"], name="evaluation_consequence_once")]

    def __str__(self):
        return self.get_kind_display()
