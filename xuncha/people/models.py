"""People (人员): cadres, inspectors and staff, with the work history that recusal checks read."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.people.enums import Rank, Relation


class Person(ArchivableModel, VersionedModel):
    name = models.CharField(_("name"), max_length=60)
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    rank = models.CharField(_("rank"), max_length=16, choices=Rank.choices, default=Rank.OTHER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["organisation__path", "name", "id"]

    def __str__(self):
        return self.name

    @property
    def audit_org_path(self) -> str:
        return self.organisation.path


class Employment(models.Model):
    """A period in which a person worked in an organisation; `end` empty means current."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="employments")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("work history")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="people_employment_end_after_start",
                violation_error_message=_("The end date is before the start date."),
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.organisation} ({self.start} – {self.end or ''})"


class Relative(models.Model):
    """A close relative and where they work; an inspector may not inspect that organisation."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="relatives")
    name = models.CharField(_("relative's name"), max_length=60)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("works at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("close relative")
        verbose_name_plural = _("close relatives")

    def __str__(self):
        return f"{self.person} · {self.get_relation_display()} {self.name}"
