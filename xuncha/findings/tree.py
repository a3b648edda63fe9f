"""Editing the feedback tree: renumbering, moving, deleting, and correction sessions.

Until the inspection's feedback date the tree is a draft and changes freely. From the feedback
date on it is frozen: changes are made in a correction session, which gathers any number of
edits and closes with one reason as one new version (`FeedbackRevision`). A step that carries
its own `correction_reason` while no session is open (the API's single corrections) is a
session of one edit: opened, edited and closed in the same transaction.

Numbers are never typed: every write that adds, moves or deletes a node renumbers the tree
from position (`renumber`). Problems linked to rectification (measures, red cards, rebounds)
are never deleted: the step is refused with the problems' numbers.
"""

from contextlib import contextmanager
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.findings.models import Aspect, FeedbackRevision, Item, Problem
from xuncha.findings.numbering import strip_numbering
from xuncha.findings.versions import snapshot
from xuncha.reports.parsing.numerals import int_to_chinese
from xuncha.workflow import actions

_SESSION = "_feedback_session"  # the open session, cached on an inspection object for a page
_CHANGED = "_feedback_session_changed"


def is_frozen(inspection, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return inspection.feedback_on is not None and inspection.feedback_on <= today


def open_session(inspection) -> FeedbackRevision | None:
    """The inspection's open correction session (read once per inspection object)."""
    if not hasattr(inspection, _SESSION):
        found = FeedbackRevision.objects.filter(inspection=inspection, closed_at__isnull=True).first()
        setattr(inspection, _SESSION, found)
    return getattr(inspection, _SESSION)


def session_changed(inspection) -> bool:
    """The open session has changed the tree (it closes as a version; else it is discarded)."""
    if not hasattr(inspection, _CHANGED):
        session = open_session(inspection)
        setattr(inspection, _CHANGED, session is not None and snapshot(inspection) != session.before)
    return getattr(inspection, _CHANGED)


def editable(inspection, *, today: date | None = None) -> bool:
    """The tree may be edited now: a draft, or frozen with a correction session open."""
    return not is_frozen(inspection, today=today) or open_session(inspection) is not None


def feedback_version(inspection) -> int:
    """The feedback as given is version 1; each closed correction adds one."""
    return (
        inspection.feedback_revisions.filter(closed_at__isnull=False).aggregate(v=Max("version"))["v"] or 1
    )


def frozen_message(inspection) -> str:
    return _("The feedback was given on %(date)s and is frozen; a correction needs a reason.") % {
        "date": inspection.feedback_on
    }


def locked_inspection(inspection):
    from xuncha.inspections.domain import locked

    inspection = locked(inspection)
    for cached in (_SESSION, _CHANGED):
        if hasattr(inspection, cached):
            delattr(inspection, cached)
    return inspection


@contextmanager
def changing(inspection, *, by, correction_reason: str = "", today: date | None = None):
    """Around one edit of the (locked) inspection's tree: yields the reason its rows' history
    records. A draft changes freely; frozen feedback changes inside the open session, or, with
    a `correction_reason`, in a session of this one edit."""
    if not is_frozen(inspection, today=today):
        yield ""
        return
    session = FeedbackRevision.objects.select_for_update().filter(inspection=inspection, closed_at=None).first()
    if session is not None:
        yield _("Correction v%(version)s") % {"version": session.version}
        return
    reason = (correction_reason or "").strip()
    if not reason:
        raise ValidationError(frozen_message(inspection))
    session = _open(inspection, by=by)
    yield reason
    _close(session, by=by, reason=reason, require_change=False)


# -- numbering ------------------------------------------------------------------------------


def renumber(inspection) -> None:
    """Number the tree from position: aspects 一, 二 … and items 1, 2 … within their parent,
    problems 1, 2 … across the inspection in the tree's order (an aspect's items' problems,
    then its own). Positions are made contiguous the same way."""
    aspects = list(Aspect.objects.filter(inspection=inspection).order_by("position"))
    items: dict[int, list[Item]] = {}
    for item in Item.objects.filter(aspect__inspection=inspection).order_by("position"):
        items.setdefault(item.aspect_id, []).append(item)
    under: dict[tuple, list[Problem]] = {}
    for problem in Problem.objects.filter(inspection=inspection).order_by("position"):
        under.setdefault(("item", problem.item_id) if problem.item_id else ("aspect", problem.aspect_id), []).append(
            problem
        )
    problems = []
    for aspect in aspects:
        for item in items.get(aspect.pk, []):
            problems += under.get(("item", item.pk), [])
        problems += under.get(("aspect", aspect.pk), [])
    _assign(Aspect, aspects, int_to_chinese)
    for siblings in items.values():
        _assign(Item, siblings, str)
    _assign(Problem, problems, str)


def _assign(model, rows: list, number) -> None:
    """Give `rows` positions 1…n in this order and their numbers, touching only rows that
    change; rows that move go out of the way first (positions are unique per parent)."""
    changed = [(row, p) for p, row in enumerate(rows, start=1) if (row.position, row.number) != (p, number(p))]
    if not changed:
        return
    moving = [row for row, p in changed if row.position != p]
    if moving:
        high = max(row.position for row in rows) + len(rows) + 1
        for offset, row in enumerate(moving):
            row.position = high + offset
        model.objects.bulk_update(moving, ["position"])
    for row, p in changed:
        row.position, row.number = p, number(p)
    model.objects.bulk_update([row for row, _p in changed], ["position", "number"])


# -- editing nodes ----------------------------------------------------------------------------

KINDS = {"aspect": Aspect, "item": Item, "problem": Problem}


def kind_of(node) -> str:
    return {Aspect: "aspect", Item: "item", Problem: "problem"}[type(node)]


def inspection_of(node):
    return node.aspect.inspection if isinstance(node, Item) else node.inspection


def _locked_node(node, step: str, by):
    """Lock the node's inspection, re-read the node under it and check the declared step."""
    inspection = locked_inspection(inspection_of(node))
    node = type(node).objects.select_for_update().get(pk=node.pk)
    if isinstance(node, Item):
        node.aspect.inspection = inspection
    else:
        node.inspection = inspection
    actions.check(step, by, node)
    return inspection, node


def clean_title(title: str) -> str:
    title = strip_numbering(title)
    if not title:
        raise ValidationError({"title": _("Write the wording without its number.")})
    return title


def update_node(node, *, by, title: str, text: str | None = None, correction_reason: str = "", today=None):
    """Reword an aspect or an item (a problem: `xuncha.findings.domain.update_problem`)."""
    kind = kind_of(node)
    with transaction.atomic():
        inspection, node = _locked_node(node, f"{kind}.update", by)
        with changing(inspection, by=by, correction_reason=correction_reason, today=today) as reason:
            before_title = node.title
            node.title = clean_title(title)
            node.full_clean()
            node._change_reason = reason
            node.save()
            if kind == "aspect" and before_title != node.title:
                tallies.inspection_changed(inspection.pk)  # the term rows group by aspect title
            record_event(
                "findings.aspect.updated" if kind == "aspect" else "findings.item.updated",
                actor=by, obj=inspection, data={kind: node.pk},
            )
        return node


def siblings(node) -> list:
    """The node's siblings in order, itself included."""
    if isinstance(node, Aspect):
        found = Aspect.objects.filter(inspection_id=node.inspection_id)
    elif isinstance(node, Item):
        found = Item.objects.filter(aspect_id=node.aspect_id)
    else:
        found = Problem.objects.filter(inspection_id=node.inspection_id, aspect_id=node.aspect_id, item_id=node.item_id)
    return list(found.order_by("position"))


def move_node(node, *, by, direction: str, correction_reason: str = "", today=None):
    """Move a node up or down among its siblings; at either end it stays where it is."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Move up or down.")})
    kind = kind_of(node)
    with transaction.atomic():
        inspection, node = _locked_node(node, f"{kind}.move", by)
        with changing(inspection, by=by, correction_reason=correction_reason, today=today):
            rows = siblings(node)
            index = next(i for i, row in enumerate(rows) if row.pk == node.pk)
            other = index - 1 if direction == "up" else index + 1
            if 0 <= other < len(rows):
                _swap(rows[index], rows[other])
                renumber(inspection)
                record_event(
                    "findings.aspect.moved" if kind == "aspect"
                    else "findings.item.moved" if kind == "item"
                    else "findings.problem.moved",
                    actor=by, obj=inspection, data={kind: node.pk, "direction": direction},
                )
        return type(node).objects.get(pk=node.pk)


def _swap(first, second) -> None:
    manager = type(first).objects
    a, b = first.position, second.position
    manager.filter(pk=first.pk).update(position=0)
    manager.filter(pk=second.pk).update(position=a)
    manager.filter(pk=first.pk).update(position=b)


def problems_under(node):
    if isinstance(node, Aspect):
        return Problem.objects.filter(aspect=node)
    if isinstance(node, Item):
        return Problem.objects.filter(item=node)
    return Problem.objects.filter(pk=node.pk)


# a follow-up's re-check (回头看, xuncha.followup) of the problem, or the re-check it came from
LINKED_TO_RECTIFICATION = (
    Q(measures__isnull=False)
    | Q(flags__isnull=False)
    | Q(rebounds__isnull=False)
    | Q(rechecks__isnull=False)
    | Q(recheck_source__isnull=False)
)


def deletion_refusal(node) -> str | None:
    """Why the node may not be deleted: problems under it have rectification attached. A page
    that shows many nodes annotates problems with `rectification_links` to read it once."""
    linked = getattr(node, "rectification_links", None) if isinstance(node, Problem) else None
    if linked is None:
        found = problems_under(node).filter(LINKED_TO_RECTIFICATION).order_by().distinct()
        numbers = sorted(found.values_list("position", flat=True))
    else:
        numbers = [node.position] if linked else []
    if not numbers:
        return None
    return _(
        "Problems %(numbers)s already have rectification measures or records and cannot be deleted; "
        "correct their wording instead."
    ) % {"numbers": "".join(f"（{n}）" for n in numbers)}


def delete_node(node, *, by, correction_reason: str = "", today=None) -> None:
    """Delete a node with everything under it, unless rectification is attached to a problem
    there. The rows' history keeps their last state, and the version snapshots keep them."""
    kind = kind_of(node)
    with transaction.atomic():
        inspection, node = _locked_node(node, f"{kind}.delete", by)
        with changing(inspection, by=by, correction_reason=correction_reason, today=today) as reason:
            data = {kind: node.pk, "number": node.number}
            for problem in problems_under(node):
                problem.findings.clear()  # the finding may be promoted again
                problem._change_reason = reason
                problem.delete()
            if isinstance(node, Aspect):
                for item in node.items.all():
                    item._change_reason = reason
                    item.delete()
            if not isinstance(node, Problem):
                node._change_reason = reason
                node.delete()
            renumber(inspection)
            tallies.inspection_changed(inspection.pk)
            record_event(
                "findings.aspect.deleted" if kind == "aspect"
                else "findings.item.deleted" if kind == "item"
                else "findings.problem.deleted",
                actor=by, obj=inspection, data=data,
            )


# -- correction sessions ----------------------------------------------------------------------


def _open(inspection, *, by) -> FeedbackRevision:
    version = (inspection.feedback_revisions.aggregate(v=Max("version"))["v"] or 1) + 1
    session = FeedbackRevision.objects.create(
        inspection=inspection,
        version=version,
        opened_by=by if getattr(by, "pk", None) else None,
        before=snapshot(inspection),
    )
    setattr(inspection, _SESSION, session)
    record_event("findings.correction.opened", actor=by, obj=inspection, data={"version": version})
    return session


def _close(session: FeedbackRevision, *, by, reason: str, require_change: bool = True) -> FeedbackRevision:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    after = snapshot(session.inspection)
    if require_change and after == session.before:
        raise ValidationError(_("Nothing was changed in this correction: discard it instead."))
    session.reason, session.after, session.closed_at = reason, after, timezone.now()
    session.made_by = by if getattr(by, "pk", None) else None
    session.full_clean()
    session.save()
    _label_history(session)
    setattr(session.inspection, _SESSION, None)
    record_event("findings.feedback.corrected", actor=by, obj=session.inspection, data={"version": session.version})
    return session


def _label_history(session: FeedbackRevision) -> None:
    """The session's edits were saved before its reason was known: give their history it."""
    aspects = Aspect.history.filter(inspection_id=session.inspection_id).values("id")
    since = {"history_date__gte": session.made_at}
    Aspect.history.filter(inspection_id=session.inspection_id, **since).update(history_change_reason=session.reason)
    Item.history.filter(aspect_id__in=aspects, **since).update(history_change_reason=session.reason)
    Problem.history.filter(inspection_id=session.inspection_id, **since).update(history_change_reason=session.reason)


def open_correction(inspection, *, by) -> FeedbackRevision:
    """Open a correction session of frozen feedback: its edits become one version."""
    with transaction.atomic():
        inspection = locked_inspection(inspection)
        actions.check("inspection.open_correction", by, inspection)
        return _open(inspection, by=by)


def close_correction(inspection, *, by, reason: str) -> FeedbackRevision:
    """Close the open session with its reason: the new version."""
    with transaction.atomic():
        inspection = locked_inspection(inspection)
        actions.check("inspection.close_correction", by, inspection)
        session = FeedbackRevision.objects.select_for_update().get(inspection=inspection, closed_at=None)
        session.inspection = inspection
        return _close(session, by=by, reason=reason)


def discard_correction(inspection, *, by) -> None:
    """Give up an open session that changed nothing (one that did is closed with a reason)."""
    with transaction.atomic():
        inspection = locked_inspection(inspection)
        actions.check("inspection.discard_correction", by, inspection)
        session = FeedbackRevision.objects.select_for_update().get(inspection=inspection, closed_at=None)
        if snapshot(inspection) != session.before:
            raise ValidationError(_("This correction has changed the feedback: close it with a reason."))
        version = session.version
        session.delete()
        setattr(inspection, _SESSION, None)
        record_event("findings.correction.discarded", actor=by, obj=inspection, data={"version": version})
