"""Importing an uploaded published report: the correction of its text and the import itself,
each a declared step (xuncha/reports/actions.py) checked here under the upload's row lock."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.reports.models import ReportUpload
from xuncha.workflow import actions


def correct_text(upload: ReportUpload, *, by, text: str | None) -> ReportUpload:
    """Store the corrected text before it is read again (an imported report is closed)."""
    if not (text or "").strip():
        raise ValidationError(_("The report's text cannot be empty."))
    with transaction.atomic():
        locked = ReportUpload.objects.select_for_update().get(pk=upload.pk)
        actions.check("report.correct", by, locked)
        if locked.text != text:
            locked.text = text
            locked.save(update_fields=["text"])
            record_event("reports.upload.corrected", actor=by, obj=locked, data={"characters": len(text)})
    return locked


def import_upload(upload: ReportUpload, *, by, text: str | None = None):
    """Create the inspection's feedback tree and ledger from the report's (corrected) text."""
    from xuncha.reports.check_labels import parse_error_message
    from xuncha.reports.importer import import_report
    from xuncha.reports.parsing import ReportParseError, parse_text, require_rectification

    with transaction.atomic():
        locked = (
            ReportUpload.objects.select_for_update(of=("self",))
            .select_related("inspection", "organisation")
            .get(pk=upload.pk)
        )
        actions.check("report.import", by, locked)
        if text is not None:
            locked.text = text
        try:
            parsed = require_rectification(parse_text(locked.text))
        except ReportParseError as error:
            raise ValidationError(parse_error_message(error)) from None
        plan = import_report(parsed, inspection=locked.inspection, organisation=locked.organisation, by=by)
        locked.imported_at = timezone.now()
        locked.save(update_fields=["text", "imported_at"])
    return plan
