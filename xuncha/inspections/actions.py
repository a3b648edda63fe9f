"""The inspection's own steps, each declared once (see `xuncha.workflow.actions`): its dates
and details, the organisations it inspects, the indicators of a special inspection and their
readings, and the information requests before entry (巡前信息沟通) with their replies.

The office changes the inspection; the office and the team record readings and requests. An
archived inspection takes no step. Staffing (`xuncha.staffing.actions`) and the feedback tree
(`xuncha.findings.actions`) declare their steps on the inspection in their own apps.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.inspections.rules import may_change_inspection, may_work
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare

INSPECTION, INDICATOR, REQUEST = "inspections.Inspection", "inspections.Indicator", "inspections.InformationRequest"


def active(inspection) -> str | None:
    """The guard every step on an inspection shares: an archived inspection is read only."""
    return gettext("This inspection is archived.") if inspection.is_archived else None


def _replyable(request) -> str | None:
    if (why := active(request.inspection)) is not None:
        return why
    return gettext("The reply has already been recorded.") if request.replied_on is not None else None


def _d():
    from xuncha.inspections import domain

    return domain


def _set_dates(inspection, by, data):
    """A date not given stays as it is (the page's form gives all three, empty to clear one)."""
    return _d().set_dates(
        inspection, by=by, expected_version=data.get("version", inspection.version),
        **{f: data.get(f, getattr(inspection, f)) for f in ("entry_on", "exit_on", "feedback_on")},
    )


def _update(inspection, by, data):
    from xuncha.inspections.domain import EDITABLE_FIELDS

    changes = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    version = data.get("version", inspection.version)
    return _d().update_inspection(inspection, by=by, expected_version=version, **changes)


def _add_indicator(inspection, by, data):
    return _d().add_indicator(
        inspection, by=by, name=data.get("name", ""), unit=data.get("unit", ""),
        baseline=data.get("baseline"), target=data.get("target"),
    )


def _request(inspection, by, data):
    fields = ("recipient_kind", "recipient", "subject", "sent_on", "due_on")
    return _d().create_information_request(inspection, by=by, **{k: data.get(k) for k in fields})


declare(Action(
    "inspection.set_dates", _("Set the dates"), INSPECTION, active, may_change_inspection,
    "inspections.inspection.dates_set", next_actor=Role.TEAM_MEMBER.value,
    perform=_set_dates,
))
declare(Action(
    "inspection.update", _("Save"), INSPECTION, active, may_change_inspection, "inspections.inspection.updated",
    perform=_update,
))
declare(Action(
    "inspection.add_target", _("Add inspected organisation"), INSPECTION, active, may_change_inspection,
    "inspections.target.added", next_actor=Role.TEAM_MEMBER.value,
    perform=lambda o, by, d: _d().add_target(o, by=by, organisation=d.get("organisation")),
))
declare(Action(
    "inspection.add_indicator", _("New indicator"), INSPECTION, active, may_change_inspection,
    "inspections.indicator.added", next_actor=Role.TEAM_MEMBER.value, style="secondary",
    perform=_add_indicator,
))
declare(Action(
    "inspection.create_request", _("New information request"), INSPECTION, active, may_work,
    "inspections.request.sent", style="secondary",
    perform=_request,
))
declare(Action(
    "indicator.record_reading", _("Record a reading"), INDICATOR, lambda i: active(i.inspection),
    lambda u, i: may_work(u, i.inspection), "inspections.indicator.reading",
    perform=lambda o, by, d: _d().record_reading(
        o, by=by, on=d.get("on"), value=d.get("value"), note=d.get("note", "")
    ),
))
declare(Action(
    "request.record_reply", _("Record the reply"), REQUEST, _replyable, lambda u, r: may_work(u, r.inspection),
    "inspections.request.replied",
    perform=lambda o, by, d: _d().record_reply(
        o, by=by, reply=d.get("reply", ""), replied_on=d.get("replied_on"), uploads=d.get("files", ())
    ),
))

# where a hand-off leads; named by its title, which the announcement (巡察公告) makes public
handoff.page(INSPECTION, lambda i: reverse("inspections:detail", args=[i.pk]), name=lambda i: i.title)
