"""Typical cases (典型案例): what inspections found, written up for warning education (警示教育,
seed 003 "典型案例", "党性课堂"). A case is drafted from a feedback problem or a concluded clue;
its text is redacted by rule (`xuncha.cases.redaction`) every time it is saved, so that no
reporter's identity and no full name of a person concerned ever stands in it. Cases are counted
per term, with their uses in warning education."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.cases.enums import CaseSource, CaseStatus


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TypicalCase(ArchivableModel, VersionedModel):
    term = models.ForeignKey("plans.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="+")
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("drawn from"), max_length=12, choices=CaseSource.choices)
    problem = models.ForeignKey(
        "findings.Problem", verbose_name=_("problem"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    clue = models.ForeignKey(
        "clues.Clue", verbose_name=_("clue"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what happened"))
    lesson = models.TextField(_("lesson for warning education"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="cases")
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.DRAFT, db_index=True
    )
    published_on = models.DateField(pgettext_lazy("typical case", "published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("typical case")
        verbose_name_plural = _("typical cases")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def audit_org_path(self) -> str:
        return self.term.owner.path


class CaseUse(models.Model):
    """One use of a case in warning education: where, when, for how many people."""

    case = models.ForeignKey(TypicalCase, verbose_name=_("case"), on_delete=models.PROTECT, related_name="uses")
    used_on = models.DateField(_("date"))
    occasion = models.CharField(
        _("occasion"), max_length=120, help_text=_("e.g. 党性课堂, 警示教育大会, 专题组织生活会")
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("held by"), on_delete=models.PROTECT, related_name="+"
    )
    attendees = models.PositiveIntegerField(_("people attending"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("use in warning education")
        verbose_name_plural = _("uses in warning education")
        ordering = ["-used_on", "-id"]

    def __str__(self):
        return f"{self.case} · {self.occasion}"
