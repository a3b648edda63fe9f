"""The feedback's steps, each declared once (see `xuncha.workflow.actions`): the team records
findings, builds the feedback tree (方面 → 项 → 问题), edits a problem and promotes a finding
to a problem.

The office and the inspection's team take them. The tree freezes on the feedback date
(`xuncha.findings.domain.is_frozen`): from then on each step that changes the tree needs a
correction reason and opens a new feedback version, which the domain checks under the
inspection's lock (the page asks for the reason when the tree is frozen; the API's step input
carries `correction_reason`). Freezing is not a refusal: the office and the team still correct.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.inspections.actions import active
from xuncha.inspections.rules import may_work
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare

INSPECTION, FINDING, PROBLEM = "inspections.Inspection", "findings.Finding", "findings.Problem"


def _has_targets(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    if not inspection.targets.exists():
        return gettext("Add an inspected organisation first.")
    return None


def _promotable(finding) -> str | None:
    if finding.is_archived:
        return gettext("This finding is archived.")
    if (why := active(finding.inspection)) is not None:
        return why
    if finding.problems.all():  # .all(): a page's rows have them prefetched
        return gettext("This finding is already a problem of the feedback.")
    if not finding.inspection.aspects.all():
        return gettext("Add an aspect to the feedback first.")
    return None


def _d():
    from xuncha.findings import domain

    return domain


def _record(inspection, by, data):
    return _d().record_finding(
        inspection, by=by, text=data.get("text", ""), source=data.get("source", ""),
        category=data.get("category"), organisation=data.get("organisation"), evidence=data.get("evidence", ()),
    )


def _reason(data) -> str:
    return data.get("correction_reason") or data.get("reason") or ""


declare(Action(
    "inspection.record_finding", _("Record a finding"), INSPECTION, active, may_work,
    "findings.finding.recorded",
    perform=_record,
))
declare(Action(
    "inspection.add_aspect", _("Add an aspect"), INSPECTION, active, may_work, "findings.aspect.added",
    style="secondary",
    perform=lambda o, by, d: _d().add_aspect(o, by=by, title=d.get("title", ""), correction_reason=_reason(d)),
))
declare(Action(
    "inspection.add_item", _("Add an item"), INSPECTION, active, may_work, "findings.item.added",
    style="secondary",
    perform=lambda o, by, d: _d().add_item(
        d.get("aspect"), by=by, title=d.get("title", ""), correction_reason=_reason(d), inspection=o
    ),
))
declare(Action(
    "inspection.add_problem", _("Add a problem"), INSPECTION, _has_targets, may_work, "findings.problem.added",
    next_actor=Role.LIAISON.value,
    perform=lambda o, by, d: _d().add_problem(
        o, by=by, aspect=d.get("aspect"), item=d.get("item"), title=d.get("title", ""), text=d.get("text", ""),
        organisation=d.get("organisation"), correction_reason=_reason(d),
    ),
))
declare(Action(
    "problem.update", _("Save"), PROBLEM, lambda p: active(p.inspection), lambda u, p: may_work(u, p.inspection),
    "findings.problem.updated", next_actor=Role.LIAISON.value,
    perform=lambda o, by, d: _d().update_problem(
        o, by=by, title=d.get("title", o.title), text=d.get("text", o.text), correction_reason=_reason(d)
    ),
))
declare(Action(
    "finding.promote", _("Make it a problem"), FINDING, _promotable, lambda u, f: may_work(u, f.inspection),
    "findings.problem.added", next_actor=Role.LIAISON.value,
    perform=lambda o, by, d: _d().promote_finding(
        o, by=by, aspect=d.get("aspect"), item=d.get("item"), title=d.get("title", ""), correction_reason=_reason(d)
    ),
))

handoff.page(FINDING, lambda f: reverse("findings:list", args=[f.inspection_id]))  # where a hand-off leads
