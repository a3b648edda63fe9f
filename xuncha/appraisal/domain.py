"""Writes of appraisal schemes and appraisals: each checks, writes and records its audit event
in one transaction; the appraisal's steps (score an item, sign off, reopen) are declared in
actions.py and checked here under the row's lock."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.appraisal.enums import AppraisalStatus
from xuncha.appraisal.models import Appraisal, AppraisalItem, AppraisalScheme, AppraisalScore, Section
from xuncha.appraisal.subjects import appraising_committee_q, subjects_of
from xuncha.audit.domain import record_event
from xuncha.workflow.actions import check


def _user(by):
    return by if getattr(by, "pk", None) else None


def _editable(scheme: AppraisalScheme) -> AppraisalScheme:
    locked = AppraisalScheme.objects.select_for_update().get(pk=scheme.pk)
    if locked.is_frozen:
        raise ValidationError(_("This scheme has been used by an appraisal: it can no longer be changed."))
    return locked


def _check_thresholds(scheme):
    if not (scheme.excellent_from > scheme.good_from > scheme.fair_from):
        raise ValidationError(_("The thresholds must fall: 好 above 较好 above 一般."))


def _check_owner(owner, year):
    from xuncha.orgs.models import Organisation

    if not Organisation.objects.filter(appraising_committee_q(), pk=owner.pk).exists():
        raise ValidationError(
            {"owner": _("Only a committee with committees below it appraises their inspection work.")}
        )
    if AppraisalScheme.objects.filter(owner=owner, year=year).exists():
        raise ValidationError({"year": _("This committee already has a scheme for that year.")})


def create_scheme(*, by, owner, year: int, title: str, **thresholds) -> AppraisalScheme:
    with transaction.atomic():
        _check_owner(owner, year)
        scheme = AppraisalScheme(owner=owner, year=year, title=title.strip(), **thresholds)
        _check_thresholds(scheme)
        scheme.full_clean(validate_unique=False)
        scheme.save()
        record_event("appraisal.scheme.created", actor=by, obj=scheme, org_path=owner.path)
        return scheme


def copy_scheme(source: AppraisalScheme, *, by, year: int, title: str = "") -> AppraisalScheme:
    """Next year's scheme from `source` (last year's): its sections, items and thresholds, not
    its appraisals. The copy is editable until an appraisal uses it."""
    with transaction.atomic():
        _check_owner(source.owner, year)
        copy = AppraisalScheme.objects.create(
            owner=source.owner, year=year, title=title.strip() or source.title, previous=source,
            excellent_from=source.excellent_from, good_from=source.good_from, fair_from=source.fair_from,
        )
        for section in source.sections.prefetch_related("items"):
            new = Section.objects.create(scheme=copy, order=section.order, name=section.name)
            for item in section.items.all():
                AppraisalItem.objects.create(section=new, order=item.order, text=item.text,
                                             max_points=item.max_points)
        record_event("appraisal.scheme.created", actor=by, obj=copy, org_path=copy.owner.path,
                     data={"source": source.pk})
        return copy


def add_section(scheme: AppraisalScheme, *, by, name: str) -> Section:
    with transaction.atomic():
        scheme = _editable(scheme)
        section = Section(scheme=scheme, order=scheme.sections.count() + 1, name=name.strip())
        section.full_clean()
        section.save()
        record_event("appraisal.scheme.changed", actor=by, obj=scheme, data={"section": section.pk})
        return section


def add_item(section: Section, *, by, text: str, max_points: Decimal) -> AppraisalItem:
    with transaction.atomic():
        _editable(section.scheme)
        if max_points <= 0:
            raise ValidationError({"max_points": _("An item is worth more than 0 points.")})
        item = AppraisalItem(section=section, order=section.items.count() + 1, text=text.strip(),
                             max_points=max_points)
        item.full_clean()
        item.save()
        record_event("appraisal.scheme.changed", actor=by, obj=section.scheme, data={"item": item.pk})
        return item


def remove_item(item: AppraisalItem, *, by) -> None:
    """Take an item out of a scheme no appraisal has used yet (the audit trail and the item's
    history keep what it said); the section's other items close up."""
    with transaction.atomic():
        scheme = _editable(item.section.scheme)
        locked = AppraisalItem.objects.select_for_update().get(pk=item.pk)
        section = locked.section
        removed = {"item": locked.pk, "section": section.pk, "max_points": str(locked.max_points)}
        locked.delete()
        for order, rest in enumerate(section.items.order_by("order", "pk"), start=1):
            if rest.order != order:
                AppraisalItem.objects.filter(pk=rest.pk).update(order=order)
        record_event("appraisal.scheme.changed", actor=by, obj=scheme, data={"removed": removed})


def start_appraisal(*, by, scheme: AppraisalScheme, subject) -> Appraisal:
    with transaction.atomic():
        locked = AppraisalScheme.objects.select_for_update().get(pk=scheme.pk)
        if not subjects_of(locked.owner).filter(pk=subject.pk).exists():
            raise ValidationError({"subject": _("Choose a committee one level below %(owner)s.") % {
                "owner": locked.owner.name}})
        if not AppraisalItem.objects.filter(section__scheme=locked).exists():
            raise ValidationError(_("The scheme has no items yet."))
        existing = Appraisal.objects.filter(scheme=locked, subject=subject).first()
        if existing is not None:
            return existing
        appraisal = Appraisal.objects.create(scheme=locked, subject=subject, created_by=_user(by))
        record_event("appraisal.appraisal.created", actor=by, obj=appraisal, org_path=subject.path)
        return appraisal


def _lock(appraisal: Appraisal) -> Appraisal:
    return Appraisal.objects.select_for_update(of=("self",)).select_related("scheme", "subject").get(pk=appraisal.pk)


def score_item(appraisal: Appraisal, *, by, item, score, reason: str, evidence=()) -> AppraisalScore:
    """The item's score, with the reason and evidence. Scored again, the score and reason are
    replaced (history keeps the earlier row) and the new evidence is added to the earlier."""
    with transaction.atomic():
        locked = _lock(appraisal)
        check("appraisal.score", by, locked)
        if not isinstance(item, AppraisalItem):
            item = AppraisalItem.objects.filter(pk=item, section__scheme=locked.scheme_id).first()
        errors = {}
        if item is None or item.section.scheme_id != locked.scheme_id:
            errors["item"] = _("Choose an item of this scheme.")
        if score is None:
            errors["score"] = _("Give the score.")
        else:
            score = Decimal(str(score))
            if item is not None and not Decimal(0) <= score <= item.max_points:
                errors["score"] = _("A score is between 0 and the item's max points (%(max)s).") % {
                    "max": item.max_points}
        if not (reason or "").strip():
            errors["reason"] = _("Give the reason for the score.")
        if errors:
            raise ValidationError(errors)
        row, _created = AppraisalScore.objects.update_or_create(
            appraisal=locked, item=item,
            defaults={"score": score, "reason": reason.strip(), "scorer": _user(by), "scored_at": timezone.now()},
        )
        if evidence:
            row.evidence.add(*evidence)
        record_event("appraisal.appraisal.scored", actor=by, obj=locked,
                     data={"item": item.pk, "score": str(score)})
        return row


def sign_off(appraisal: Appraisal, *, by) -> Appraisal:
    """Signs off and keeps the total and grade worked out from the scores (`scoring`)."""
    from xuncha.appraisal.scoring import result

    with transaction.atomic():
        locked = _lock(appraisal)
        check("appraisal.sign_off", by, locked)
        worked = result(locked)
        locked.status = AppraisalStatus.SIGNED_OFF
        locked.signed_off_by = _user(by)
        locked.signed_off_at = timezone.now()
        locked.signed_total = worked.total
        locked.signed_grade = locked.scheme.grade_for(worked.total)
        locked.save(update_fields=["status", "signed_off_by", "signed_off_at", "signed_total", "signed_grade"])
        record_event("appraisal.appraisal.signed_off", actor=by, obj=locked,
                     data={"total": str(worked.total), "grade": locked.signed_grade})
        return locked


def reopen(appraisal: Appraisal, *, by, reason: str) -> Appraisal:
    """Back to scoring, with the reason; the signed total and grade are cleared (the history
    keeps them): the table ranks it again once it is signed off again."""
    with transaction.atomic():
        locked = _lock(appraisal)
        check("appraisal.reopen", by, locked)
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for reopening it.")})
        before = str(locked.signed_total)
        locked.status = AppraisalStatus.DRAFT
        locked.reopen_reason = reason.strip()
        locked.signed_off_by, locked.signed_off_at, locked.signed_total, locked.signed_grade = None, None, None, ""
        locked.save(update_fields=["status", "reopen_reason", "signed_off_by", "signed_off_at", "signed_total",
                                   "signed_grade"])
        record_event("appraisal.appraisal.reopened", actor=by, obj=locked, data={"total": before})
        return locked
