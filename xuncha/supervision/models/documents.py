"""Supervision documents (督办通知书, 提醒书, 告诫书, 问责书) the office sends to an organisation.

The number (厦巡督〔2025〕3号) is given at issue, not at drafting, so that discarded drafts leave
no gaps; prefix, year and serial are kept apart so that the database refuses a number given
twice by the same issuing body.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, VersionedModel
from xuncha.supervision.enums import DocumentKind, DocumentStatus

USER = settings.AUTH_USER_MODEL


class SupervisionDocument(ArchivableModel, VersionedModel):
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="supervision_documents",
    )
    plan = models.ForeignKey(
        "rectification.Plan",
        verbose_name=_("rectification plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_documents",
    )
    measures = models.ManyToManyField(
        "rectification.Measure", verbose_name=_("measures"), blank=True, related_name="supervision_documents"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    issuer = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("issuing committee"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    addressee = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("addressed organisation"),
        on_delete=models.PROTECT,
        related_name="supervision_documents",
    )
    issuer_name = models.CharField(
        _("issuing body"), max_length=120, help_text=_("As printed at the head and in the signature.")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT, db_index=True
    )
    prefix = models.CharField(_("number prefix"), max_length=20, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True, editable=False)
    number = models.CharField(_("number"), max_length=60, blank=True, editable=False)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    due_on = models.DateField(_("answer due"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        USER, verbose_name=_("answered by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField(_("reason the answer was returned"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("drafted by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("drafted at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[measures])

    class Meta:
        verbose_name = _("supervision document")
        verbose_name_plural = _("supervision documents")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "prefix", "year", "serial"],
                condition=models.Q(serial__isnull=False),
                name="supervision_document_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status=DocumentStatus.DRAFT)
                | (models.Q(issued_on__isnull=False) & models.Q(serial__isnull=False)),
                name="supervision_document_issued_has_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=[DocumentStatus.ANSWERED, DocumentStatus.CLOSED])
                | models.Q(answered_on__isnull=False),
                name="supervision_document_answered_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True)
                | models.Q(issued_on__isnull=True)
                | models.Q(due_on__gte=models.F("issued_on")),
                name="supervision_document_due_after_issue",
            ),
        ]

    def __str__(self):
        return self.number or f"{self.get_kind_display()} #{self.pk}"

    @property
    def audit_org_path(self) -> str:
        return self.issuer.path

    @property
    def kind_enum(self) -> DocumentKind:
        return DocumentKind(self.kind)
