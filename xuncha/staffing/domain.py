"""Writes to teams, pools and evaluations."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import archive
from xuncha.staffing.enums import TeamRole
from xuncha.staffing.models import Evaluation, PoolMember, TalentPool, TeamAppraisal, TeamMember
from xuncha.staffing.recusal import describe_overlap, overlapping_assignments, recusal_conflicts
from xuncha.workflow import actions


class RecusalRefused(ValidationError):
    """The assignment meets a conflict of interest; `conflicts` says which. The office may
    assign anyway only by giving a written reason."""

    def __init__(self, conflicts):
        self.conflicts = conflicts
        super().__init__([c.message for c in conflicts], code="recusal")


def _refresh_public_pages(inspection) -> None:
    """The announcement copied onto the published 码上巡 pages names the team leader."""
    from xuncha.public.publishing import refresh_pages

    refresh_pages(inspection)


def assign_member(
    inspection,
    *,
    by,
    person,
    role,
    override_reason: str = "",
    home_unit=None,
    seconded_from=None,
    seconded_to=None,
    secondment_letter: str = "",
) -> TeamMember:
    """Put `person` on the team. Refuses overlapping assignments always, and recusal conflicts
    unless `override_reason` is given (kept on the member and in its history and audit event).

    A member lent by another unit (抽调) names that `home_unit`; the secondment's period is the
    team's time on site (entry to exit) unless given."""
    from xuncha.inspections.domain import locked

    override_reason = (override_reason or "").strip()
    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.assign_member", by, inspection)
        if person is None:
            raise ValidationError({"person": _("Choose a person.")})
        if person.is_archived:
            raise ValidationError(_("%(person)s is archived.") % {"person": person})
        # lock the person so two concurrent assignments cannot both pass the overlap check
        type(person).objects.select_for_update().get(pk=person.pk)
        clash = overlapping_assignments(person, inspection).first()
        if clash is not None:
            raise ValidationError(describe_overlap(clash), code="overlap")
        conflicts = recusal_conflicts(person, inspection)
        if conflicts and not override_reason:
            raise RecusalRefused(conflicts)
        member = TeamMember(
            inspection=inspection,
            person=person,
            role=role,
            recusal_override=override_reason if conflicts else "",
            added_by=by if getattr(by, "pk", None) else None,
        )
        if home_unit is not None:
            member.home_unit = home_unit
            member.seconded_from = seconded_from or inspection.entry_on
            member.seconded_to = seconded_to or inspection.exit_on
            member.secondment_letter = (secondment_letter or "").strip()
        elif seconded_from or seconded_to or (secondment_letter or "").strip():
            raise ValidationError({"home_unit": _("Name the unit the person is seconded from.")})
        member.full_clean()
        if conflicts:
            member._change_reason = override_reason
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError:
            raise ValidationError(_("This person is already on the team, or the team already has a leader.")) from None
        event = {"person": person.pk, "role": role}
        if member.seconded:
            event["home_unit"] = member.home_unit_id
        record_event("staffing.member.assigned", actor=by, obj=member, data=event)
        if role == TeamRole.LEADER:
            _refresh_public_pages(inspection)  # the announcement names the team leader
        if conflicts:
            record_event(
                "staffing.member.recusal_overridden",
                actor=by,
                obj=member,
                data={"conflict_kinds": sorted({c.kind for c in conflicts})},  # the reason stays on the member
            )
        return member


def remove_member(member: TeamMember, *, by, reason: str) -> TeamMember:
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().get(pk=member.pk)
        actions.check("member.remove", by, member)
        removed = archive(member, by=by, reason=reason)
        record_event("staffing.member.removed", actor=by, obj=removed)
        if removed.role == TeamRole.LEADER:
            _refresh_public_pages(removed.inspection)
        return removed


def create_pool(*, by, owner, name: str, kind: str) -> TalentPool:
    with transaction.atomic():
        pool = TalentPool(owner=owner, name=name, kind=kind)
        pool.full_clean()
        pool.save()
        record_event("staffing.pool.created", actor=by, obj=pool)
        return pool


def add_pool_member(pool: TalentPool, *, by, person, joined_on, specialties=(), available=True, availability_note=""):
    if person.is_archived:
        raise ValidationError(_("%(person)s is archived.") % {"person": person})
    with transaction.atomic():
        member = PoolMember(
            pool=pool,
            person=person,
            joined_on=joined_on,
            specialties=list(specialties),
            available=available,
            availability_note=availability_note,
        )
        member.full_clean()
        member.save()
        record_event("staffing.pool.member_added", actor=by, obj=pool, data={"person": person.pk})
        return member


def evaluate(member: TeamMember, *, by, grade: str, comment: str = "") -> Evaluation:
    """Grade a member once the team has exited (a later evaluation replaces the earlier one)."""
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().get(pk=member.pk)
        actions.check("member.evaluate", by, member)
        evaluation = Evaluation.objects.filter(member=member).first() or Evaluation(member=member)
        evaluation.grade, evaluation.comment = grade, comment
        evaluation.evaluated_by = by if getattr(by, "pk", None) else None
        evaluation.full_clean()
        evaluation.save()
        record_event("staffing.member.evaluated", actor=by, obj=member, data={"grade": grade})
        return evaluation


def appraise_team(inspection, *, by, score, grade: str, comment: str = "") -> TeamAppraisal:
    """Appraise the team as a whole once it has exited (巡察组工作考评); a later appraisal
    replaces the earlier one, which stays in the history."""
    from xuncha.inspections.domain import locked

    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.appraise_team", by, inspection)
        appraisal = TeamAppraisal.objects.filter(inspection=inspection).first() or TeamAppraisal(inspection=inspection)
        appraisal.score, appraisal.grade, appraisal.comment = score, grade, (comment or "").strip()
        appraisal.appraised_by = by if getattr(by, "pk", None) else None
        appraisal.full_clean()
        appraisal.save()
        record_event(
            "staffing.team.appraised", actor=by, obj=inspection, data={"score": str(score), "grade": grade}
        )
        return appraisal
