"""码上巡: what the public site reads (published pages, receipts) and what it writes (reports,
added information, attachments, its counts). The public site's database role may read and
insert only these tables (and the questionnaire tables of xuncha.surveys): see grants.py and
docs/public-site.md. Reports are taken into the petition intake by the staff side (intake.py)."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.public.enums import ReceiptStatus, RefusalReason, TallyKind


class PublicPage(models.Model):
    """The 码上巡 page of one inspected organisation in one inspection: what its QR code opens.
    The announcement is copied here when the office publishes it, and refreshed when the
    inspection changes, so that the public site reads this table and never the inspection, its
    team or anyone's account."""

    token = models.CharField(_("code"), max_length=24, unique=True, editable=False)
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="public_pages"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("inspected organisation"), on_delete=models.PROTECT, related_name="+"
    )
    # the announcement as published
    word = models.CharField(_("巡视 or 巡察"), max_length=4, default="巡察")
    title = models.CharField(_("title"), max_length=300)
    organisation_name = models.CharField(_("inspected organisation"), max_length=200)
    team_name = models.CharField(_("team"), max_length=60)
    announcement = models.TextField(_("announcement"), help_text=_("Paragraphs separated by blank lines."))
    phone = models.CharField(_("reporting phone"), max_length=60, blank=True)
    mailbox = models.CharField(_("postal mailbox"), max_length=200, blank=True)
    email = models.CharField(_("e-mail"), max_length=120, blank=True)
    accepted_matters = models.TextField(_("matters accepted"), blank=True)
    reports_open_on = models.DateField(_("reports accepted from"), null=True, blank=True)
    reports_close_on = models.DateField(_("reports accepted until"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("码上巡 page")
        verbose_name_plural = _("码上巡 pages")
        ordering = ["inspection_id", "organisation_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "organisation"], name="public_page_unique"),
        ]

    def __str__(self):
        return self.title

    def accepts_reports(self, today=None) -> bool:
        """Reports are accepted from the entry to the end of the inspection (both dates set by
        the office: a page without an end is not open); a withdrawn page accepts nothing."""
        today = today or timezone.localdate()
        if self.withdrawn_at is not None or self.reports_open_on is None or self.reports_close_on is None:
            return False
        return self.reports_open_on <= today <= self.reports_close_on

    @property
    def audit_org_path(self) -> str:
        return self.inspection.term.owner.path


class Submission(models.Model):
    """A report from the public, as written on the public site. The reporter's name and
    contact, if given, are sealed at once (SM4-GCM, additional data ``public:<ref>``); nothing
    identifying the device (address, browser) is stored. The staff side takes it into the
    petition intake and links the petition here."""

    ref = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(PublicPage, verbose_name=_("码上巡 page"), on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    content = models.TextField(_("content"))
    real_name = models.BooleanField(_("real name"), default=False)
    sealed_identity = models.TextField(_("encrypted identity"), blank=True)
    petition = models.OneToOneField(
        "petitions.Petition",
        verbose_name=_("petition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_submission",
    )
    taken_in_at = models.DateTimeField(_("taken in at"), null=True, blank=True)
    # why it could not be taken in (the log has the rest); `xuncha public intake` tries again
    intake_error = models.CharField(_("intake error"), max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")
        ordering = ["submitted_at", "id"]

    def __str__(self):
        return f"#{self.pk}"

    @property
    def aad(self) -> str:
        return f"public:{self.ref}"


class Receipt(models.Model):
    """What the reporter looks up with the tracking code and passphrase: the status and the
    office's reply, copied here by the staff side. It holds no content of the report."""

    code = models.CharField(_("tracking code"), max_length=16, unique=True)
    passphrase_digest = models.CharField(_("passphrase digest"), max_length=64)
    submission = models.OneToOneField(
        Submission, verbose_name=_("public report"), on_delete=models.PROTECT, related_name="receipt"
    )
    page = models.ForeignKey(PublicPage, verbose_name=_("码上巡 page"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=ReceiptStatus.choices, default=ReceiptStatus.RECEIVED
    )
    reply = models.TextField(_("reply to the reporter"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("tracking receipt")
        verbose_name_plural = _("tracking receipts")

    def __str__(self):
        return self.code


class Addendum(models.Model):
    """Information the reporter added later with the tracking code and passphrase."""

    receipt = models.ForeignKey(
        Receipt, verbose_name=_("tracking receipt"), on_delete=models.PROTECT, related_name="addenda"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    content = models.TextField(_("content"))
    taken_in_at = models.DateTimeField(_("taken in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("added information")
        verbose_name_plural = _("added information")
        ordering = ["submitted_at", "id"]

    def __str__(self):
        return f"#{self.pk}"


class Attachment(models.Model):
    """A photo or file sent with a report or added information. Images are re-encoded and
    stripped of their metadata before they are stored; the bytes stay in the database until the
    staff side takes the report in (the public host keeps no files of its own)."""

    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    addendum = models.ForeignKey(
        Addendum, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    data = models.BinaryField(_("content"), blank=True)
    stored = models.ForeignKey(
        "files.StoredFile", verbose_name=_("file"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("public attachment")
        verbose_name_plural = _("public attachments")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Tally(models.Model):
    """One count of the public site's traffic for the office: submissions, and refusals with
    their reason. Refusals in a flood are counted in memory and written in batches (abuse.py)."""

    page = models.ForeignKey(
        PublicPage, verbose_name=_("码上巡 page"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TallyKind.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=RefusalReason.choices, blank=True)
    count = models.PositiveIntegerField(_("count"), default=1)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("public channel count")
        verbose_name_plural = _("public channel counts")

    def __str__(self):
        return f"{self.kind} {self.reason} {self.count}"
