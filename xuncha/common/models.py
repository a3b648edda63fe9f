"""Common problems (共性问题) and the self-checks of the organisations not yet inspected (未巡先改),
and the links a rebound makes between a new finding or problem and an earlier one.

A list belongs to a term; its categories hold numbered items; an item names the problems it was
drawn from. Publishing reaches the organisations of the term's scope not yet inspected that day
(`Reach`) and opens one `SelfCheck` per reach and item: the figures are counts of these rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xuncha.common.enums import CheckStatus, ListStatus

USER = settings.AUTH_USER_MODEL


class CommonList(models.Model):
    term = models.ForeignKey(
        "plans.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="common_lists"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=ListStatus.choices, default=ListStatus.DRAFT)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        USER, verbose_name=_("published by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("self-check due on"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("common-problem list")
        verbose_name_plural = _("common-problem lists")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ListStatus.DRAFT) | Q(published_on__isnull=False),
                name="common_list_published_has_date",
            )
        ]

    def __str__(self):
        return self.title


class CommonCategory(models.Model):
    common_list = models.ForeignKey(
        CommonList, verbose_name=_("common-problem list"), on_delete=models.CASCADE, related_name="categories"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("common-problem category")
        verbose_name_plural = _("common-problem categories")
        ordering = ["common_list", "order"]
        constraints = [models.UniqueConstraint(fields=["common_list", "order"], name="common_category_order_unique")]

    def __str__(self):
        return self.name


class CommonItem(models.Model):
    category = models.ForeignKey(
        CommonCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("common problem"))
    source_problems = models.ManyToManyField(
        "findings.Problem", verbose_name=_("drawn from problems"), blank=True, related_name="common_items"
    )

    class Meta:
        verbose_name = _("common problem")
        verbose_name_plural = _("common problems")
        ordering = ["category__order", "order"]
        constraints = [models.UniqueConstraint(fields=["category", "order"], name="common_item_order_unique")]

    def __str__(self):
        return self.text


class Reach(models.Model):
    """One organisation a published list reached: in the term's scope, not yet inspected."""

    common_list = models.ForeignKey(
        CommonList, verbose_name=_("common-problem list"), on_delete=models.CASCADE, related_name="reaches"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    reached_on = models.DateField(_("reached on"))

    class Meta:
        verbose_name = _("organisation reached")
        verbose_name_plural = _("organisations reached")
        ordering = ["common_list", "organisation__path"]
        constraints = [models.UniqueConstraint(fields=["common_list", "organisation"], name="common_reach_unique")]

    def __str__(self):
        return f"{self.common_list} · {self.organisation}"


class SelfCheck(models.Model):
    reach = models.ForeignKey(
        Reach, verbose_name=_("organisation reached"), on_delete=models.CASCADE, related_name="checks"
    )
    item = models.ForeignKey(
        CommonItem, verbose_name=_("common problem"), on_delete=models.CASCADE, related_name="checks"
    )
    status = models.CharField(_("status"), max_length=16, choices=CheckStatus.choices, default=CheckStatus.NOT_STARTED)
    note = models.TextField(_("what was found and done"), blank=True)
    evidence = models.ManyToManyField("files.StoredFile", verbose_name=_("evidence"), blank=True, related_name="+")
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    fixed_on = models.DateField(_("fixed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("self-check")
        verbose_name_plural = _("self-checks")
        ordering = ["reach", "item__category__order", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["reach", "item"], name="common_selfcheck_unique"),
            models.CheckConstraint(
                condition=~Q(status=CheckStatus.FIXED) | Q(fixed_on__isnull=False), name="common_selfcheck_fixed_date"
            ),
        ]

    def __str__(self):
        return f"{self.reach.organisation} · {self.item}"

    @property
    def badge_class(self) -> str:
        """The Tabler badge of its status on the reach page."""
        return {
            CheckStatus.FIXED: "bg-green-lt",
            CheckStatus.FIXING: "bg-yellow-lt",
            CheckStatus.NOT_APPLICABLE: "bg-blue-lt",
        }.get(self.status, "bg-secondary-lt")


class ReboundLink(models.Model):
    """A new finding or feedback problem confirmed to resemble an earlier signed-off problem
    of the same organisation, or a published common problem (反弹回潮 at entry)."""

    finding = models.ForeignKey(
        "findings.Finding",
        verbose_name=_("finding"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rebound_links",
    )
    problem = models.ForeignKey(
        "findings.Problem",
        verbose_name=_("problem"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rebound_links",
    )
    earlier_problem = models.ForeignKey(
        "findings.Problem",
        verbose_name=_("earlier problem"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rebounded_by",
    )
    common_item = models.ForeignKey(
        CommonItem,
        verbose_name=_("common problem"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rebound_links",
    )
    score = models.DecimalField(_("similarity"), max_digits=5, decimal_places=4)
    linked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rebound link")
        verbose_name_plural = _("rebound links")
        ordering = ["-linked_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(finding__isnull=False) & Q(problem__isnull=True))
                | (Q(finding__isnull=True) & Q(problem__isnull=False)),
                name="common_rebound_one_new",
            ),
            models.CheckConstraint(
                condition=(Q(earlier_problem__isnull=False) & Q(common_item__isnull=True))
                | (Q(earlier_problem__isnull=True) & Q(common_item__isnull=False)),
                name="common_rebound_one_earlier",
            ),
        ]

    def __str__(self):
        return str(self.earlier_problem or self.common_item)
