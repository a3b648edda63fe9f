"""Receiving and triaging petitions, replying to reporters, and immediate fixes."""

import secrets
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.clues.domain import create_clue
from xuncha.confidential.disclosure import scrub_copy
from xuncha.findings.domain import record_finding
from xuncha.petitions.enums import FixStatus, Outcome, PetitionStatus
from xuncha.petitions.identity import Identity, seal
from xuncha.petitions.models import ImmediateFix, Petition
from xuncha.petitions.rules import may_record_fix_result, may_triage

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
        if not Petition.objects.filter(tracking_code=code).exists():
            return code


def receive_petition(
    inspection, *, by, channel: str, received_on: date, content: str, identity: Identity | None = None
) -> Petition:
    """Record a petition; the reporter's identity, if given, is sealed apart from the content."""
    if not content.strip():
        raise ValidationError({"content": _("Enter what the petition says.")})
    with transaction.atomic():
        serial = (Petition.objects.filter(inspection=inspection).aggregate(s=Max("serial"))["s"] or 0) + 1
        petition = Petition(
            inspection=inspection,
            serial=serial,
            tracking_code=_tracking_code(),
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


def _begin_triage(petition: Petition, by) -> Petition:
    if not may_triage(by, petition):
        raise PermissionDenied
    locked = Petition.objects.select_for_update().get(pk=petition.pk)
    if locked.status != PetitionStatus.RECEIVED:
        raise ValidationError(_("This petition has already been triaged."))
    return locked


def _finish_triage(petition: Petition, *, by, outcome: str, reason: str = "") -> Petition:
    petition.status, petition.outcome, petition.outcome_reason = PetitionStatus.TRIAGED, outcome, reason
    petition.version += 1
    petition.save()
    record_event("petitions.petition.triaged", actor=by, obj=petition, data={"outcome": outcome})
    return petition


def triage_to_clue(petition: Petition, *, by, allegation: str, persons, received_on: date):
    with transaction.atomic():
        locked = _begin_triage(petition, by)
        clue = create_clue(
            locked.inspection,
            by=by,
            allegation=allegation,
            source="petition",
            received_on=received_on,
            persons=persons,
            petition=locked,
        )
        locked.clue = clue
        return _finish_triage(locked, by=by, outcome=Outcome.CLUE), clue


def triage_to_finding(petition: Petition, *, by, text: str, category, organisation):
    with transaction.atomic():
        locked = _begin_triage(petition, by)
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


def triage_to_fix(petition: Petition, *, by, organisation, description: str, handed_over_on: date, deadline: date):
    with transaction.atomic():
        locked = _begin_triage(petition, by)
        fix = hand_over_fix(
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
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the petition is not accepted.")})
    with transaction.atomic():
        locked = _begin_triage(petition, by)
        return _finish_triage(locked, by=by, outcome=Outcome.NOT_ACCEPTED, reason=reason.strip())


def conclude_petition(petition: Petition, *, by, reply: str, on: date) -> Petition:
    """办结: the reply given to the reporter closes the petition."""
    if not may_triage(by, petition):
        raise PermissionDenied
    if not reply.strip():
        raise ValidationError({"reply": _("Enter the reply given to the reporter.")})
    with transaction.atomic():
        locked = Petition.objects.select_for_update().get(pk=petition.pk)
        if locked.status != PetitionStatus.TRIAGED:
            raise ValidationError(_("Triage the petition before concluding it."))
        if on < locked.received_on:
            raise ValidationError({"on": _("The reply date is before the petition was received.")})
        locked.status, locked.reply, locked.replied_on, locked.concluded_on = PetitionStatus.CONCLUDED, reply, on, on
        locked.version += 1
        locked.save()
        record_event("petitions.petition.concluded", actor=by, obj=locked)
        return locked


def hand_over_fix(
    inspection,
    *,
    by,
    organisation,
    description: str,
    handed_over_on: date,
    deadline: date,
    petition: Petition | None = None,
) -> ImmediateFix:
    """Hand a problem to a unit to fix at once. The description goes to the unit, so the
    reporter's identity is scrubbed from it automatically."""
    if not description.strip():
        raise ValidationError({"description": _("Describe what the unit must fix.")})
    with transaction.atomic():
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


def record_fix_result(fix: ImmediateFix, *, by, result: str, on: date) -> ImmediateFix:
    if not may_record_fix_result(by, fix):
        raise PermissionDenied
    if not result.strip():
        raise ValidationError({"result": _("Describe what was done.")})
    with transaction.atomic():
        locked = ImmediateFix.objects.select_for_update().get(pk=fix.pk)
        if on < locked.handed_over_on:
            raise ValidationError({"on": _("The fix date is before the hand-over.")})
        locked.status, locked.result, locked.fixed_on = FixStatus.DONE, result.strip(), on
        locked.save()
        record_event("petitions.fix.done", actor=by, obj=locked)
        return locked


def answer_reporter(fix: ImmediateFix, *, by, answer: str, on: date) -> ImmediateFix:
    if fix.petition is None or not may_triage(by, fix.petition):
        raise PermissionDenied
    if fix.status != FixStatus.DONE:
        raise ValidationError(_("Answer the reporter once the fix is done."))
    with transaction.atomic():
        fix.answer_to_reporter, fix.answered_on = answer.strip(), on
        fix.save(update_fields=["answer_to_reporter", "answered_on"])
        record_event("petitions.fix.answered", actor=by, obj=fix)
        return fix
