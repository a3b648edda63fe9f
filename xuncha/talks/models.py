"""Talks and visits during an inspection (谈话、走访): who the team heard, when, what was said,
and which findings and clues came of it; and the inspection's talk plan (九必谈、三必访: the
kinds of people the local rule says must be talked to or visited, with how many).

A talk record is as confidential as a clue: the office and the inspection's team only
(`xuncha.talks.rules`); the audit log keeps no name and no note (`record_event` refuses case text)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.talks.enums import TalkKind


class TalkPlanItem(ArchivableModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="talk_plan"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TalkKind.choices, default=TalkKind.TALK)
    category = models.CharField(
        _("who"), max_length=80, help_text=_("e.g. 党组织书记, 班子成员, 退休老干部, 困难群众")
    )
    required = models.PositiveSmallIntegerField(_("how many at least"), default=1)
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("talk plan item")
        verbose_name_plural = _("talk plan")
        ordering = ["inspection", "position", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.category}"

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path


class Talk(ArchivableModel, VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="talks"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TalkKind.choices, default=TalkKind.TALK)
    plan_item = models.ForeignKey(
        TalkPlanItem,
        verbose_name=_("counts toward"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talks",
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    subject_name = models.CharField(_("person heard"), max_length=60)
    subject_position = models.CharField(_("position"), max_length=120, blank=True)
    subject_organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation of the person heard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    interviewers = models.ManyToManyField(
        "people.Person", verbose_name=_("talked by"), blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"))
    findings = models.ManyToManyField("findings.Finding", verbose_name=_("findings"), blank=True, related_name="+")
    clues = models.ManyToManyField("clues.Clue", verbose_name=_("clues"), blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("talk record")
        verbose_name_plural = _("talk records")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.held_on}"

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path
