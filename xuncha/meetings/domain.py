"""Recording meetings, their agenda and decisions, and the follow-up items they send.

The order the rules set (DOMAIN.md, workflow step 4) is kept here: a 书记专题会 decides an
inspection's feedback only after a leading-group meeting heard its report, and a feedback
meeting is recorded only once that decision exists. Each write locks its row, checks the
declared step (`xuncha.workflow.actions.check`), writes its audit event (ids and dates only,
never the text) and queues its notifications, in one transaction.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import save_versioned
from xuncha.meetings import rules
from xuncha.meetings.enums import FollowUpStatus, MeetingKind
from xuncha.meetings.models import AgendaItem, Attendance, FollowUpItem, Meeting
from xuncha.workflow.actions import check

FIELDS = ("kind", "title", "held_on", "place", "chair", "inspection", "summary")


def _check_meeting(term, *, kind: str, held_on: date, inspection, attendees, leaders) -> None:
    errors = {}
    if kind not in MeetingKind.values:
        errors["kind"] = _("Choose a kind of meeting.")
    if inspection is not None and inspection.term_id != term.pk:
        errors["inspection"] = _("The inspection belongs to another term.")
    if kind == MeetingKind.FEEDBACK:
        if inspection is None:
            errors["inspection"] = _("A feedback meeting names the inspection whose feedback it gives.")
        elif not AgendaItem.objects.filter(
            inspection=inspection,
            decides_feedback=True,
            meeting__kind=MeetingKind.SECRETARY,
            meeting__held_on__lte=held_on,
            meeting__archived_at__isnull=True,
        ).exists():
            errors["inspection"] = _(
                "The secretary's special meeting has not decided this inspection's feedback by that day: "
                "record its decision first."
            )
    if set(leaders) - set(attendees):
        errors["leaders"] = _("A leader counted as attending must be among the attendees.")
    if errors:
        raise ValidationError(errors)


def _attendances(meeting, *, attendees, leaders, leader_role: str) -> None:
    leaders = {p.pk for p in leaders}
    Attendance.objects.filter(meeting=meeting).exclude(person__in=attendees).delete()
    for person in attendees:
        as_leader = person.pk in leaders
        Attendance.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={"as_leader": as_leader, "role": leader_role.strip() if as_leader else ""},
        )


def record_meeting(
    term,
    *,
    by,
    kind: str,
    title: str,
    held_on: date,
    place: str = "",
    chair=None,
    inspection=None,
    summary: str = "",
    attendees=(),
    leaders=(),
    leader_role: str = "",
) -> Meeting:
    """A meeting of `term`'s committee, recorded by its office once held."""
    from xuncha.plans.models import Term

    attendees, leaders = list(attendees), list(leaders)
    with transaction.atomic():
        locked = Term.objects.select_for_update().select_related("owner").get(pk=term.pk)
        if getattr(by, "pk", None) is not None and not rules.may_record(by, locked):
            raise PermissionDenied("meetings.record")
        if locked.is_archived:
            raise ValidationError(_("This term has been archived."))
        _check_meeting(locked, kind=kind, held_on=held_on, inspection=inspection, attendees=attendees, leaders=leaders)
        meeting = Meeting(
            term=locked,
            kind=kind,
            title=title.strip(),
            held_on=held_on,
            place=place.strip(),
            chair=chair,
            inspection=inspection,
            summary=summary.strip(),
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        meeting.full_clean()
        meeting.save()
        _attendances(meeting, attendees=attendees, leaders=leaders, leader_role=leader_role)
        record_event(
            "meetings.meeting.recorded",
            actor=by,
            obj=meeting,
            data={
                "term": locked.pk,
                "kind": kind,
                "held_on": held_on.isoformat(),
                "inspection": inspection.pk if inspection else None,
                "leaders": len(leaders),
            },
        )
        return meeting


def update_meeting(
    meeting: Meeting, *, by, expected_version: int, attendees, leaders, leader_role: str = "", **changes
) -> Meeting:
    """Correct a meeting's record; a save based on an older version is refused (409)."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    attendees, leaders = list(attendees), list(leaders)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update(of=("self",)).select_related("term__owner").get(pk=meeting.pk)
        check("meeting.update", by, locked)
        kind = changes.get("kind", locked.kind)
        inspection = changes.get("inspection", locked.inspection)
        if kind != MeetingKind.SECRETARY and locked.agenda.filter(decides_feedback=True).exists():
            raise ValidationError(
                {"kind": _("This meeting decided a feedback: it stays a secretary's special meeting.")}
            )
        _check_meeting(
            locked.term,
            kind=kind,
            held_on=changes.get("held_on", locked.held_on),
            inspection=inspection,
            attendees=attendees,
            leaders=leaders,
        )
        if "title" in changes:
            changes["title"] = changes["title"].strip()
        saved = save_versioned(locked, expected_version=expected_version, changes=changes)
        _attendances(saved, attendees=attendees, leaders=leaders, leader_role=leader_role)
        record_event("meetings.meeting.updated", actor=by, obj=saved, data={"fields": sorted(changes)})
        return saved


def add_agenda_item(
    meeting: Meeting,
    *,
    by,
    title: str,
    decision: str = "",
    inspection=None,
    problem=None,
    clue=None,
    decides_feedback: bool = False,
) -> AgendaItem:
    """A topic heard at the meeting with the meeting's decision on it. A 书记专题会's item may
    decide an inspection's feedback, once a leading-group meeting has heard that inspection."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update(of=("self",)).select_related("term__owner").get(pk=meeting.pk)
        check("meeting.add_item", by, locked)
        errors = {}
        if not title.strip():
            errors["title"] = _("Name the topic.")
        if inspection is None and (problem is not None or clue is not None):
            inspection = (problem or clue).inspection
        if inspection is not None and inspection.term_id != locked.term_id:
            errors["inspection"] = _("The inspection belongs to another term.")
        if problem is not None and problem.inspection_id != getattr(inspection, "pk", None):
            errors["problem"] = _("The problem belongs to another inspection.")
        if clue is not None and clue.inspection_id != getattr(inspection, "pk", None):
            errors["clue"] = _("The clue belongs to another inspection.")
        if decides_feedback:
            if locked.kind != MeetingKind.SECRETARY:
                errors["decides_feedback"] = _("Only the secretary's special meeting decides an inspection's feedback.")
            elif inspection is None:
                errors["inspection"] = _("Name the inspection whose feedback is decided.")
            elif not AgendaItem.objects.filter(
                inspection=inspection,
                meeting__kind=MeetingKind.LEADING_GROUP,
                meeting__held_on__lte=locked.held_on,
                meeting__archived_at__isnull=True,
            ).exists():
                errors["decides_feedback"] = _(
                    "The leading group has not heard this inspection's report by that day: "
                    "the team reports to the leading group first."
                )
            elif AgendaItem.objects.filter(inspection=inspection, decides_feedback=True).exists():
                errors["decides_feedback"] = _("This inspection's feedback has already been decided.")
        if errors:
            raise ValidationError(errors)
        number = (locked.agenda.aggregate(n=Max("number"))["n"] or 0) + 1
        item = AgendaItem(
            meeting=locked,
            number=number,
            title=title.strip(),
            decision=decision.strip(),
            inspection=inspection,
            problem=problem,
            clue=clue,
            decides_feedback=decides_feedback,
        )
        item.full_clean()
        item.save()
        record_event(
            "meetings.agenda_item.added",
            actor=by,
            obj=locked,
            data={
                "item": item.pk,
                "inspection": getattr(inspection, "pk", None),
                "problem": getattr(problem, "pk", None),
                "clue": getattr(clue, "pk", None),
                "decides_feedback": decides_feedback,
            },
        )
        return item


def follow_up_url(item) -> str:
    return reverse("meetings:follow_up", args=[item.pk])


def add_follow_up(
    meeting: Meeting, *, by, description: str, owner, deadline: date, agenda_item=None, today: date | None = None
) -> FollowUpItem:
    """Send a follow-up item (交办事项) decided at the meeting to its owner, who is told."""
    from xuncha.meetings.queries import owner_choices
    from xuncha.supervision.notifications import notify

    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update(of=("self",)).select_related("term__owner").get(pk=meeting.pk)
        check("meeting.add_follow_up", by, locked)
        errors = {}
        if not description.strip():
            errors["description"] = _("Say what is to be done.")
        if agenda_item is not None and agenda_item.meeting_id != locked.pk:
            errors["agenda_item"] = _("The agenda item belongs to another meeting.")
        if owner is None or not owner_choices(locked.term).filter(pk=owner.pk).exists():
            errors["owner"] = _("Send the item to an active account of the committee's organisations.")
        if deadline < locked.held_on:
            errors["deadline"] = _("The deadline cannot come before the meeting.")
        if errors:
            raise ValidationError(errors)
        item = FollowUpItem(
            meeting=locked,
            agenda_item=agenda_item,
            description=description.strip(),
            owner=owner,
            deadline=deadline,
            created_by=by if getattr(by, "pk", None) else None,
        )
        item.full_clean()
        item.save()
        record_event(
            "meetings.followup.sent",
            actor=by,
            obj=item,
            data={"meeting": locked.pk, "owner": owner.pk, "deadline": deadline.isoformat()},
        )
        if getattr(by, "pk", None) != owner.pk:
            notify(
                [owner],
                title=_("Follow-up item %(number)s sent to you by the %(kind)s of %(held_on)s; due %(deadline)s.")
                % {
                    "number": item.pk,
                    "kind": locked.get_kind_display(),
                    "held_on": locked.held_on.isoformat(),
                    "deadline": deadline.isoformat(),
                },
                url=follow_up_url(item),
            )
        return item


def complete_follow_up(item: FollowUpItem, *, by, note: str, on: date | None = None) -> FollowUpItem:
    """The owner marks the item done and says how."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = (
            FollowUpItem.objects.select_for_update(of=("self",)).select_related("meeting__term__owner").get(pk=item.pk)
        )
        check("followup.complete", by, locked)
        if not note.strip():
            raise ValidationError({"note": _("Say how the item was done.")})
        if on < locked.meeting.held_on:
            raise ValidationError({"on": _("An item is not done before the meeting that sent it.")})
        locked.status = FollowUpStatus.DONE
        locked.done_on = on
        locked.done_note = note.strip()
        locked.version += 1
        locked.full_clean()
        locked.save(update_fields=["status", "done_on", "done_note", "version"])
        record_event(
            "meetings.followup.completed",
            actor=by,
            obj=locked,
            data={"on": on.isoformat(), "late": on > locked.deadline},
        )
        return locked
