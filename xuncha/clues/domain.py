"""The clue workflow. Each step checks its guard, locks the row, saves, and writes its audit
event in one transaction.

received ──sign×2 (two distinct users)──▶ dual_signed ──transfer──▶ transferred
  ──confirm receipt──▶ acknowledged ──conclude (method + dispositions)──▶ concluded

Per person, once the clue is handled (acknowledged with its handling method, or concluded):
record the outcome (记录处理结果): 立案 with its date, a stage, and/or the outcome from which
the form (四种形态) follows. A case filed may wait months for its outcome after the clue is
concluded, so the step stays open on a concluded clue.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.clues.enums import FORM_OF, RETIRED_CASE_FILED, ClueStatus, Disposition, HandlingMethod, ReceivingKind
from xuncha.clues.models import Clue, CluePerson, ClueSignature
from xuncha.clues.rules import may_transfer, receiving_kind_for
from xuncha.confidential.disclosure import identity_scrubber
from xuncha.plans.dates import add_months
from xuncha.workflow.actions import check

SIGNATURES_NEEDED = 2


def _locked(clue: Clue) -> Clue:
    return Clue.objects.select_for_update().get(pk=clue.pk)


def create_clue(inspection, *, by, allegation: str, source: str, received_on: date, persons, petition=None) -> Clue:
    """`persons`: dicts with name, rank, position and optionally person (a Person)."""
    persons = list(persons)
    if not allegation.strip():
        raise ValidationError({"allegation": _("Describe the allegation.")})
    if not persons or not all(p.get("name", "").strip() for p in persons):
        raise ValidationError({"persons": _("Name at least one person the clue concerns.")})
    with transaction.atomic():
        serial = (Clue.objects.filter(inspection=inspection).aggregate(s=Max("serial"))["s"] or 0) + 1
        clue = Clue(
            inspection=inspection, serial=serial, allegation=allegation.strip(), source=source, received_on=received_on
        )
        clue.full_clean()
        clue.save()
        for data in persons:
            person = CluePerson(clue=clue, **{k: v for k, v in data.items() if v is not None})
            person.full_clean()
            person.save()
        if petition is not None:
            petition.clue = clue
            petition.save(update_fields=["clue"])
        record_event("clues.clue.received", actor=by, obj=clue)
        return clue


def sign_clue(clue: Clue, *, by) -> Clue:
    """Add `by`'s signature; the second distinct signature makes the clue dual-signed."""
    if getattr(by, "pk", None) is None:
        raise PermissionDenied(_("You are not authorised to sign clues of this inspection."))  # a person signs
    with transaction.atomic():
        locked = _locked(clue)
        if ClueSignature.objects.filter(clue=locked, signer=by).exists():  # said plainly, before the step
            raise ValidationError(_("You have already signed this clue; the second signature must be someone else's."))
        check("clue.sign", by, locked)
        try:
            with transaction.atomic():
                ClueSignature.objects.create(clue=locked, signer=by)
        except IntegrityError:
            raise ValidationError(
                _("You have already signed this clue; the second signature must be someone else's.")
            ) from None
        record_event("clues.clue.signed", actor=by, obj=locked)
        if locked.signatures.count() >= SIGNATURES_NEEDED:
            locked.status = ClueStatus.DUAL_SIGNED
            locked.version += 1
            locked.save(update_fields=["status", "version"])
            record_event("clues.clue.dual_signed", actor=by, obj=locked)
        return locked


def transfer_clue(clue: Clue, *, by, receiving_body, receiving_kind: str, on: date) -> Clue:
    """Hand the clue to `receiving_body`. The kind named must be the body's own (a discipline
    commission receives as discipline, an organisation department as organisation): the kind
    decides which reviewers read the clue, so a mismatch is refused rather than stored."""
    if not may_transfer(by, clue):  # before the kind check: who may not transfer learns nothing
        raise PermissionDenied(_("Only the inspection office transfers clues."))
    if receiving_kind != (receiving_kind_for(receiving_body) or ReceivingKind.OTHER):
        raise ValidationError(
            {
                "receiving_kind": _(
                    "The receiving body kind does not match the body chosen: %(body)s is not a %(kind)s."
                )
                % {
                    "body": receiving_body.name,
                    "kind": ReceivingKind(receiving_kind).label
                    if receiving_kind in ReceivingKind.values
                    else receiving_kind,
                }
            }
        )
    with transaction.atomic():
        locked = _locked(clue)
        check("clue.transfer", by, locked)
        if on < locked.received_on:
            raise ValidationError({"on": _("The transfer date is before the clue was received.")})
        locked.allegation = redact_for_transfer(locked)
        locked.status = ClueStatus.TRANSFERRED
        locked.receiving_body, locked.receiving_kind, locked.transferred_on = receiving_body, receiving_kind, on
        locked.report_due_on = add_months(on, settings.XUNCHA_CLUE_REPORT_MONTHS)
        locked.version += 1
        locked.full_clean()
        locked.save()
        record_event(
            "clues.clue.transferred",
            actor=by,
            obj=locked,
            data={"to": receiving_body.pk, "kind": receiving_kind, "on": str(on)},
        )
        return locked


def acknowledge_receipt(clue: Clue, *, by, on: date) -> Clue:
    with transaction.atomic():
        locked = _locked(clue)
        check("clue.acknowledge", by, locked)
        if on < locked.transferred_on:
            raise ValidationError({"on": _("Receipt cannot be confirmed before the transfer.")})
        locked.status, locked.acknowledged_on = ClueStatus.ACKNOWLEDGED, on
        locked.version += 1
        locked.save(update_fields=["status", "acknowledged_on", "version"])
        record_event("clues.clue.acknowledged", actor=by, obj=locked)
        return locked


def record_handling(clue: Clue, *, by, method: str, note: str = "") -> Clue:
    if method not in HandlingMethod.values:
        raise ValidationError({"method": _("Choose a handling method.")})
    with transaction.atomic():
        locked = _locked(clue)
        check("clue.handling", by, locked)
        locked.handling_method, locked.handling_note = method, note
        locked.version += 1
        locked.save(update_fields=["handling_method", "handling_note", "version"])
        record_event("clues.clue.handling_recorded", actor=by, obj=locked, data={"method": method})
        return locked


def conclude_clue(clue: Clue, *, by, on: date, conclusion: str, dispositions: dict[int, str]) -> Clue:
    """Conclude with a disposition (or none, '') for each person concerned, keyed by CluePerson id."""
    with transaction.atomic():
        locked = _locked(clue)
        check("clue.conclude", by, locked)
        if on < locked.acknowledged_on:
            raise ValidationError({"on": _("The conclusion date is before receipt was confirmed.")})
        persons = {p.pk: p for p in locked.persons.select_for_update()}
        unknown = set(dispositions) - set(persons)
        if unknown:
            raise ValidationError(_("A disposition names a person who is not on this clue."))
        for pk, value in dispositions.items():
            person = persons[pk]
            if value == RETIRED_CASE_FILED:  # 立案 as clients once sent it: a stage, dated today
                person.case_filed_on = person.case_filed_on or on
                person.save(update_fields=["case_filed_on"])
                continue
            if value and value not in Disposition.values:
                raise ValidationError(_("Unknown disposition."))
            person.disposition = value or ""
            person.save(update_fields=["disposition"])
        locked.status, locked.concluded_on, locked.conclusion = ClueStatus.CONCLUDED, on, conclusion
        locked.version += 1
        locked.save(update_fields=["status", "concluded_on", "conclusion", "version"])
        record_event(
            "clues.clue.concluded",
            actor=by,
            obj=locked,
            data={"dispositions": {str(k): v for k, v in dispositions.items()}},
        )
        return locked


def record_outcome(
    clue: Clue,
    *,
    by,
    person: CluePerson | int,
    disposition: str = "",
    case_filed_on: date | None = None,
    note: str | None = None,
) -> CluePerson:
    """Record one person's 立案 (`case_filed_on`, a stage) and/or outcome (`disposition`, from
    which the form follows: `CluePerson.form`). What is left out stays as recorded: a case filed
    in May and the outcome in December are two steps. A filed case is never unfiled here."""
    if disposition and disposition not in Disposition.values:
        raise ValidationError({"disposition": _("Choose an outcome from the list.")})
    with transaction.atomic():
        locked = _locked(clue)
        check("clue.record_outcome", by, locked)
        pk = getattr(person, "pk", person)
        target = CluePerson.objects.select_for_update().filter(clue=locked, pk=pk).first()
        if target is None:
            raise ValidationError(_("A disposition names a person who is not on this clue."))
        if not disposition and case_filed_on is None:
            raise ValidationError(_("Record the date the case was filed, the outcome, or both."))
        if case_filed_on is not None and locked.transferred_on and case_filed_on < locked.transferred_on:
            raise ValidationError({"case_filed_on": _("A case is filed after the clue was transferred.")})
        if case_filed_on is not None and case_filed_on > timezone.localdate():
            raise ValidationError({"case_filed_on": _("A case cannot be filed on a future date.")})
        fields = []
        if case_filed_on is not None:
            target.case_filed_on = case_filed_on
            fields.append("case_filed_on")
        if disposition:
            target.disposition = disposition
            fields.append("disposition")
        if note is not None:
            target.disposition_note = note.strip()
            fields.append("disposition_note")
        target.full_clean()
        target.save(update_fields=fields)
        record_event(
            "clues.clue.outcome_recorded",
            actor=by,
            obj=locked,
            data={
                "person": target.pk,
                "case_filed_on": str(target.case_filed_on) if target.case_filed_on else None,
                "disposition": target.disposition,
                "form": FORM_OF.get(target.disposition) if target.disposition else None,
            },
        )
        return target


def report_back(clue: Clue, *, by, on: date) -> Clue:
    """The receiving body reports the handling result back to the office (once)."""
    with transaction.atomic():
        locked = _locked(clue)
        check("clue.report_back", by, locked)
        locked.reported_back_on = on
        locked.save(update_fields=["reported_back_on"])
        record_event("clues.clue.reported_back", actor=by, obj=locked)
        return locked


def redact_for_transfer(clue: Clue) -> str:
    """The allegation as it leaves the office: reporters' identities scrubbed from it."""
    return identity_scrubber(clue)(clue.allegation)
