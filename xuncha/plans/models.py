"""Terms (届), their scope of organisations to cover, rounds (轮) and batches (批)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.plans.enums import MeasurePoint, all_inspection_kinds, all_points


class Term(ArchivableModel, VersionedModel):
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. 十二届市委"))
    owner = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="terms",
        help_text=_("The Party committee whose inspections this term plans."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    plan_months = models.PositiveSmallIntegerField(
        _("months to file the plan"),
        default=2,
        help_text=_("Rectification plan due this many months after feedback."),
    )
    report_months = models.PositiveSmallIntegerField(
        _("months to report"),
        default=6,
        help_text=_("Rectification report due this many months after feedback."),
    )
    recusal_years = models.PositiveSmallIntegerField(
        _("recusal period in years"),
        default=5,
        help_text=_("Inspectors may not inspect an organisation they worked in within this many years."),
    )
    scope_levels = models.JSONField(
        _("levels in scope"), default=list, blank=True, help_text=_("Empty means every level.")
    )
    credits_escalated = models.BooleanField(
        _("count upper-level 提级巡察 in coverage"),
        default=True,
        help_text=_("An organisation in scope inspected by an upper committee's 提级巡察 during the term counts "
                    "as inspected."),
    )
    required_points = models.JSONField(
        _("points a measure must fix (五定)"),
        default=all_points,
        blank=True,
        help_text=_("Besides the measure itself; a plan missing one of them is not accepted."),
    )
    # 三方联审: which inspection kinds' plans and sign-offs the discipline commission and the
    # organisation department review with the office (xuncha/rectification/jointreview.py)
    joint_review_plans = models.JSONField(
        _("kinds whose plans go to joint review (三方联审)"),
        default=all_inspection_kinds,
        blank=True,
        help_text=_("The discipline commission and the organisation department approve or return these plans "
                    "before the office approves them."),
    )
    joint_review_sign_offs = models.JSONField(
        _("kinds whose sign-offs go to joint review (三方联审)"),
        default=list,
        blank=True,
        help_text=_("For these kinds the reviewers also approve or return each request to sign off a measure "
                    "(销号) before the office signs it off."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plans_term_dates_in_order",
                violation_error_message=_("The term ends before it starts."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def audit_org_path(self) -> str:
        return self.owner.path

    @property
    def required_point_labels(self) -> list[str]:
        return [str(MeasurePoint(point).label) for point in MeasurePoint.values if point in self.required_points]

    def joint_review_applies(self, kind: str, *, sign_off: bool = False) -> bool:
        """Whether a plan (or, with `sign_off`, a sign-off request) of an inspection of `kind`
        goes to joint review under this term's setting."""
        return kind in (self.joint_review_sign_offs if sign_off else self.joint_review_plans)

    def joint_review_labels(self, *, sign_off: bool = False) -> list[str]:
        """The names of the kinds chosen, in the order of InspectionKind."""
        from xuncha.inspections.enums import InspectionKind

        chosen = self.joint_review_sign_offs if sign_off else self.joint_review_plans
        return [str(label) for value, label in InspectionKind.choices if value in chosen]

    @property
    def joint_review_sign_off_labels(self) -> list[str]:
        return self.joint_review_labels(sign_off=True)

    def scope_level_labels(self) -> list[str]:
        from xuncha.orgs.enums import OrgLevel

        return [str(OrgLevel(level).label) for level in self.scope_levels]


class ScopeRule(models.Model):
    """One line of a term's scope: include or exclude an organisation, alone or with its subtree."""

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="scope_rules")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    include = models.BooleanField(_("include"), default=True)
    subtree = models.BooleanField(_("with its subunits"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scope rule")
        verbose_name_plural = _("scope rules")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "organisation"],
                name="plans_scope_rule_unique",
                violation_error_message=_("This organisation already has a rule in this term's scope."),
            )
        ]

    def __str__(self):
        return f"{'+' if self.include else '−'} {self.organisation}{' …' if self.subtree else ''}"


class Round(ArchivableModel):
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["term", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "number"],
                name="plans_round_number_unique",
                violation_error_message=_("This term already has a round with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plans_round_dates_in_order",
                violation_error_message=_("The round ends before it starts."),
            ),
        ]

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("Round %(number)d") % {"number": self.number}

    @property
    def audit_org_path(self) -> str:
        return self.term.owner.path


class Batch(ArchivableModel):
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="batches")
    number = models.PositiveSmallIntegerField(_("number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "number"],
                name="plans_batch_number_unique",
                violation_error_message=_("This round already has a batch with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plans_batch_dates_in_order",
                violation_error_message=_("The batch ends before it starts."),
            ),
        ]

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("%(round)s, batch %(number)d") % {"round": self.round, "number": self.number}

    @property
    def audit_org_path(self) -> str:
        return self.round.term.owner.path
