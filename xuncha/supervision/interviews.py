"""Recording interviews (约谈). The office writes them (the declared steps
`inspection.record_interview` and `interview.update`, checked here under the row's lock); who
reads them is in rules.py."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import save_versioned
from xuncha.inspections.models import Inspection
from xuncha.supervision.documents import check_addressee
from xuncha.supervision.models import Interview
from xuncha.workflow.actions import check

FIELDS = ("held_on", "place", "reason", "summary", "organisation")


def _check(inspection, *, organisation, held_on: date, interviewers, interviewees, measures, documents) -> None:
    errors = {}
    if not interviewers:
        errors["interviewers"] = _("Name at least one interviewer.")
    if not interviewees:
        errors["interviewees"] = _("Name at least one person interviewed.")
    if held_on > timezone.localdate():
        errors["held_on"] = _("An interview is recorded once it has been held.")
    if any(m.plan.inspection_id != inspection.pk for m in measures):
        errors["measures"] = _("A measure belongs to another inspection.")
    if any(d.inspection_id != inspection.pk for d in documents):
        errors["documents"] = _("A document belongs to another inspection.")
    if errors:
        raise ValidationError(errors)
    try:
        check_addressee(inspection, addressee=organisation, measures=measures)
    except ValidationError:
        raise ValidationError(
            {"organisation": _("Choose an inspected organisation or a unit of the measures.")}
        ) from None


def record_interview(
    inspection,
    *,
    by,
    organisation,
    held_on: date,
    interviewers,
    interviewees,
    reason: str,
    summary: str,
    place: str = "",
    measures=(),
    documents=(),
) -> Interview:
    interviewers, interviewees, measures, documents = map(list, (interviewers, interviewees, measures, documents))
    with transaction.atomic():
        locked = Inspection.objects.select_for_update(of=("self",)).select_related("term__owner").get(pk=inspection.pk)
        check("inspection.record_interview", by, locked)  # first: who may not record learns nothing
        _check(
            locked,
            organisation=organisation,
            held_on=held_on,
            interviewers=interviewers,
            interviewees=interviewees,
            measures=measures,
            documents=documents,
        )
        interview = Interview(
            inspection=locked,
            organisation=organisation,
            held_on=held_on,
            place=place.strip(),
            reason=reason.strip(),
            summary=summary.strip(),
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        interview.full_clean()
        interview.save()
        interview.interviewers.set(interviewers)
        interview.interviewees.set(interviewees)
        interview.measures.set(measures)
        interview.documents.set(documents)
        record_event(
            "supervision.interview.recorded",
            actor=by,
            obj=interview,
            data={"inspection": inspection.pk, "organisation": organisation.pk, "held_on": held_on.isoformat()},
        )
        return interview


def update_interview(
    interview: Interview, *, by, expected_version: int, interviewers, interviewees, measures=(), documents=(), **changes
) -> Interview:
    """Correct a record; a save based on an older version is refused (ConcurrentEditError)."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    interviewers, interviewees, measures, documents = map(list, (interviewers, interviewees, measures, documents))
    with transaction.atomic():
        locked = (
            Interview.objects.select_for_update(of=("self",))
            .select_related("inspection__term__owner")
            .get(pk=interview.pk)
        )
        check("interview.update", by, locked)
        _check(
            locked.inspection,
            organisation=changes.get("organisation", locked.organisation),
            held_on=changes.get("held_on", locked.held_on),
            interviewers=interviewers,
            interviewees=interviewees,
            measures=measures,
            documents=documents,
        )
        saved = save_versioned(locked, expected_version=expected_version, changes=changes)
        saved.interviewers.set(interviewers)
        saved.interviewees.set(interviewees)
        saved.measures.set(measures)
        saved.documents.set(documents)
        record_event("supervision.interview.updated", actor=by, obj=saved, data={"fields": sorted(changes)})
        return saved
