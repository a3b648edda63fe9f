"""The staff side of the public channel: reports from the public site taken into the petition
intake (channel 码上巡) for the normal triage, and the reporter's receipt kept in step with the
petition. Runs with the staff site's database role."""

import json
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xuncha.audit.domain import record_event
from xuncha.confidential.vault import decrypt
from xuncha.petitions.enums import Channel, FixStatus, Outcome, PetitionStatus
from xuncha.petitions.identity import Identity
from xuncha.public.enums import ReceiptStatus
from xuncha.public.models import Addendum, Attachment, Receipt, Submission

logger = logging.getLogger("xuncha.public")

PAGE_VIEW_BATCH = 20  # reports a page view takes in at most; `xuncha public intake` takes the rest


def pending(inspection=None, *, retry: bool = False):
    """Reports not taken in yet; those that failed before only when `retry` (the command)."""
    reports = Submission.objects.filter(petition__isnull=True)
    if not retry:
        reports = reports.filter(intake_error="")
    return reports.filter(page__inspection=inspection) if inspection is not None else reports


def take_in(inspection=None, *, limit: int | None = None, retry: bool = False) -> int:
    """Take waiting reports (of `inspection`, or all; at most `limit`) into the petition intake,
    and waiting pieces of added information onto their petitions; returns how many reports.
    A report that cannot be taken in (its sealed identity does not open, a file is refused)
    keeps waiting with the reason recorded and logged; the others go on."""
    taken = 0
    waiting = pending(inspection, retry=retry).order_by("id").values_list("pk", flat=True)
    for pk in list(waiting[:limit] if limit else waiting):
        try:
            taken += _take_in_one(pk)
        except Exception as error:  # one bad report must not stop the office's pages
            logger.exception("public report %s could not be taken in", pk)
            Submission.objects.filter(pk=pk).update(intake_error=f"{type(error).__name__}: {error}"[:500])
    addenda = Addendum.objects.filter(taken_in_at__isnull=True).values_list("pk", flat=True)
    for pk in list(addenda[:limit] if limit else addenda):
        try:
            _take_in_addendum(pk)
        except Exception:
            logger.exception("added information %s could not be taken in", pk)
    return taken


def take_in_if_waiting(inspection=None) -> int:
    """One cheap query when nothing waits (the petition pages call this on every view); a
    bounded batch otherwise."""
    if not pending(inspection).exists() and not Addendum.objects.filter(taken_in_at__isnull=True).exists():
        return 0
    return take_in(inspection, limit=PAGE_VIEW_BATCH)


def _store(attachment: Attachment):
    from xuncha.files.domain import store_upload

    upload = ContentFile(bytes(attachment.data), name=attachment.name)
    upload.content_type = attachment.content_type
    stored = store_upload(_Upload(upload), by=None)
    attachment.stored, attachment.data = stored, b""
    attachment.save(update_fields=["stored", "data"])


class _Upload:
    """A ContentFile dressed as an upload for `store_upload` (its checks read name and size)."""

    def __init__(self, content: ContentFile):
        self._content = content
        self.name, self.size = content.name, content.size

    def __getattr__(self, name):
        return getattr(self._content, name)


def _take_in_one(pk: int) -> int:
    from xuncha.petitions.domain import receive_petition
    from xuncha.petitions.models import Petition

    with transaction.atomic():
        report = Submission.objects.select_for_update().select_related("page__inspection").get(pk=pk)
        if report.petition_id is not None:
            return 0
        identity = None
        if report.sealed_identity:
            identity = Identity(**json.loads(decrypt(report.sealed_identity, aad=report.aad)))
        receipt = Receipt.objects.filter(submission=report).first()
        code = receipt.code if receipt and not Petition.objects.filter(tracking_code=receipt.code).exists() else None
        petition = receive_petition(
            report.page.inspection,
            by=None,
            channel=Channel.QR,
            received_on=timezone.localdate(report.submitted_at),
            content=report.content,
            identity=identity,
            tracking_code=code,
        )
        for attachment in Attachment.objects.filter(submission=report, stored__isnull=True):
            _store(attachment)
        # the petition holds the text and the vault the identity from now on
        report.petition, report.sealed_identity, report.content = petition, "", ""
        report.taken_in_at, report.intake_error = timezone.now(), ""
        report.save(update_fields=["petition", "sealed_identity", "content", "taken_in_at", "intake_error"])
        record_event("public.report.taken_in", obj=petition, data={"page": report.page_id})
        return 1


def _take_in_addendum(pk: int) -> None:
    with transaction.atomic():
        addendum = Addendum.objects.select_for_update().get(pk=pk)
        if addendum.taken_in_at is not None:
            return
        report = Submission.objects.filter(receipt=addendum.receipt_id).first()
        if report is None or report.petition_id is None:
            return  # its report is not taken in yet: the next round takes both
        for attachment in Attachment.objects.filter(addendum=addendum, stored__isnull=True):
            _store(attachment)
        addendum.taken_in_at = timezone.now()
        addendum.save(update_fields=["taken_in_at"])


def sync_receipt(petition) -> None:
    """Keep the reporter's receipt in step with the petition: status, and the reply once given
    (the petition's reply when concluded, or the answer of its immediate fix)."""
    if petition.channel != Channel.QR:
        return
    status = {
        PetitionStatus.RECEIVED: ReceiptStatus.RECEIVED,
        PetitionStatus.TRIAGED: ReceiptStatus.HANDLING,
        PetitionStatus.CONCLUDED: ReceiptStatus.CONCLUDED,
    }[petition.status]
    if status == ReceiptStatus.HANDLING and petition.outcome == Outcome.NOT_ACCEPTED:
        status = ReceiptStatus.NOT_ACCEPTED  # until the reply that says why concludes it
    reply, replied_on = petition.reply, petition.replied_on
    if not reply:
        fix = petition.immediate_fixes.exclude(answer_to_reporter="").order_by("-answered_on").first()
        if fix is not None:
            reply, replied_on = fix.answer_to_reporter, fix.answered_on
            if fix.status == FixStatus.DONE and status == ReceiptStatus.HANDLING:
                status = ReceiptStatus.CONCLUDED
    Receipt.objects.filter(submission__petition=petition).update(
        status=status, reply=reply, replied_on=replied_on, updated_at=timezone.now()
    )


def report_of(petition):
    """The public report behind a petition (with its page), or None."""
    return Submission.objects.filter(petition=petition).select_related("page").first()


def attachments_of(report) -> list[Attachment]:
    addenda = Addendum.objects.filter(receipt__submission=report, taken_in_at__isnull=False)
    from django.db.models import Q

    return list(
        Attachment.objects.filter(Q(submission=report) | Q(addendum__in=addenda), stored__isnull=False)
        .select_related("stored")
        .order_by("id")
    )


def addenda_of(report) -> list[Addendum]:
    return list(Addendum.objects.filter(receipt__submission=report, taken_in_at__isnull=False))
