"""Talk steps, each declared once (see `xuncha.workflow.actions`): the office and the team keep
the inspection's talk plan (九必谈、三必访) and record, correct and archive talks and visits."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.permissions import Action as Permission
from xuncha.accounts.permissions import can
from xuncha.inspections.actions import active
from xuncha.inspections.rules import may_work
from xuncha.workflow.actions import Action, declare

INSPECTION, TALK = "inspections.Inspection", "talks.Talk"


def _talkable(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    if inspection.entry_on is None:
        return gettext("Set the inspection's entry date first: talks are held once the team has entered.")
    return None


def _open(talk) -> str | None:
    if talk.is_archived:
        return gettext("This talk record is archived.")
    return active(talk.inspection)


def _may_change(user, talk) -> bool:
    return can(user, Permission.CHANGE, talk)


def _d():
    from xuncha.talks import domain

    return domain


declare(Action(
    "inspection.add_talk_plan_item", _("Add to the talk plan"), INSPECTION, active, may_work,
    "talks.plan_item.added", style="secondary",
    perform=lambda o, by, d: _d().add_plan_item(
        o, by=by, kind=d.get("kind", "talk"), category=d.get("category", ""), required=d.get("required") or 1
    ),
))
declare(Action(
    "inspection.record_talk", _("Record a talk or visit"), INSPECTION, _talkable, may_work, "talks.talk.recorded",
    perform=lambda o, by, d: _d().record_talk(
        o, by=by, kind=d.get("kind", "talk"), held_on=d.get("held_on"), subject_name=d.get("subject_name", ""),
        notes=d.get("notes", ""), subject_position=d.get("subject_position", ""),
        subject_organisation=d.get("subject_organisation"), place=d.get("place", ""), plan_item=d.get("plan_item"),
        interviewers=d.get("interviewers") or (), findings=d.get("findings") or (), clues=d.get("clues") or (),
    ),
))
declare(Action(
    "talk.edit", _("Edit"), TALK, _open, _may_change, "talks.talk.edited", style="secondary",
    perform=lambda o, by, d: _d().edit_talk(
        o, by=by, version=d.get("version", o.version),
        **{k: v for k, v in d.items() if k in _d().EDITABLE or k in ("findings", "clues", "interviewers")},
    ),
))
declare(Action(
    "talk.archive", _("Archive"), TALK, _open, _may_change, "talks.talk.archived", requires=("reason",),
    style="danger",
    perform=lambda o, by, d: _d().archive_talk(o, by=by, reason=d.get("reason", "")),
))
