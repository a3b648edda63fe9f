"""What the office writes around the computed report: its narrative sections and shape."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import VersionedModel


class ReportShape(models.TextChoices):
    PROBLEM = "problem", _("Problem by problem (整改情况 for each problem)")
    ASPECT = "aspect", _("Aspect by aspect (numbered progress paragraphs)")


class ReportDraft(VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="report_drafts"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    shape = models.CharField(_("layout"), max_length=8, choices=ReportShape.choices, default=ReportShape.PROBLEM)
    # Section 一 (组织领导) and the opening of section 二 are the office's words, printed as
    # written; the generator only numbers the sections around them.
    leadership_title = models.CharField(_("heading of section 一 (organisational work)"), max_length=200, blank=True)
    organisational_work = models.TextField(_("organisational work"), blank=True)
    rectification_title = models.CharField(_("heading of section 二 (rectification)"), max_length=200, blank=True)
    rectification_opening = models.TextField(_("opening of section 二"), blank=True)
    next_steps_title = models.CharField(
        _("heading of the next steps"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the next steps are printed as the closing paragraph, without a heading."),
    )
    next_steps = models.TextField(_("next steps"), blank=True)
    # The closing paragraph gives the inspection's phone and mailbox unless these are set.
    contact_phone = models.CharField(_("contact phone"), max_length=60, blank=True)
    contact_address = models.CharField(_("postal address"), max_length=200, blank=True)
    contact_email = models.CharField(_("e-mail"), max_length=120, blank=True)
    # The people the office ticks in for the named lists of section 三 (党纪政务处分, 诫勉…);
    # nobody is named unless ticked.
    listed_persons = models.ManyToManyField(
        "clues.CluePerson", verbose_name=_("people named in the report"), blank=True, related_name="+"
    )
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report draft")
        verbose_name_plural = _("progress report drafts")
        constraints = [models.UniqueConstraint(fields=["inspection", "organisation"], name="reports_one_draft")]

    def __str__(self):
        return f"{self.inspection} · {self.organisation}"


class ReportUpload(models.Model):
    """A published report uploaded for import: its text (editable before import) and the
    inspection it will feed."""

    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="report_uploads"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("inspected organisation"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.ForeignKey(
        "files.StoredFile", verbose_name=_("file"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("text"))
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("uploaded report")
        verbose_name_plural = _("uploaded reports")

    def __str__(self):
        return f"{self.inspection} · {self.uploaded_at:%Y-%m-%d}"


class StatedFigure(models.Model):
    """A figure a published report or plan states for an inspected organisation ("研究制定整改措施
    112项"), kept beside the figure the rows give. Import records them (source "import"); the
    office may add one it knows from elsewhere. Where the stated and counted figures differ, the
    report page shows both and the office chooses which the document prints (`use_in_report`);
    the check between them stays on the page either way.

    `key` is a key of the parser's stated figures (reports/parsing/stated.py): measures_total,
    regulations_made, topics_total, clues_transferred, petitions_received, people_handled…
    """

    class Source(models.TextChoices):
        IMPORT = "import", _("Imported report")
        OFFICE = "office", _("Entered by the office")

    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="stated_figures"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("inspected organisation"), on_delete=models.PROTECT, related_name="+"
    )
    key = models.CharField(_("figure"), max_length=40)
    value = models.DecimalField(_("stated value"), max_digits=14, decimal_places=2)
    phrase = models.TextField(_("stated as"), blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.IMPORT)
    use_in_report = models.BooleanField(_("print the stated figure"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stated figure")
        verbose_name_plural = _("stated figures")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "organisation", "key"], name="reports_one_stated_figure")
        ]

    def __str__(self):
        return f"{self.key} = {self.value}"


class ProblemExplanation(models.Model):
    """What the progress report says of a problem not done or basically done (section
    "未完成和基本完成事项的说明"): the reason, the next steps and the completion date. Every such
    problem must have one when the report is generated; import fills it from the report."""

    problem = models.OneToOneField(
        "findings.Problem", verbose_name=_("problem"), on_delete=models.PROTECT, related_name="explanation"
    )
    reason = models.TextField(_("explanation (有关情况说明)"), blank=True)
    next_steps = models.TextField(_("next steps (下一步措施)"), blank=True)
    complete_by = models.DateField(_("completion date"), null=True, blank=True)
    complete_by_text = models.CharField(
        _("completion date as worded"),
        max_length=500,
        blank=True,
        help_text=_("Printed instead of the date when set, e.g. 2022年12月31日前并长期坚持."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("explanation of an unfinished problem")
        verbose_name_plural = _("explanations of unfinished problems")

    def __str__(self):
        return f"{self.problem} · {self.reason[:30]}"

    @property
    def complete(self) -> bool:
        """All three parts are there: the report may print it."""
        return bool(self.reason.strip() and self.next_steps.strip() and (self.complete_by or self.complete_by_text))
