"""Staffing steps, each declared once (see `xuncha.workflow.actions`): the office assigns a
person to an inspection's team (refused on a conflict of interest unless a written reason is
given, always refused on overlapping assignments), removes a member with a reason, and
evaluates the members once the team has exited."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action as Permission
from xuncha.accounts.permissions import can
from xuncha.inspections.actions import active
from xuncha.inspections.rules import may_change_inspection
from xuncha.workflow.actions import Action, declare

INSPECTION, MEMBER = "inspections.Inspection", "staffing.TeamMember"


def _staffable(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    if not (inspection.entry_on and inspection.exit_on):
        return gettext("Set the inspection's entry and exit dates before staffing its team.")
    return None


def _on_team(member) -> str | None:
    if member.is_archived:
        return gettext("This person is no longer on the team.")
    return active(member.inspection)


def _evaluable(member) -> str | None:
    if (why := _on_team(member)) is not None:
        return why
    exit_on = member.inspection.exit_on
    if exit_on is None or exit_on > timezone.localdate():
        return gettext("Evaluate team members after the team has exited.")
    return None


def _appraisable(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    if inspection.exit_on is None or inspection.exit_on > timezone.localdate():
        return gettext("Appraise the team after it has exited.")
    return None


def _may_manage(user, member) -> bool:
    return can(user, Permission.CHANGE, member)


def _d():
    from xuncha.staffing import domain

    return domain


declare(Action(
    "inspection.assign_member", _("Assign team member"), INSPECTION, _staffable, may_change_inspection,
    "staffing.member.assigned", next_actor=Role.TEAM_MEMBER.value,
    perform=lambda o, by, d: _d().assign_member(
        o, by=by, person=d.get("person"), role=d.get("role", ""), override_reason=d.get("override_reason", ""),
        home_unit=d.get("home_unit"), seconded_from=d.get("seconded_from"), seconded_to=d.get("seconded_to"),
        secondment_letter=d.get("secondment_letter", ""),
    ),
))
declare(Action(
    "inspection.appraise_team", _("Appraise the team"), INSPECTION, _appraisable, may_change_inspection,
    "staffing.team.appraised", style="secondary",
    perform=lambda o, by, d: _d().appraise_team(
        o, by=by, score=d.get("score"), grade=d.get("grade", ""), comment=d.get("comment", "")
    ),
))
declare(Action(
    "member.remove", _("Remove from the team"), MEMBER, _on_team, _may_manage, "staffing.member.removed",
    requires=("reason",), style="danger",
    perform=lambda o, by, d: _d().remove_member(o, by=by, reason=d.get("reason", "")),
))
declare(Action(
    "member.evaluate", _("Evaluate"), MEMBER, _evaluable, _may_manage, "staffing.member.evaluated",
    style="secondary",
    perform=lambda o, by, d: _d().evaluate(o, by=by, grade=d.get("grade", ""), comment=d.get("comment", "")),
))
