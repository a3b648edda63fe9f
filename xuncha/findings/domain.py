"""Writes to findings and the feedback tree.

Until the inspection's feedback date the tree is a draft and changes freely. From the
feedback date on it is frozen: a change needs a correction reason and opens a new feedback
version (`FeedbackRevision`), recorded with the rows' history in the same transaction.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.confidential.disclosure import identity_scrubber, scrub_copy
from xuncha.findings.enums import DEFAULT_CATEGORIES
from xuncha.findings.models import Aspect, Category, FeedbackRevision, Finding, Item, Problem
from xuncha.reports.parsing.numerals import int_to_chinese
from xuncha.workflow import actions


def _locked_inspection(inspection, step: str, by):
    """Lock the inspection (the tree's numbering and freezing are read under it) and check the step."""
    from xuncha.inspections.domain import locked

    inspection = locked(inspection)
    actions.check(step, by, inspection)
    return inspection


def ensure_default_categories() -> None:
    for position, name in enumerate(DEFAULT_CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"position": position})


def is_frozen(inspection, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return inspection.feedback_on is not None and inspection.feedback_on <= today


def feedback_version(inspection) -> int:
    """The feedback as given is version 1; each correction after freezing adds one."""
    return inspection.feedback_revisions.aggregate(v=Max("version"))["v"] or 1


def _guard(inspection, *, by, correction_reason: str, today: date | None) -> str:
    """Refuse edits of frozen feedback without a reason; with one, open the next version."""
    if not is_frozen(inspection, today=today):
        return ""
    reason = (correction_reason or "").strip()
    if not reason:
        raise ValidationError(
            _("The feedback was given on %(date)s and is frozen; a correction needs a reason.")
            % {"date": inspection.feedback_on}
        )
    version = feedback_version(inspection) + 1
    FeedbackRevision.objects.create(
        inspection=inspection, version=version, reason=reason, made_by=by if getattr(by, "pk", None) else None
    )
    record_event("findings.feedback.corrected", actor=by, obj=inspection, data={"version": version})
    return reason


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


def add_aspect(inspection, *, by, title: str, number: str = "", correction_reason: str = "", today=None) -> Aspect:
    with transaction.atomic():
        inspection = _locked_inspection(inspection, "inspection.add_aspect", by)
        reason = _guard(inspection, by=by, correction_reason=correction_reason, today=today)
        position = (inspection.aspects.aggregate(p=Max("position"))["p"] or 0) + 1
        aspect = Aspect(
            inspection=inspection, title=title.strip(), position=position, number=number or int_to_chinese(position)
        )
        aspect.full_clean()
        aspect._change_reason = reason
        aspect.save()
        record_event("findings.aspect.added", actor=by, obj=inspection, data={"aspect": aspect.pk})
        return aspect


def add_item(
    aspect: Aspect, *, by, title: str, number: str = "", correction_reason: str = "", today=None, inspection=None
) -> Item:
    """`inspection`, when given, is the one the step was taken on: the aspect must be its own."""
    if aspect is None or (inspection is not None and aspect.inspection_id != inspection.pk):
        raise ValidationError({"aspect": _("Choose an aspect of this inspection.")})
    with transaction.atomic():
        locked = _locked_inspection(aspect.inspection, "inspection.add_item", by)
        reason = _guard(locked, by=by, correction_reason=correction_reason, today=today)
        position = (aspect.items.aggregate(p=Max("position"))["p"] or 0) + 1
        item = Item(aspect=aspect, title=title.strip(), position=position, number=number or str(position))
        item.full_clean()
        item._change_reason = reason
        item.save()
        record_event("findings.item.added", actor=by, obj=aspect.inspection, data={"item": item.pk})
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
    number: str = "",
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
        reason = _guard(inspection, by=by, correction_reason=correction_reason, today=today)
        position = (inspection.problems.aggregate(p=Max("position"))["p"] or 0) + 1
        organisation = _concerned(inspection, organisation)
        scrub = identity_scrubber(*findings)  # the text goes to the inspected organisation
        problem = Problem(
            inspection=inspection,
            aspect=aspect,
            item=item,
            title=scrub(title.strip()),
            text=scrub(text),
            position=position,
            number=number or str(position),
            organisation=organisation,
        )
        problem.full_clean()
        problem._change_reason = reason
        problem.save()
        tallies.problem_saved(problem)
        if findings:
            problem.findings.add(*findings)
        record_event("findings.problem.added", actor=by, obj=inspection, data={"problem": problem.pk})
        return problem


def update_problem(problem: Problem, *, by, title: str, text: str, correction_reason: str = "", today=None) -> Problem:
    with transaction.atomic():
        locked = Problem.objects.select_for_update().get(pk=problem.pk)
        actions.check("problem.update", by, locked)
        reason = _guard(locked.inspection, by=by, correction_reason=correction_reason, today=today)
        scrub = identity_scrubber(locked)  # the text goes to the inspected organisation
        locked.title, locked.text = scrub(title.strip()), scrub(text)
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
