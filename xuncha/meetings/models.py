"""Meetings (会议) of the committee's inspection work: who met, who attended (leaders counted),
what was on the agenda with its decision, and the follow-up items (交办事项, 点人点事) sent
to an owner with a deadline. A meeting belongs to the committee that owns its term."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.meetings.enums import FollowUpStatus, MeetingKind


class Meeting(ArchivableModel, VersionedModel):
    term = models.ForeignKey("plans.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. 市委巡察工作领导小组第十二次会议"))
    held_on = models.DateField(pgettext_lazy("meeting", "held on"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    chair = models.ForeignKey(
        "people.Person", verbose_name=_("chair"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection fed back"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_meetings",
        help_text=_("A feedback meeting gives the feedback of one inspection."),
    )
    summary = models.TextField(pgettext_lazy("meeting", "summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=MeetingKind.FEEDBACK, inspection__isnull=False) | ~Q(kind=MeetingKind.FEEDBACK),
                name="meeting_feedback_names_its_inspection",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.held_on:%Y-%m-%d}"

    @property
    def audit_org_path(self) -> str:
        return self.term.owner.path


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    as_leader = models.BooleanField(_("attended as a leader"), default=False)
    role = models.CharField(_("attended as"), max_length=60, blank=True, help_text=_("e.g. 市级分管领导"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["-as_leader", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_meeting")]

    def __str__(self):
        return str(self.person)

    @property
    def audit_org_path(self) -> str:
        return self.meeting.term.owner.path


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="agenda")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("topic"), max_length=200)
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    problem = models.ForeignKey(
        "findings.Problem", verbose_name=_("problem"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    clue = models.ForeignKey(
        "clues.Clue", verbose_name=_("clue"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.TextField(_("decision"), blank=True)
    decides_feedback = models.BooleanField(
        _("decides the feedback"),
        default=False,
        help_text=_("The committee agrees that the inspection's feedback be given (书记专题会)."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_once"),
            models.UniqueConstraint(
                fields=["inspection"], condition=Q(decides_feedback=True), name="feedback_decided_once"
            ),
            models.CheckConstraint(
                condition=Q(decides_feedback=False) | Q(inspection__isnull=False),
                name="feedback_decision_names_its_inspection",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def audit_org_path(self) -> str:
        return self.meeting.term.owner.path


class FollowUpItem(ArchivableModel, VersionedModel):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="follow_ups")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    description = models.TextField(_("what is to be done"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("follow-up item", "owner"),
        on_delete=models.PROTECT,
        related_name="meeting_follow_ups",
    )
    deadline = models.DateField(pgettext_lazy("follow-up item", "deadline"))
    status = models.CharField(_("status"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("how it was done"), blank=True)
    escalated_on = models.DateField(
        _("escalated on"), null=True, blank=True, help_text=_("The day the warning run found it overdue.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=FollowUpStatus.OPEN) | Q(done_on__isnull=False), name="follow_up_done_has_date"
            )
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def audit_org_path(self) -> str:
        return self.meeting.term.owner.path

    def is_overdue(self, today) -> bool:
        return self.status == FollowUpStatus.OPEN and today > self.deadline
