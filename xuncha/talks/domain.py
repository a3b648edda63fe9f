"""Writes to talk records and the talk plan: each a declared step (`xuncha.talks.actions`),
under the inspection's lock, with history and an audit event that names no one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import archive, save_versioned
from xuncha.talks.models import Talk, TalkPlanItem
from xuncha.workflow import actions


def _linked(inspection, findings, clues) -> tuple[list, list]:
    """Findings and clues may be linked only from the talk's own inspection."""
    findings, clues = list(findings or ()), list(clues or ())
    if any(f.inspection_id != inspection.pk for f in findings) or any(c.inspection_id != inspection.pk for c in clues):
        raise ValidationError(_("Link only findings and clues of this inspection."))
    return findings, clues


def _checked_plan_item(inspection, plan_item):
    if plan_item is not None and (plan_item.inspection_id != inspection.pk or plan_item.is_archived):
        raise ValidationError({"plan_item": _("Choose an item of this inspection's talk plan.")})
    return plan_item


def add_plan_item(inspection, *, by, kind: str, category: str, required: int = 1) -> TalkPlanItem:
    from xuncha.inspections.domain import locked

    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.add_talk_plan_item", by, inspection)
        position = (TalkPlanItem.objects.filter(inspection=inspection).aggregate(p=Max("position"))["p"] or 0) + 1
        item = TalkPlanItem(
            inspection=inspection, kind=kind, category=(category or "").strip(), required=required, position=position
        )
        item.full_clean()
        item.save()
        record_event("talks.plan_item.added", actor=by, obj=inspection, data={"item": item.pk, "kind": kind})
        return item


def record_talk(
    inspection,
    *,
    by,
    kind: str,
    held_on,
    subject_name: str,
    notes: str,
    subject_position: str = "",
    subject_organisation=None,
    place: str = "",
    plan_item=None,
    interviewers=(),
    findings=(),
    clues=(),
) -> Talk:
    from xuncha.inspections.domain import locked

    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.record_talk", by, inspection)
        findings, clues = _linked(inspection, findings, clues)
        talk = Talk(
            inspection=inspection,
            kind=kind,
            plan_item=_checked_plan_item(inspection, plan_item),
            held_on=held_on,
            place=(place or "").strip(),
            subject_name=(subject_name or "").strip(),
            subject_position=(subject_position or "").strip(),
            subject_organisation=subject_organisation,
            notes=(notes or "").strip(),
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        talk.full_clean()
        talk.save()
        talk.interviewers.set(list(interviewers or ()))
        talk.findings.set(findings)
        talk.clues.set(clues)
        record_event("talks.talk.recorded", actor=by, obj=talk, data={"kind": kind})
        return talk


EDITABLE = (
    "kind",
    "held_on",
    "place",
    "subject_name",
    "subject_position",
    "subject_organisation",
    "notes",
    "plan_item",
)


def edit_talk(talk: Talk, *, by, version: int, findings=None, clues=None, interviewers=None, **changes) -> Talk:
    with transaction.atomic():
        current = Talk.objects.select_for_update().get(pk=talk.pk)
        actions.check("talk.edit", by, current)
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items() if k in EDITABLE}
        if "plan_item" in values:
            _checked_plan_item(current.inspection, values["plan_item"])
        saved = save_versioned(current, expected_version=version, changes=values)
        if findings is not None or clues is not None:
            found, linked = _linked(
                current.inspection,
                findings if findings is not None else saved.findings.all(),
                clues if clues is not None else saved.clues.all(),
            )
            saved.findings.set(found)
            saved.clues.set(linked)
        if interviewers is not None:
            saved.interviewers.set(list(interviewers))
        record_event("talks.talk.edited", actor=by, obj=saved, data={"fields": sorted(values)})
        return saved


def archive_talk(talk: Talk, *, by, reason: str) -> Talk:
    with transaction.atomic():
        current = Talk.objects.select_for_update().get(pk=talk.pk)
        actions.check("talk.archive", by, current)
        archived = archive(current, by=by, reason=reason)
        record_event("talks.talk.archived", actor=by, obj=archived)
        return archived
