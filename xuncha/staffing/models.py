"""Teams drawn from people, talent pools, and evaluations after each inspection."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel
from xuncha.staffing.enums import Grade, PoolKind, TeamRole


class TeamMember(ArchivableModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="team"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="team_memberships"
    )
    role = models.CharField(_("team role"), max_length=16, choices=TeamRole.choices)
    recusal_override = models.TextField(
        _("reason for overriding recusal"),
        blank=True,
        help_text=_("Filled only when the office assigned this person despite a conflict of interest."),
    )
    # 抽调: a member lent to the team by another unit for a period (the person's own
    # organisation is where they work; the home unit is the one that lent them, kept as it was)
    home_unit = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("seconded from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seconded_from = models.DateField(_("secondment from"), null=True, blank=True)
    seconded_to = models.DateField(_("secondment to"), null=True, blank=True)
    secondment_letter = models.CharField(
        _("secondment letter"), max_length=60, blank=True, help_text=_("The number of the letter that lent the person.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["inspection", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "person"],
                condition=models.Q(archived_at__isnull=True),
                name="staffing_member_once_per_team",
                violation_error_message=_("This person is already on the team."),
            ),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(archived_at__isnull=True, role="leader"),
                name="staffing_one_leader",
                violation_error_message=_("The team already has a leader."),
            ),
            models.CheckConstraint(
                condition=models.Q(home_unit__isnull=True)
                | models.Q(
                    seconded_from__isnull=False, seconded_to__isnull=False, seconded_to__gte=models.F("seconded_from")
                ),
                name="staffing_secondment_period",
                violation_error_message=_("A secondment needs a period whose end is not before its start."),
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_role_display()}"

    @property
    def seconded(self) -> bool:
        return self.home_unit_id is not None

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path


class TalentPool(ArchivableModel):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=PoolKind.choices)
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("kept by"), on_delete=models.PROTECT, related_name="talent_pools"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("talent pool")
        verbose_name_plural = _("talent pools")
        ordering = ["owner__path", "kind", "name"]

    def __str__(self):
        return self.name

    @property
    def audit_org_path(self) -> str:
        return self.owner.path


class PoolMember(ArchivableModel):
    pool = models.ForeignKey(TalentPool, verbose_name=_("pool"), on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="pool_memberships"
    )
    specialties = models.JSONField(_("specialties"), default=list, blank=True)
    available = models.BooleanField(_("available"), default=True)
    availability_note = models.CharField(_("availability note"), max_length=200, blank=True)
    joined_on = models.DateField(_("joined on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pool member")
        verbose_name_plural = _("pool members")
        ordering = ["pool", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pool", "person"],
                condition=models.Q(archived_at__isnull=True),
                name="staffing_pool_member_unique",
                violation_error_message=_("This person is already in the pool."),
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.pool}"


class Evaluation(models.Model):
    """How a team member did on one inspection (评价), recorded by the office afterwards."""

    member = models.OneToOneField(
        TeamMember, verbose_name=_("team member"), on_delete=models.PROTECT, related_name="evaluation"
    )
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices)
    comment = models.TextField(_("comment"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.member} · {self.get_grade_display()}"


class TeamAppraisal(models.Model):
    """How a team did as a team on one inspection (巡察组工作考评, seed 003): a score out of 100
    and a grade, recorded by the office after the team has exited; members are graded apart
    (`Evaluation`)."""

    inspection = models.OneToOneField(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="appraisal"
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices)
    comment = models.TextField(_("comment"), blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appraised_at = models.DateTimeField(_("appraised at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team appraisal")
        verbose_name_plural = _("team appraisals")

    def __str__(self):
        return f"{self.inspection.team_name} · {self.get_grade_display()}"

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path
