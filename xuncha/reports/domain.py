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


# --- the progress report: the office's choices ------------------------------------------


def save_explanation(
    problem,
    *,
    by,
    reason: str,
    next_steps: str,
    complete_by=None,
    complete_by_text: str = "",
):
    """Record why an unfinished problem is not finished, what comes next and by when (section
    四 of the report). It may be written ahead: the report prints it while the problem is not
    done or basically done."""
    from xuncha.reports.models import ProblemExplanation

    with transaction.atomic():
        explanation, created = ProblemExplanation.objects.select_for_update().get_or_create(problem=problem)
        explanation.reason = (reason or "").strip()
        explanation.next_steps = (next_steps or "").strip()
        explanation.complete_by = complete_by
        explanation.complete_by_text = (complete_by_text or "").strip()
        explanation.updated_by = by if getattr(by, "pk", None) else None
        explanation.full_clean()
        explanation.save()
        record_event(
            "reports.explanation.saved",
            actor=by,
            obj=problem,
            org_path=problem.inspection.term.owner.path,
            data={"created": created, "complete": explanation.complete},
        )
    return explanation


def choose_stated_figure(figure, *, by, use_in_report: bool):
    """The office's choice of the figure the document prints: the stated one or the counted one."""
    from xuncha.reports.models import StatedFigure

    with transaction.atomic():
        locked = StatedFigure.objects.select_for_update().get(pk=figure.pk)
        if locked.use_in_report != use_in_report:
            locked.use_in_report = use_in_report
            locked.save(update_fields=["use_in_report"])
            record_event(
                "reports.stated_figure.chosen",
                actor=by,
                obj=locked,
                org_path=locked.inspection.term.owner.path,
                data={
                    "key": locked.key,
                    "value": str(locked.value),
                    "printed": "stated" if use_in_report else "counted",
                },
            )
    return locked


def list_persons(draft, *, by, persons) -> None:
    """The people the office ticks in for the named lists of section 三; nobody else is named.
    `draft` must be saved (the view creates it on the first save)."""
    from xuncha.reports.models import ReportDraft

    with transaction.atomic():
        locked = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        wanted = {p.pk for p in persons}
        before = set(locked.listed_persons.values_list("pk", flat=True))
        if wanted == before:
            return
        locked.listed_persons.set(wanted)
        record_event(
            "reports.draft.persons_listed",
            actor=by,
            obj=locked,
            org_path=locked.inspection.term.owner.path,
            data={"added": sorted(wanted - before), "removed": sorted(before - wanted)},
        )
