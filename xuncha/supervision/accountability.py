"""Recording per-person accountability outcomes (问责), a declared step on the inspection
(`inspection.record_accountability`, checked here under the row's lock), and counting them like
clue dispositions: by outcome and by the form that follows from it (四种形态)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.clues.enums import FORM_LABELS, FORM_OF, Disposition
from xuncha.inspections.models import Inspection
from xuncha.supervision.enums import DocumentKind, DocumentStatus
from xuncha.supervision.models import Accountability
from xuncha.workflow.actions import check


def record_accountability(
    inspection,
    *,
    by,
    person,
    disposition: str,
    decided_on: date,
    deciding_body: str,
    problem=None,
    document=None,
    reason: str = "",
) -> Accountability:
    errors = {}
    if disposition not in Disposition.values:
        errors["disposition"] = _("Choose an outcome.")
    if decided_on > timezone.localdate():
        errors["decided_on"] = _("An outcome is recorded once it has been decided.")
    if problem is not None and problem.inspection_id != inspection.pk:
        errors["problem"] = _("The problem belongs to another inspection.")
    if document is not None and (
        document.inspection_id != inspection.pk
        or document.kind != DocumentKind.ACCOUNTABILITY
        or document.status == DocumentStatus.DRAFT
    ):
        errors["document"] = _("Link an issued accountability letter of this inspection.")
    if not (deciding_body or "").strip():
        errors["deciding_body"] = _("Name the body that decided.")
    with transaction.atomic():
        locked = Inspection.objects.select_for_update(of=("self",)).select_related("term__owner").get(pk=inspection.pk)
        check("inspection.record_accountability", by, locked)  # first: who may not record learns nothing
        if errors:
            raise ValidationError(errors)
        row = Accountability(
            inspection=locked,
            problem=problem,
            document=document,
            person=person,
            disposition=disposition,
            decided_on=decided_on,
            deciding_body=deciding_body.strip(),
            reason=(reason or "").strip(),
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        row.full_clean()
        row.save()
        record_event(
            "supervision.accountability.recorded",
            actor=by,
            obj=row,
            data={"inspection": locked.pk, "disposition": disposition, "form": FORM_OF[Disposition(disposition)]},
        )
        return row


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class AccountabilityFigures:
    total: int
    by_disposition: list[Tally]
    by_form: list[Tally]


def accountability_figures(rows: QuerySet[Accountability]) -> AccountabilityFigures:
    """People held accountable among `rows` (archived rows left out), by outcome and by form."""
    per = dict(rows.filter(archived_at__isnull=True).order_by().values_list("disposition").annotate(n=Count("pk")))
    forms: dict[int, int] = {}
    for disposition, n in per.items():
        form = FORM_OF[Disposition(disposition)]
        forms[form] = forms.get(form, 0) + n
    return AccountabilityFigures(
        total=sum(per.values()),
        by_disposition=[Tally(d.value, str(d.label), per[d.value]) for d in Disposition if d.value in per],
        by_form=[Tally(str(f), str(FORM_LABELS[f]), forms[f]) for f in sorted(forms)],
    )
