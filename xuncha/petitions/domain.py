"""Receiving and triaging petitions, replying to reporters, and immediate fixes."""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.clues.domain import create_clue
from xuncha.confidential.disclosure import scrub_copy
from xuncha.findings.domain import record_finding
from xuncha.petitions.enums import FixStatus, Outcome, PetitionStatus
from xuncha.petitions.identity import Identity, seal
from xuncha.petitions.models import ImmediateFix, Petition
from xuncha.public.takein import sync_receipt
from xuncha.workflow.actions import check

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
        if not Petition.objects.filter(tracking_code=code).exists():
            return code


def receive_petition(
    inspection,
    *,
    by,
    channel: str,
    received_on: date,
    content: str,
    identity: Identity | None = None,
    tracking_code: str | None = None,
) -> Petition:
    """Record a petition; the reporter's identity, if given, is sealed apart from the content.
    A report from the public site keeps the tracking code its reporter was given."""
    if not content.strip():
        raise ValidationError({"content": _("Enter what the petition says.")})
    from xuncha.inspections.models import Inspection

    with transaction.atomic():
        # the inspection's row locked: two petitions received at once do not take one serial
        Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
        serial = (Petition.objects.filter(inspection=inspection).aggregate(s=Max("serial"))["s"] or 0) + 1
        petition = Petition(
            inspection=inspection,
            serial=serial,
            tracking_code=tracking_code or _tracking_code(),
            channel=channel,
            received_on=received_on,
            content=content.strip(),
        )
        petition.full_clean()
        petition.save()
        if identity is not None:
            seal(petition, identity)
        record_event("petitions.petition.received", actor=by, obj=petition, data={"channel": channel})
        return petition


def _locked_petition(petition: Petition, name: str, by) -> Petition:
    """The petition's row, locked, once the declared step `name` allows `by` to take it in the
    stored state (permission first, then the state guard)."""
    locked = Petition.objects.select_related("inspection__term__owner").select_for_update(of=("self",)).get(
        pk=petition.pk
    )
    check(name, by, locked)
    return locked


def _finish_triage(petition: Petition, *, by, outcome: str, reason: str = "") -> Petition:
    petition.status, petition.outcome, petition.outcome_reason = PetitionStatus.TRIAGED, outcome, reason
    petition.version += 1
    petition.save()
    record_event("petitions.petition.triaged", actor=by, obj=petition, data={"outcome": outcome})
    sync_receipt(petition)
    return petition


def _required_date(value, field: str, message: str) -> date:
    if not isinstance(value, date):
        raise ValidationError({field: message})
    return value


def triage_to_clue(petition: Petition, *, by, allegation: str, persons, received_on: date | None = None):
    with transaction.atomic():
        locked = _locked_petition(petition, "petition.to_clue", by)
        clue = create_clue(
            locked.inspection,
            by=by,
            allegation=allegation,
            source="petition",
            received_on=received_on or timezone.localdate(),
            persons=persons,
            petition=locked,
        )
        locked.clue = clue
        return _finish_triage(locked, by=by, outcome=Outcome.CLUE), clue


def triage_to_finding(petition: Petition, *, by, text: str, category, organisation):
    with transaction.atomic():
        locked = _locked_petition(petition, "petition.to_finding", by)
        if category is None:
            raise ValidationError({"category": _("Choose the finding's category.")})
        if organisation is None:
            raise ValidationError({"organisation": _("Choose the organisation concerned.")})
        finding = record_finding(
            locked.inspection,
            by=by,
            text=text,
            source="petition",
            category=category,
            organisation=organisation,
            petitions=[locked],
        )
        locked.finding = finding
        return _finish_triage(locked, by=by, outcome=Outcome.FINDING), finding


def triage_to_fix(
    petition: Petition, *, by, organisation, description: str, handed_over_on: date, deadline: date
):
    with transaction.atomic():
        locked = _locked_petition(petition, "petition.to_fix", by)
        fix = _hand_over(
            locked.inspection,
            by=by,
            organisation=organisation,
            description=description,
            handed_over_on=handed_over_on,
            deadline=deadline,
            petition=locked,
        )
        return _finish_triage(locked, by=by, outcome=Outcome.IMMEDIATE_FIX), fix


def refuse_petition(petition: Petition, *, by, reason: str) -> Petition:
    with transaction.atomic():
        locked = _locked_petition(petition, "petition.refuse", by)
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Say why the petition is not accepted.")})
        return _finish_triage(locked, by=by, outcome=Outcome.NOT_ACCEPTED, reason=reason.strip())


def conclude_petition(petition: Petition, *, by, reply: str, on: date) -> Petition:
    """办结: the reply given to the reporter closes the petition."""
    with transaction.atomic():
        locked = _locked_petition(petition, "petition.conclude", by)
        if not (reply or "").strip():
            raise ValidationError({"reply": _("Enter the reply given to the reporter.")})
        on = _required_date(on, "on", _("Enter the reply date."))
        if on < locked.received_on:
            raise ValidationError({"on": _("The reply date is before the petition was received.")})
        locked.status, locked.reply, locked.replied_on, locked.concluded_on = (
            PetitionStatus.CONCLUDED, reply.strip(), on, on
        )
        locked.version += 1
        locked.save()
        record_event("petitions.petition.concluded", actor=by, obj=locked)
        sync_receipt(locked)
        return locked


def hand_over_fix(
    inspection,
    *,
    by,
    organisation,
    description: str,
    handed_over_on: date,
    deadline: date,
) -> ImmediateFix:
    """Hand a problem found during the inspection (not from a petition) to a unit to fix at once."""
    from xuncha.inspections.models import Inspection

    with transaction.atomic():
        locked = Inspection.objects.select_related("term__owner").select_for_update(of=("self",)).get(
            pk=inspection.pk
        )
        check("inspection.hand_over_fix", by, locked)
        return _hand_over(
            locked,
            by=by,
            organisation=organisation,
            description=description,
            handed_over_on=handed_over_on,
            deadline=deadline,
        )


def _hand_over(
    inspection, *, by, organisation, description: str, handed_over_on: date, deadline: date, petition=None
) -> ImmediateFix:
    """The hand-over itself. The description goes to the unit, so the reporter's identity is
    scrubbed from it automatically."""
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the unit the fix is handed to.")})
    if not (description or "").strip():
        raise ValidationError({"description": _("Describe what the unit must fix.")})
    handed_over_on = _required_date(handed_over_on, "handed_over_on", _("Enter the hand-over date."))
    deadline = _required_date(deadline, "deadline", _("Enter the deadline."))
    fix = ImmediateFix(
        inspection=inspection,
        petition=petition,
        organisation=organisation,
        description=scrub_copy(description.strip(), petitions=[petition]),
        handed_over_on=handed_over_on,
        deadline=deadline,
    )
    fix.full_clean()
    fix.save()
    record_event("petitions.fix.handed_over", actor=by, obj=fix, data={"organisation": organisation.pk})
    return fix


def _locked_fix(fix: ImmediateFix, name: str, by) -> ImmediateFix:
    locked = ImmediateFix.objects.select_related("organisation", "petition__inspection__term__owner").select_for_update(
        of=("self",)
    ).get(pk=fix.pk)
    check(name, by, locked)
    return locked


def record_fix_result(fix: ImmediateFix, *, by, result: str, on: date) -> ImmediateFix:
    with transaction.atomic():
        locked = _locked_fix(fix, "fix.record_result", by)
        if not (result or "").strip():
            raise ValidationError({"result": _("Describe what was done.")})
        on = _required_date(on, "on", _("Enter the date of the fix."))
        if on < locked.handed_over_on:
            raise ValidationError({"on": _("The fix date is before the hand-over.")})
        locked.status, locked.result, locked.fixed_on = FixStatus.DONE, result.strip(), on
        locked.save()
        record_event("petitions.fix.done", actor=by, obj=locked)
        if locked.petition is not None:
            sync_receipt(locked.petition)
        return locked


def answer_reporter(fix: ImmediateFix, *, by, answer: str, on: date) -> ImmediateFix:
    with transaction.atomic():
        locked = _locked_fix(fix, "fix.answer", by)
        if not (answer or "").strip():
            raise ValidationError({"answer": _("Enter the answer given to the reporter.")})
        on = _required_date(on, "on", _("Enter the answer date."))
        if locked.fixed_on and on < locked.fixed_on:
            raise ValidationError({"on": _("The answer date is before the fix.")})
        locked.answer_to_reporter, locked.answered_on = answer.strip(), on
        locked.save(update_fields=["answer_to_reporter", "answered_on"])
        record_event("petitions.fix.answered", actor=by, obj=locked)
        if locked.petition is not None:
            sync_receipt(locked.petition)
        return locked
