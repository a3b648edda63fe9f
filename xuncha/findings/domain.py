"""Writes to findings and additions to the feedback tree.

Until the inspection's feedback date the tree is a draft and changes freely; from then on a
change is part of a correction session (`xuncha.findings.tree`: moving, deleting, sessions and
versions). Numbers are generated from position; a number typed before a title is stripped.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.confidential.disclosure import identity_scrubber, scrub_copy
from xuncha.findings.enums import DEFAULT_CATEGORIES
from xuncha.findings.models import Aspect, Category, Finding, Item, Problem
from xuncha.findings.tree import changing, clean_title, feedback_version, is_frozen, renumber
from xuncha.workflow import actions

__all__ = ["feedback_version", "is_frozen"]  # read by pages and the API from here


def _locked_inspection(inspection, step: str, by):
    """Lock the inspection (the tree's numbering and freezing are read under it) and check the step."""
    from xuncha.findings.tree import locked_inspection

    inspection = locked_inspection(inspection)
    if step is not None:
        actions.check(step, by, inspection)
    return inspection


def ensure_default_categories() -> None:
    for position, name in enumerate(DEFAULT_CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"position": position})


def record_finding(
    inspection, *, by, text: str, source: str, category, organisation, evidence=(), petitions=()
) -> Finding:
    """`petitions`: those the finding is drawn from; their reporters' identities are scrubbed
    from the text, which travels on to the feedback and the inspected organisation."""
    with transaction.atomic():
        inspection = _locked_inspection(inspection, "inspection.record_finding", by)
        text = scrub_copy(text or "", petitions=petitions)
        if not text.strip():
            raise ValidationError({"text": _("Describe the finding.")})
        finding = Finding(
            inspection=inspection,
            text=text.strip(),
            source=source,
            category=category,
            organisation=organisation,
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        finding.full_clean()
        finding.save()
        if evidence:
            finding.evidence.add(*evidence)
        record_event("findings.finding.recorded", actor=by, obj=finding, org_path=inspection.term.owner.path)
        return finding


def add_aspect(inspection, *, by, title: str, correction_reason: str = "", today=None) -> Aspect:
    """A new aspect after the last one."""
    with transaction.atomic():
        inspection = _locked_inspection(inspection, "inspection.add_aspect", by)
        with changing(inspection, by=by, correction_reason=correction_reason, today=today) as reason:
            position = (inspection.aspects.aggregate(p=Max("position"))["p"] or 0) + 1
            aspect = Aspect(inspection=inspection, title=clean_title(title), position=position, number="")
            aspect.full_clean(exclude=["number"])
            aspect._change_reason = reason
            aspect.save()
            renumber(inspection)
            record_event("findings.aspect.added", actor=by, obj=inspection, data={"aspect": aspect.pk})
        aspect.refresh_from_db()
        return aspect


def add_item(aspect: Aspect, *, by, title: str, correction_reason: str = "", today=None, inspection=None) -> Item:
    """A new item at the end of `aspect`. `inspection`, when given, is the one the step was
    taken on: the aspect must be its own."""
    if aspect is None or (inspection is not None and aspect.inspection_id != inspection.pk):
        raise ValidationError({"aspect": _("Choose an aspect of this inspection.")})
    with transaction.atomic():
        locked = _locked_inspection(aspect.inspection, "inspection.add_item", by)
        with changing(locked, by=by, correction_reason=correction_reason, today=today) as reason:
            position = (aspect.items.aggregate(p=Max("position"))["p"] or 0) + 1
            item = Item(aspect=aspect, title=clean_title(title), position=position, number="")
            item.full_clean(exclude=["number"])
            item._change_reason = reason
            item.save()
            renumber(locked)
            record_event("findings.item.added", actor=by, obj=locked, data={"item": item.pk})
        item.refresh_from_db()
        return item


def _concerned(inspection, organisation):
    """The organisation a problem concerns: an inspected organisation of `inspection` or one
    inside it, which reads the problem once the feedback is given. Chosen when the inspection
    inspects several: a default would hand one organisation's problem to another."""
    targets = [t.organisation for t in inspection.targets.select_related("organisation")]
    if organisation is None:
        if len(targets) != 1:
            several = _("This inspection inspects several organisations: choose the one the problem concerns.")
            raise ValidationError({"organisation": several})
        return targets[0]
    if not any(organisation.path.startswith(t.path) for t in targets):
        outside = _("%(org)s is not inspected by this inspection.") % {"org": organisation}
        raise ValidationError({"organisation": outside})
    return organisation


def add_problem(
    inspection,
    *,
    by,
    aspect: Aspect,
    title: str,
    organisation=None,
    item: Item | None = None,
    text: str = "",
    findings=(),
    correction_reason: str = "",
    today=None,
) -> Problem:
    with transaction.atomic():
        inspection = _locked_inspection(inspection, "inspection.add_problem", by)
        if aspect is None:
            raise ValidationError({"aspect": _("Choose an aspect of this inspection.")})
        if aspect.inspection_id != inspection.pk or (item is not None and item.aspect_id != aspect.pk):
            raise ValidationError(_("The item does not belong to this aspect of this inspection."))
        if aspect.items.exists() and item is None:
            raise ValidationError({"item": _("This aspect has items: choose the item the problem belongs to.")})
        with changing(inspection, by=by, correction_reason=correction_reason, today=today) as reason:
            position = (inspection.problems.aggregate(p=Max("position"))["p"] or 0) + 1
            organisation = _concerned(inspection, organisation)
            scrub = identity_scrubber(*findings)  # the text goes to the inspected organisation
            problem = Problem(
                inspection=inspection,
                aspect=aspect,
                item=item,
                title=scrub(clean_title(title)),
                text=scrub(text.strip()),
                position=position,
                number="",
                organisation=organisation,
            )
            problem.full_clean(exclude=["number"])
            problem._change_reason = reason
            problem.save()
            renumber(inspection)  # at the end of its item or aspect: later problems move on
            tallies.problem_saved(problem)
            if findings:
                problem.findings.add(*findings)
            record_event("findings.problem.added", actor=by, obj=inspection, data={"problem": problem.pk})
        problem.refresh_from_db()
        return problem


def update_problem(problem: Problem, *, by, title: str, text: str, correction_reason: str = "", today=None) -> Problem:
    with transaction.atomic():
        inspection = _locked_inspection(problem.inspection, None, by)
        locked = Problem.objects.select_for_update().get(pk=problem.pk)
        locked.inspection = inspection
        actions.check("problem.update", by, locked)
        with changing(locked.inspection, by=by, correction_reason=correction_reason, today=today) as reason:
            scrub = identity_scrubber(locked)  # the text goes to the inspected organisation
            locked.title, locked.text = scrub(clean_title(title)), scrub((text or "").strip())
            locked.full_clean()
            locked._change_reason = reason
            locked.save()
            record_event("findings.problem.updated", actor=by, obj=locked.inspection, data={"problem": locked.pk})
        return locked


def promote_finding(
    finding: Finding,
    *,
    by,
    aspect: Aspect,
    item: Item | None = None,
    title: str = "",
    correction_reason: str = "",
    today=None,
) -> Problem:
    """Turn a finding into a feedback problem (its text becomes the details); once only."""
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        actions.check("finding.promote", by, finding)
        return add_problem(
            finding.inspection,
            by=by,
            aspect=aspect,
            item=item,
            title=title or finding.text.split("。")[0][:200],
            text=finding.text,
            organisation=finding.organisation,
            findings=[finding],
            correction_reason=correction_reason,
            today=today,
        )
