"""The register of results-use documents (成果运用): 专题报告, 要情专报, 抄告单, 提醒函 and 巡后情况通报.

As for the supervision letters, the number (厦巡抄〔2020〕12号) is given at issue, never at
drafting, so that discarded drafts leave no gaps; each kind has its own mark in the prefix, so
numbers run per issuing body, kind and year, and the database refuses one given twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.results.enums import ResultKind, ResultStatus

USER = settings.AUTH_USER_MODEL


class ResultDocument(ArchivableModel, VersionedModel):
    term = models.ForeignKey(
        "plans.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="result_documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResultKind.choices, db_index=True)
    issuer = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("issuing committee"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    issuer_name = models.CharField(
        _("issuing body"), max_length=120, help_text=_("As printed at the head and in the signature.")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    recipients = models.ManyToManyField(
        "orgs.Organisation", verbose_name=_("recipient organisations"), blank=True, related_name="result_documents"
    )
    leaders = models.ManyToManyField(
        "people.Person", verbose_name=_("recipient leaders"), blank=True, related_name="result_documents"
    )
    inspections = models.ManyToManyField(
        "inspections.Inspection", verbose_name=_("inspections"), blank=True, related_name="result_documents"
    )
    problems = models.ManyToManyField(
        "findings.Problem", verbose_name=_("problems"), blank=True, related_name="result_documents"
    )
    # the clues a document draws on: shown only to whoever may read each clue (never its content
    # to a recipient), and kept out of the history, which every reader of the document sees
    clues = models.ManyToManyField("clues.Clue", verbose_name=_("clues"), blank=True, related_name="result_documents")
    status = models.CharField(
        _("status"), max_length=12, choices=ResultStatus.choices, default=ResultStatus.DRAFT, db_index=True
    )
    reply_required = models.BooleanField(_("reply required"), default=False)
    due_on = models.DateField(_("reply due"), null=True, blank=True)
    prefix = models.CharField(_("number prefix"), max_length=20, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True, editable=False)
    number = models.CharField(_("number"), max_length=60, blank=True, editable=False)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    replied_by = models.ForeignKey(
        USER, verbose_name=_("replied by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("drafted by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("drafted at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[recipients, leaders, inspections, problems])

    class Meta:
        verbose_name = _("results-use document")
        verbose_name_plural = _("results-use documents")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "prefix", "year", "serial"],
                condition=models.Q(serial__isnull=False),
                name="result_document_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status=ResultStatus.DRAFT)
                | (models.Q(issued_on__isnull=False) & models.Q(serial__isnull=False)),
                name="result_document_issued_has_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ResultStatus.REPLIED)
                | (models.Q(replied_on__isnull=False) & models.Q(reply_required=True)),
                name="result_document_replied_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(reply_required=False) | models.Q(due_on__isnull=False),
                name="result_document_reply_has_due_date",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True)
                | models.Q(issued_on__isnull=True)
                | models.Q(due_on__gte=models.F("issued_on")),
                name="result_document_due_after_issue",
            ),
        ]

    def __str__(self):
        return self.number or f"{self.get_kind_display()} #{self.pk}"

    @property
    def audit_org_path(self) -> str:
        return self.issuer.path

    @property
    def kind_enum(self) -> ResultKind:
        return ResultKind(self.kind)
