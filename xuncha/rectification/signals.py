"""Which writes move the tallies, and of which inspections (see tally.py).

A problem's tally row depends on the problem's inspection, organisation and aspect and on the
status, sign-off and archiving of the measures linked to it; a measure's on its plan (hence
inspection and organisation), status, sign-off, deadline, ongoing and archiving, and on its
plan's organisation and archiving. Each handler compares those values with the row as stored
before the save (one primary-key query), so that editing a measure's wording, or submitting a
plan, recounts nothing; a move (a measure to another plan, a problem to another aspect or
organisation) refreshes both inspections concerned. A save whose `update_fields` name none of
them is not even looked at.

The term tallies follow the inspections' (tally.refresh recounts the terms of the inspections
it recounts); two more writes move them alone: renaming an aspect (the term rows group problems
by aspect title) and moving an inspection to another term (both terms), or deleting one.

Signals do not fire for bulk_create, QuerySet.update or raw SQL: see tally.py.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from xuncha.findings.models import Aspect, Problem
from xuncha.inspections.models import Inspection
from xuncha.rectification import tally
from xuncha.rectification.models import Measure, Plan

MEASURE_FIELDS = ("plan_id", "status", "sign_off", "deadline", "ongoing", "archived_at")
PROBLEM_FIELDS = ("inspection_id", "organisation_id", "aspect_id")
PLAN_FIELDS = ("inspection_id", "organisation_id", "archived_at")
ASPECT_FIELDS = ("inspection_id", "title")
INSPECTION_FIELDS = ("term_id",)

_UNTOUCHED = object()  # the save cannot change a tally
_BEFORE = "_tally_before"


def _untouched(update_fields, attnames: tuple[str, ...]) -> bool:
    if update_fields is None:
        return False
    named = set(update_fields)
    return not any(a in named or a.removesuffix("_id") in named for a in attnames)


def _values(instance, attnames: tuple[str, ...]) -> tuple:
    return tuple(getattr(instance, a) for a in attnames)


def _stored(instance, *lookups: str) -> list[tuple]:
    """The row as stored before this save ([] for a new row)."""
    if instance._state.adding or instance.pk is None:
        return []
    return list(type(instance)._base_manager.filter(pk=instance.pk).values_list(*lookups))


def _remember(instance, update_fields, attnames, *related: str) -> None:
    """Keep (inspections concerned, tracked values) as stored, for the post_save handler."""
    if _untouched(update_fields, attnames):
        setattr(instance, _BEFORE, _UNTOUCHED)
        return
    rows = _stored(instance, *related, *attnames)
    if not rows:
        setattr(instance, _BEFORE, None)
        return
    inspections = {value for row in rows for value in row[: len(related)]}
    setattr(instance, _BEFORE, (inspections, rows[0][len(related) :]))


def _changed(instance, attnames) -> tuple[bool, set, tuple]:
    """(new row?, inspections concerned before, values before) after the save."""
    before = instance.__dict__.pop(_BEFORE, _UNTOUCHED)
    if before is _UNTOUCHED:
        return False, set(), ()
    if before is None:
        return True, set(), ()
    inspections, values = before
    if values == _values(instance, attnames):
        return False, set(), ()
    return False, inspections, values


def _plan_inspection(measure) -> int | None:
    plan = measure._state.fields_cache.get("plan")
    if plan is not None and plan.pk == measure.plan_id:
        return plan.inspection_id
    return Plan._base_manager.filter(pk=measure.plan_id).values_list("inspection_id", flat=True).first()


@receiver(pre_save, sender=Measure, dispatch_uid="tally_measure_pre_save")
def measure_pre_save(sender, instance, update_fields=None, **kwargs):
    _remember(instance, update_fields, MEASURE_FIELDS, "plan__inspection_id", "problems__inspection_id")


@receiver(post_save, sender=Measure, dispatch_uid="tally_measure_post_save")
def measure_post_save(sender, instance, **kwargs):
    new, inspections, before = _changed(instance, MEASURE_FIELDS)
    if new or (before and before[0] != instance.plan_id):
        inspections.add(_plan_inspection(instance))  # a new measure, or one moved to another plan
    tally.mark(inspections)


@receiver(pre_save, sender=Problem, dispatch_uid="tally_problem_pre_save")
def problem_pre_save(sender, instance, update_fields=None, **kwargs):
    _remember(instance, update_fields, PROBLEM_FIELDS)


@receiver(post_save, sender=Problem, dispatch_uid="tally_problem_post_save")
def problem_post_save(sender, instance, **kwargs):
    new, _inspections, before = _changed(instance, PROBLEM_FIELDS)
    if new or before:
        tally.mark({instance.inspection_id, *before[:1]})


@receiver(pre_save, sender=Plan, dispatch_uid="tally_plan_pre_save")
def plan_pre_save(sender, instance, update_fields=None, **kwargs):
    _remember(instance, update_fields, PLAN_FIELDS)


@receiver(post_save, sender=Plan, dispatch_uid="tally_plan_post_save")
def plan_post_save(sender, instance, **kwargs):
    _new, _inspections, before = _changed(instance, PLAN_FIELDS)  # a new plan has no measure yet
    if before:
        tally.mark({instance.inspection_id, before[0]})


@receiver(pre_save, sender=Aspect, dispatch_uid="tally_aspect_pre_save")
def aspect_pre_save(sender, instance, update_fields=None, **kwargs):
    _remember(instance, update_fields, ASPECT_FIELDS)


@receiver(post_save, sender=Aspect, dispatch_uid="tally_aspect_post_save")
def aspect_post_save(sender, instance, **kwargs):
    _new, _inspections, before = _changed(instance, ASPECT_FIELDS)  # a new aspect has no problem yet
    if before:
        tally.mark({instance.inspection_id, before[0]})


@receiver(pre_save, sender=Inspection, dispatch_uid="tally_inspection_pre_save")
def inspection_pre_save(sender, instance, update_fields=None, **kwargs):
    _remember(instance, update_fields, INSPECTION_FIELDS)


@receiver(post_save, sender=Inspection, dispatch_uid="tally_inspection_post_save")
def inspection_post_save(sender, instance, **kwargs):
    new, _inspections, before = _changed(instance, INSPECTION_FIELDS)
    if new:  # recorded as a member of its term (no tally rows yet), so the term stays whole
        tally.mark({instance.pk})
    elif before:  # moved to another term: its rows leave the former term's
        tally.mark({instance.pk}, terms={before[0]})


@receiver(post_delete, sender=Inspection, dispatch_uid="tally_inspection_post_delete")
def inspection_deleted(sender, instance, **kwargs):
    tally.mark((), terms={instance.term_id})


@receiver(m2m_changed, sender=Measure.problems.through, dispatch_uid="tally_measure_problems")
def measure_problems_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Linking or unlinking moves the status of the problems concerned (their inspections)."""
    if reverse:  # problem.measures.add(...): one problem
        if action in ("post_add", "post_remove", "post_clear"):
            tally.mark({instance.inspection_id})
        return
    if action == "pre_clear":
        instance._tally_cleared = set(instance.problems.values_list("inspection_id", flat=True))
    elif action == "post_clear":
        tally.mark(instance.__dict__.pop("_tally_cleared", set()))
    elif action in ("post_add", "post_remove") and pk_set:
        tally.mark(set(Problem._base_manager.filter(pk__in=pk_set).values_list("inspection_id", flat=True)))


@receiver(pre_delete, sender=Measure, dispatch_uid="tally_measure_pre_delete")
def measure_pre_delete(sender, instance, **kwargs):
    rows = _stored(instance, "plan__inspection_id", "problems__inspection_id")
    instance._tally_deleted = {value for row in rows for value in row}


@receiver(pre_delete, sender=Problem, dispatch_uid="tally_problem_pre_delete")
def problem_pre_delete(sender, instance, **kwargs):
    instance._tally_deleted = {instance.inspection_id}


@receiver(post_delete, sender=Measure, dispatch_uid="tally_measure_post_delete")
@receiver(post_delete, sender=Problem, dispatch_uid="tally_problem_post_delete")
def deleted(sender, instance, **kwargs):
    tally.mark(instance.__dict__.pop("_tally_deleted", set()))
