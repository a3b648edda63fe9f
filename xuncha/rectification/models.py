"""Rectification (整改): plans of measures fixing the five points, progress with evidence,
sign-off (销号), red-card flags, rebounds and the rules and systems produced (建章立制)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.rectification.enums import (
    ChangeStatus,
    FlagKind,
    JointDecision,
    MeasureStatus,
    PlanStatus,
    ProblemStatus,
    ReviewerBody,
    SignOff,
)

USER = settings.AUTH_USER_MODEL


class Plan(ArchivableModel, VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="plans"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("inspected organisation"), on_delete=models.PROTECT, related_name="plans"
    )
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    # follows the term's setting for the inspection's kind (Term.joint_review_plans): set when
    # the plan is started and at each submission, kept while it is under review
    joint_review = models.BooleanField(
        _("joint review"),
        default=False,
        help_text=_("The discipline commission and the organisation department also review it (三方联审)."),
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rectification plan")
        verbose_name_plural = _("rectification plans")
        ordering = ["inspection", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "organisation"],
                condition=models.Q(archived_at__isnull=True),
                name="rectification_one_plan_per_organisation",
            )
        ]

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("Rectification plan of %(org)s") % {"org": self.organisation}

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path


class Measure(ArchivableModel, VersionedModel):
    """One measure of a plan, fixing the five points (五定): target, content, leader, units,
    deadline (or ongoing, with a stage target), and the completion standard."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="measures")
    problems = models.ManyToManyField("findings.Problem", verbose_name=_("problems"), related_name="measures")
    number = models.PositiveIntegerField(_("number"))
    target = models.TextField(_("rectification target"), blank=True)
    content = models.TextField(_("measure"), blank=True)
    leader = models.CharField(_("responsible leader"), max_length=120, blank=True)
    responsible_person = models.CharField(_("person responsible"), max_length=60, blank=True)
    lead_unit = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_measures",
    )
    units = models.ManyToManyField(
        "orgs.Organisation", verbose_name=_("responsible units"), blank=True, related_name="measures"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    ongoing = models.BooleanField(_("ongoing (长期坚持)"), default=False)
    stage_target = models.TextField(_("stage target"), blank=True)
    standard = models.TextField(_("completion standard"), blank=True)
    target_value = models.DecimalField(_("quantitative target"), max_digits=16, decimal_places=2, null=True, blank=True)
    value_unit = models.CharField(_("unit"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.NOT_STARTED, db_index=True
    )
    sign_off = models.CharField(
        _("sign-off"), max_length=16, choices=SignOff.choices, default=SignOff.NONE, blank=True, db_index=True
    )
    signed_off_on = models.DateField(_("signed off on"), null=True, blank=True)
    # the sign-off requested goes to joint review (Term.joint_review_sign_offs at the request)
    joint_review = models.BooleanField(_("sign-off under joint review"), default=False)

    history = HistoricalRecords(m2m_fields=[problems, units])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="rectification_measure_number_unique"),
            models.CheckConstraint(
                condition=models.Q(target_value__isnull=True) | models.Q(target_value__gte=0),
                name="rectification_measure_target_value_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.content[:40]}"

    @property
    def audit_org_path(self) -> str:
        return self.plan.inspection.term.owner.path

    @property
    def effectively_done(self) -> bool:
        return self.status in MeasureStatus.sign_off_states() and self.sign_off == SignOff.APPROVED


class JointReviewDecision(models.Model):
    """One reviewing body's decision in a joint review (三方联审): on a plan's submission, or,
    with `measure`, on a measure's sign-off request. Approved, or returned with a reason (a
    return sends the plan or the request back to the inspected side). A return by anyone ends
    the round: its decisions are kept, marked superseded, and the next submission or request is
    reviewed afresh; only current decisions count."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="joint_decisions")
    measure = models.ForeignKey(
        "rectification.Measure",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="joint_decisions",
    )
    body = models.CharField(_("reviewing body"), max_length=16, choices=ReviewerBody.choices)
    decision = models.CharField(
        _("decision"), max_length=16, choices=JointDecision.choices, default=JointDecision.APPROVED
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(USER, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("joint review decision")
        verbose_name_plural = _("joint review decisions")
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "body"],
                condition=models.Q(superseded_at__isnull=True, measure__isnull=True),
                name="rectification_one_plan_decision_per_body",
            ),
            models.UniqueConstraint(
                fields=["measure", "body"],
                condition=models.Q(superseded_at__isnull=True, measure__isnull=False),
                name="rectification_one_sign_off_decision_per_body",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="returned") | ~models.Q(reason=""),
                name="rectification_joint_return_has_reason",
                violation_error_message=_("Say why it is returned."),
            ),
        ]

    def __str__(self):
        return f"{self.get_body_display()} · {self.get_decision_display()}"


class ProgressUpdate(models.Model):
    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="updates")
    text = models.TextField(_("progress"))
    status = models.CharField(_("status reported"), max_length=16, choices=MeasureStatus.choices)
    reading = models.DecimalField(_("reading"), max_digits=16, decimal_places=2, null=True, blank=True)
    evidence = models.ManyToManyField("files.StoredFile", verbose_name=_("evidence"), blank=True, related_name="+")
    posted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-posted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reading__isnull=True) | models.Q(reading__gte=0),
                name="rectification_update_reading_not_negative",
                violation_error_message=_("A reading cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.text[:40]


class SignOffEvent(models.Model):
    """The sign-off conversation of a measure: requests, approvals and returns with reasons."""

    class Action(models.TextChoices):
        REQUEST = "request", _("Requested sign-off")
        APPROVE = "approve", _("Signed off")
        RETURN = "return", _("Returned")

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="sign_offs")
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-off step")
        verbose_name_plural = _("sign-off steps")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.measure} · {self.get_action_display()}"


class MeasureChange(models.Model):
    """A change to an approved measure's commitment (deadline, target, standard…): requested with
    a reason by the rectifying side, decided by the office or the plan's reviewers. Approval
    applies the change to the measure (its history shows it); an approved later deadline is an
    extension (延期), counted in the figures."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="changes")
    proposed = models.JSONField(_("proposed values"))
    previous = models.JSONField(_("values at request"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        USER, verbose_name=_("requested by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    decided_by = models.ForeignKey(
        USER, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    extends_deadline = models.BooleanField(_("extends the deadline"), default=False)

    class Meta:
        verbose_name = _("measure change request")
        verbose_name_plural = _("measure change requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure"],
                condition=models.Q(status="pending"),
                name="rectification_one_pending_change_per_measure",
            )
        ]

    def __str__(self):
        return f"{self.measure} · {self.get_status_display()}"

    @property
    def audit_org_path(self) -> str:
        return self.measure.plan.inspection.term.owner.path


class Regulation(models.Model):
    """A rule or system set up as a rectification outcome (建章立制)."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="regulations"
    )
    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=120)
    issued_on = models.DateField(_("issued on"))
    file = models.ForeignKey(
        "files.StoredFile", verbose_name=_("file"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["-issued_on", "id"]

    def __str__(self):
        return self.title


class Flag(models.Model):
    """A reviewer's red card (敷衍整改 / 虚假整改) on a measure or a problem; while it stands the
    item cannot be signed off, and only the office clears it."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    problem = models.ForeignKey(
        "findings.Problem",
        verbose_name=_("problem"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="flags",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FlagKind.choices)
    reason = models.TextField(_("reason"))
    raised_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    cleared_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)
    clear_reason = models.TextField(_("reason for clearing"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("red card")
        verbose_name_plural = _("red cards")
        ordering = ["-raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=False) ^ models.Q(problem__isnull=False),
                name="rectification_flag_on_one_item",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class Rebound(models.Model):
    """A signed-off problem reopened because it came back (反弹回潮)."""

    problem = models.ForeignKey(
        "findings.Problem", verbose_name=_("problem"), on_delete=models.PROTECT, related_name="rebounds"
    )
    reason = models.TextField(_("reason"))
    reopened_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reopened_at = models.DateTimeField(_("reopened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rebound")
        verbose_name_plural = _("rebounds")
        ordering = ["-reopened_at"]

    def __str__(self):
        return f"{self.problem} · {self.reopened_at:%Y-%m-%d}"


class ProblemTally(models.Model):
    """How many problems of an inspection, organisation and aspect have each derived status.

    Derived data, kept by `tally.refresh` in the transaction of every write that can change it,
    so that figures over a whole province are sums over a few rows instead of a status
    derivation over every measure. No history: it is recomputed, never edited.
    """

    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation concerned"), on_delete=models.CASCADE, related_name="+"
    )
    aspect = models.ForeignKey("findings.Aspect", verbose_name=_("aspect"), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=ProblemStatus.choices)
    problems = models.PositiveIntegerField(_("problems"))

    class Meta:
        verbose_name = _("problem tally")
        verbose_name_plural = _("problem tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "organisation", "aspect", "status"], name="rectification_problem_tally_unique"
            )
        ]

    def __str__(self):
        return f"{self.inspection_id}/{self.organisation_id}/{self.aspect_id}/{self.status}: {self.problems}"


class MeasureTally(models.Model):
    """How many active measures of an active plan share a status, a sign-off, a deadline and
    being ongoing: enough to count measures by status, signed off, and overdue on any day
    (`deadlines.overdue_q`). Derived data like `ProblemTally`."""

    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("inspected organisation"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices)
    approved = models.BooleanField(_("signed off"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    ongoing = models.BooleanField(_("ongoing (长期坚持)"))
    measures = models.PositiveIntegerField(_("measures"))

    class Meta:
        verbose_name = _("measure tally")
        verbose_name_plural = _("measure tallies")
        constraints = [
            # SQL counts rows without a deadline as distinct: those rely on refresh's GROUP BY
            models.UniqueConstraint(
                fields=["plan", "status", "approved", "deadline", "ongoing"], name="rectification_measure_tally_unique"
            )
        ]

    def __str__(self):
        return f"{self.plan_id}/{self.status}/{self.approved}/{self.deadline}/{self.ongoing}: {self.measures}"


class TermTally(models.Model):
    """Per term and organisation concerned: its problems by derived status and its active
    measures, summed over the tallies of all the term's inspections (`tally.refresh`).

    Why a second level: a province's dashboard over every term would otherwise group a
    quarter of a million tally rows on each view (0.6 s at scale 20); whole terms in scope are
    read from these rows instead (one per organisation and term). Derived data like the others."""

    term = models.ForeignKey("plans.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation concerned"), on_delete=models.CASCADE, related_name="+"
    )
    done = models.PositiveIntegerField(_("done"))
    basically_done = models.PositiveIntegerField(_("basically done"))
    not_done = models.PositiveIntegerField(_("not done"))
    not_stated = models.PositiveIntegerField(_("status not stated"), default=0)
    measures = models.PositiveIntegerField(_("measures"))

    class Meta:
        verbose_name = _("term tally")
        verbose_name_plural = _("term tallies")
        constraints = [models.UniqueConstraint(fields=["term", "organisation"], name="rectification_term_tally_unique")]

    def __str__(self):
        return (
            f"{self.term_id}/{self.organisation_id}: "
            f"{self.done}/{self.basically_done}/{self.not_done}/{self.not_stated}"
        )


class TermAspectTally(models.Model):
    """Per term, aspect title and derived status: how many problems (the dashboard's aspects)."""

    term = models.ForeignKey("plans.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="+")
    aspect_title = models.TextField(_("aspect"))
    status = models.CharField(_("status"), max_length=16, choices=ProblemStatus.choices)
    problems = models.PositiveIntegerField(_("problems"))

    class Meta:
        verbose_name = _("term aspect tally")
        verbose_name_plural = _("term aspect tallies")
        # no unique constraint: a title is free text of any length, and a B-tree entry over
        # ~2.7 kB fails on PostgreSQL; the rows are rewritten whole per term by tally.refresh

    def __str__(self):
        return f"{self.term_id}/{self.aspect_title}/{self.status}: {self.problems}"


class TermMeasureTally(models.Model):
    """Per term: active measures by status, sign-off and deadline (measures by status, signed
    off and overdue on any day, as `MeasureTally` gives them per inspection)."""

    term = models.ForeignKey("plans.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices)
    approved = models.BooleanField(_("signed off"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    measures = models.PositiveIntegerField(_("measures"))

    class Meta:
        verbose_name = _("term measure tally")
        verbose_name_plural = _("term measure tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "status", "approved", "deadline"],
                condition=models.Q(deadline__isnull=False),
                name="rectification_term_measure_tally_unique",
            ),
            models.UniqueConstraint(
                fields=["term", "status", "approved"],
                condition=models.Q(deadline__isnull=True),
                name="rectification_term_measure_tally_undated_unique",
            ),
        ]

    def __str__(self):
        return f"{self.term_id}/{self.status}/{self.approved}/{self.deadline}: {self.measures}"


class TermTallyMember(models.Model):
    """Which term an inspection's tallies are rolled up into, as of its last refresh: the
    dashboard reads a term's rows only while its members are exactly its inspections (a move
    made outside the domain functions, by QuerySet.update or SQL, must not carry one scope's figures
    into another's)."""

    inspection = models.OneToOneField(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    term = models.ForeignKey("plans.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("term tally member")
        verbose_name_plural = _("term tally members")

    def __str__(self):
        return f"{self.inspection_id} in {self.term_id}"
