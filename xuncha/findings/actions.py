"""The feedback's steps, each declared once (see `xuncha.workflow.actions`): the team records
findings, builds the feedback tree (方面 → 项 → 问题) by adding nodes or by pasting the
feedback's text, rewords, moves and deletes nodes, and promotes a finding to a problem.

The office and the inspection's team take them. The tree freezes on the feedback date
(`xuncha.findings.tree.is_frozen`): from then on the tree changes in a correction session
(open → edits → close with one reason = one new version). Adding and rewording also accept a
`correction_reason` of their own outside a session (the API's single corrections: a session of
one edit); moving and deleting frozen nodes happen in a session only. The domain checks all of
it under the inspection's lock. Freezing is not a refusal: the office and the team still correct.
"""

from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.inspections.actions import active
from xuncha.inspections.rules import may_work
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare

INSPECTION, FINDING, PROBLEM = "inspections.Inspection", "findings.Finding", "findings.Problem"
ASPECT, ITEM = "findings.Aspect", "findings.Item"


def _has_targets(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    if not inspection.targets.exists():
        return gettext("Add an inspected organisation first.")
    return None


def _has_aspects(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    if not inspection.aspects.exists():
        return gettext("Add an aspect to the feedback first.")
    return None


def _problem_addable(inspection) -> str | None:
    return _has_targets(inspection) or _has_aspects(inspection)


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


def _t():
    from xuncha.findings import tree

    return tree


def _paste(inspection, by, data):
    from xuncha.findings.paste import save_pasted_feedback

    return save_pasted_feedback(inspection, by=by, text=data.get("text", ""))


def _frozen(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    if not _t().is_frozen(inspection):
        return gettext("The feedback has not been given yet: edit the draft directly.")
    return None


def _can_open(inspection) -> str | None:
    if (why := _frozen(inspection)) is not None:
        return why
    if _t().open_session(inspection) is not None:
        return gettext("A correction is already open.")
    return None


def _session_open(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    if _t().open_session(inspection) is None:
        return gettext("No correction is open.")
    return None


def _closable(inspection) -> str | None:
    if (why := _session_open(inspection)) is not None:
        return why
    if not _t().session_changed(inspection):
        return gettext("Nothing was changed in this correction: discard it instead.")
    return None


def _discardable(inspection) -> str | None:
    if (why := _session_open(inspection)) is not None:
        return why
    if _t().session_changed(inspection):
        return gettext("This correction has changed the feedback: close it with a reason.")
    return None


def _pasteable(inspection) -> str | None:
    if (why := _has_targets(inspection)) is not None:
        return why
    if _t().is_frozen(inspection):
        return gettext("The feedback has been given: correct it node by node.")
    if inspection.aspects.exists():
        return gettext("The feedback already has aspects: pasting builds a new tree only.")
    if inspection.targets.count() > 1:  # pasted text does not say which organisation each problem concerns
        return gettext("This inspection inspects several organisations: add its problems one by one.")
    return None


def _editable(node) -> str | None:
    """A node changes while its inspection is active and its tree is a draft or in a correction."""
    inspection = _t().inspection_of(node)
    if (why := active(inspection)) is not None:
        return why
    if not _t().editable(inspection):
        return _t().frozen_message(inspection) + " " + gettext("Open a correction first.")
    return None


def _deletable(node) -> str | None:
    return _editable(node) or _t().deletion_refusal(node)


def _may_work_on(user, node) -> bool:
    return may_work(user, _t().inspection_of(node))


def _direction(data) -> str:
    return data.get("direction") or "up"


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
    "inspection.add_item", _("Add an item"), INSPECTION, _has_aspects, may_work, "findings.item.added",
    style="secondary",
    perform=lambda o, by, d: _d().add_item(
        d.get("aspect"), by=by, title=d.get("title", ""), correction_reason=_reason(d), inspection=o
    ),
))
declare(Action(
    "inspection.add_problem", _("Add a problem"), INSPECTION, _problem_addable, may_work, "findings.problem.added",
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

declare(Action(
    "inspection.paste_feedback", _("Paste the feedback text"), INSPECTION, _pasteable, may_work,
    "findings.feedback.pasted", style="secondary",
    perform=lambda o, by, d: _paste(o, by, d),
))
declare(Action(
    "inspection.open_correction", _("Open a correction"), INSPECTION, _can_open, may_work,
    "findings.correction.opened", style="secondary",
    perform=lambda o, by, d: _t().open_correction(o, by=by),
))
declare(Action(
    "inspection.close_correction", _("Close the correction as a new version"), INSPECTION, _closable, may_work,
    "findings.feedback.corrected", requires=("reason",),
    perform=lambda o, by, d: _t().close_correction(o, by=by, reason=d.get("reason", "")),
))
declare(Action(
    "inspection.discard_correction", _("Discard the correction"), INSPECTION, _discardable, may_work,
    "findings.correction.discarded", style="secondary",
    perform=lambda o, by, d: _t().discard_correction(o, by=by),
))
for _model, _kind in ((ASPECT, "aspect"), (ITEM, "item"), (PROBLEM, "problem")):
    if _kind != "problem":  # a problem is reworded by `problem.update`, with its details
        declare(Action(
            f"{_kind}.update", _("Save"), _model, _editable, _may_work_on, f"findings.{_kind}.updated",
            perform=lambda o, by, d: _t().update_node(
                o, by=by, title=d.get("title", o.title), correction_reason=_reason(d)
            ),
        ))
    declare(Action(
        f"{_kind}.move", pgettext_lazy("feedback tree", "Move"), _model, _editable, _may_work_on,
        f"findings.{_kind}.moved", style="secondary",
        perform=lambda o, by, d: _t().move_node(o, by=by, direction=_direction(d), correction_reason=_reason(d)),
    ))
    declare(Action(
        f"{_kind}.delete", _("Delete"), _model, _deletable, _may_work_on, f"findings.{_kind}.deleted",
        style="danger",
        perform=lambda o, by, d: _t().delete_node(o, by=by, correction_reason=_reason(d)),
    ))

handoff.page(FINDING, lambda f: reverse("findings:list", args=[f.inspection_id]))  # where a hand-off leads
