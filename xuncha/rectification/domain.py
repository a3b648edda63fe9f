"""The rectification workflow: plan → submission (checked for the five points) → review
(office, optionally joint) → progress → sign-off, with red cards and rebounds.

Each function checks its guard, locks the rows it changes, saves and writes its audit event
in one transaction. Each function that writes what the summary tallies count calls `tallies`
in that transaction; a function that saves a measure more than once, or several measures,
defers the refresh to its end, so that the recount runs once and takes the inspection's lock after the row locks.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha import tallies
from xuncha.audit.domain import record_each, record_event
from xuncha.audit.lifecycle import ConcurrentEditError, archive, changes_since, clean_edited, save_versioned
from xuncha.audit.snapshots import Snapshot, write_snapshots
from xuncha.rectification import jointreview
from xuncha.rectification.enums import (
    MEASURE_TRANSITIONS,
    ChangeStatus,
    MeasureStatus,
    PlanStatus,
    SignOff,
)
from xuncha.rectification.models import (
    Flag,
    Measure,
    MeasureChange,
    Plan,
    ProgressUpdate,
    Rebound,
    Regulation,
    SignOffEvent,
)
from xuncha.workflow.actions import ActionRefused, check

MEASURE_FIELDS = (
    "target",
    "content",
    "leader",
    "responsible_person",
    "lead_unit",
    "deadline",
    "ongoing",
    "stage_target",
    "standard",
    "target_value",
    "value_unit",
)


def _user(by):
    return by if getattr(by, "pk", None) else None


def start_plan(inspection, *, by, organisation) -> Plan:
    """Start an organisation's plan. Whether it goes to joint review follows the term's setting
    for the inspection's kind (`jointreview`), never the inspected side's choice."""
    if not inspection.targets.filter(organisation=organisation).exists():
        raise ValidationError(_("%(org)s is not inspected by this inspection.") % {"org": organisation})
    if getattr(by, "pk", None) is not None:
        from xuncha.rectification.rules import plan_startable_organisations

        if not plan_startable_organisations(by, inspection).filter(pk=organisation.pk).exists():
            raise ActionRefused("plan.start")
    with transaction.atomic():
        joint = inspection.term.joint_review_applies(inspection.kind)
        plan = Plan(inspection=inspection, organisation=organisation, joint_review=joint)
        plan.full_clean()
        plan.save()
        record_event("rectification.plan.started", actor=by, obj=plan)
        return plan


def announce_plan_due(inspection, *, by) -> list:
    """Tell the inspected side that the feedback is given and by when its plan is due (called
    when the feedback date is set): each liaison who may start a plan for one of the
    inspection's organisations still without one and who may open the rectification page (it
    shows them a problem of theirs), linked to that page, where the plan is started. The
    notification names the inspection and the dates only."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import formats, translation

    from xuncha.accounts.enums import Role
    from xuncha.accounts.models import RoleGrant, User
    from xuncha.rectification.rules import overview_inspections, plan_startable_organisations
    from xuncha.supervision.notifications import notify

    if inspection.feedback_on is None or inspection.plan_due_on is None:
        return []
    planned = Plan.objects.active().filter(inspection=inspection).values("organisation_id")
    # only liaisons granted on an inspected organisation, above it or inside it can be concerned:
    # the per-user checks below then run for a handful, not for every liaison of a province
    near = Q(pk__in=[])
    for target in inspection.targets.select_related("organisation"):
        organisation = target.organisation
        near |= Q(organisation_id__in=[*organisation.ancestor_ids, organisation.pk])
        near |= Q(organisation__path__startswith=organisation.path)
    holders = RoleGrant.objects.active().filter(near, role=Role.LIAISON).values("user_id")
    candidates = User.objects.filter(is_active=True, pk__in=holders).exclude(pk=getattr(by, "pk", None))
    users = [
        u
        for u in candidates.order_by("pk")
        if plan_startable_organisations(u, inspection).exclude(pk__in=planned).exists()
        and overview_inspections(u).filter(pk=inspection.pk).exists()  # the link opens for them
    ]
    if not users:
        return []
    with translation.override(settings.LANGUAGE_CODE):  # stored once, in the office's language
        # the message's words (巡视意见 for a provincial inspection), never the typed title
        say = inspection.words.say
        title = say(_("%(inspection)s: feedback given on %(feedback)s; file the rectification plan by %(due)s")) % {
            "inspection": inspection.title,
            "feedback": formats.date_format(inspection.feedback_on),
            "due": formats.date_format(inspection.plan_due_on),
        }
    return notify(users, title=title, url=reverse("rectification:overview", args=[inspection.pk]))


def _stored(plan: Plan) -> Plan:
    """Guards read the stored status, never a possibly stale copy in memory."""
    return Plan.objects.select_related("inspection__term__owner", "organisation").get(pk=plan.pk)


def add_measure(plan: Plan, *, by, problems, units=(), **fields) -> Measure:
    """Add a measure; the five points may be completed later, but submission checks them all."""
    check("plan.add_measure", by, _stored(plan))
    problems = _checked_problems(plan, problems)
    with transaction.atomic(), tallies.deferred():
        number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
        measure = Measure(plan=plan, number=number, **fields)
        measure.full_clean()
        measure.save()
        measure.problems.set(problems)
        measure.units.set(units)
        tallies.measure_saved(measure)
        record_event("rectification.measure.added", actor=by, obj=measure)
        return measure


def _checked_problems(plan: Plan, problems) -> list:
    """A measure serves one or more problems of its own plan's inspection and organisation."""
    problems = list(problems)
    if not problems:
        raise ValidationError({"problems": _("Link the measure to at least one problem.")})
    if any(p.inspection_id != plan.inspection_id for p in problems):
        raise ValidationError({"problems": _("A problem belongs to another inspection.")})
    if any(p.organisation_id != plan.organisation_id for p in problems):
        raise ValidationError({"problems": _("A measure serves only problems of its own plan's organisation.")})
    return problems


def update_measure(
    measure: Measure, *, by, expected_version: int, problems=None, units=None, reason: str = "", **changes
) -> Measure:
    """Edit the five points. A save based on an older version is refused (ConcurrentEditError).

    Before the plan is approved the drafting side edits freely. Once it is approved, the
    measure's points are a commitment: the rectifying side asks for a change
    (`request_change`); the office, who decides such requests, edits directly, and its edit is
    recorded as a change approved at once, so that extensions are counted all the same."""
    unknown = set(changes) - set(MEASURE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    stored = Measure.objects.select_related("plan__inspection__term__owner", "plan__organisation").get(pk=measure.pk)
    check("measure.edit", by, stored)
    if problems is not None:
        problems = _checked_problems(stored.plan, problems)
    with transaction.atomic(), tallies.deferred():
        before = {name: _plain(getattr(stored, Measure._meta.get_field(name).attname)) for name in changes}
        saved = save_versioned(measure, expected_version=expected_version, changes=changes, reason=reason)
        if problems is not None:
            saved.problems.set(problems)
        if units is not None:
            saved.units.set(units)
        tallies.measure_saved(saved, before=stored, relinked=problems is not None)
        record_event("rectification.measure.updated", actor=by, obj=saved, data={"fields": sorted(changes)})
        if stored.plan.status == PlanStatus.APPROVED:
            after = {name: _plain(getattr(saved, Measure._meta.get_field(name).attname)) for name in changes}
            moved = {name: value for name, value in after.items() if value != before[name]}
            if moved:
                MeasureChange.objects.create(
                    measure=saved,
                    proposed=moved,
                    previous={name: before[name] for name in moved},
                    reason=reason.strip() or _("Edited by the office"),
                    requested_by=_user(by),
                    status=ChangeStatus.APPROVED,
                    decided_by=_user(by),
                    decided_at=timezone.now(),
                    extends_deadline=_extends(before.get("deadline"), moved.get("deadline")),
                )
        return saved


@dataclass(frozen=True)
class MeasureEdit:
    """One measure's edit in `update_measures`: the arguments of `update_measure`."""

    measure_id: int
    expected_version: int
    changes: dict
    problems: list | None = None
    units: list | None = None


class EditsRefused(Exception):
    """Some edits of `update_measures` were refused; nothing was written. `refusals` maps the
    position of each refused edit to its error (ValidationError or ConcurrentEditError)."""

    def __init__(self, refusals: dict[int, Exception]):
        self.refusals = refusals
        super().__init__(f"{len(refusals)} edits refused")


def update_measures(edits, *, by, reason: str = "") -> list[Measure]:
    """`update_measure` for each edit, all or none, with as many queries for 500 edits as for one.

    Each edit is held to what `update_measure` holds it to, in the same order: the step's guard
    and permission (`measure.edit`, on the stored row), the problems' plan, the optimistic
    version (ConcurrentEditError), the model's validation (`lifecycle.clean_edited`: full_clean
    with its look-ups made once for the batch). If any edit is refused nothing is written and
    EditsRefused names every refused edit; a refused permission raises at once, as there.
    Otherwise each measure is saved (one UPDATE for all), its links changed (one DELETE and one
    INSERT per link table), and it gets the history rows (`audit.snapshots`), audit event
    (`record_each`), approved change (approved plans) and tallies that `update_measure` gives
    it, in the order of `edits`. The rows are locked in id order."""
    edits = list(edits)
    for edit in edits:
        unknown = set(edit.changes) - set(MEASURE_FIELDS)
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
    ids = [edit.measure_id for edit in edits]
    if len(set(ids)) != len(ids):
        raise ValueError("one edit per measure")
    if not edits:
        return []
    links = {"problems": Measure.problems.through, "units": Measure.units.through}
    with transaction.atomic(), tallies.deferred():
        locked = {
            m.pk: m
            for m in Measure.objects.select_for_update(of=("self",))
            .select_related("plan__inspection__term__owner", "plan__organisation")
            .filter(pk__in=ids)
            .order_by("pk")
        }
        missing = set(ids) - set(locked)
        if missing:
            raise Measure.DoesNotExist(f"no measure {sorted(missing)}")
        rows = {name: {pk: [] for pk in ids} for name in links}
        for name, through in links.items():
            for row in through.objects.filter(measure_id__in=ids).order_by("pk"):
                rows[name][row.measure_id].append(row)
        refusals: dict[int, Exception] = {}
        accepted, befores, counted = [], {}, {}
        for index, edit in enumerate(edits):
            measure = locked[edit.measure_id]
            try:
                check("measure.edit", by, measure)
                problems = _checked_problems(measure.plan, edit.problems) if edit.problems is not None else None
                if measure.version != edit.expected_version:
                    raise ConcurrentEditError(measure, changes_since(measure, edit.expected_version, edit.changes))
            except (ValidationError, ConcurrentEditError) as error:
                refusals[index] = error
                continue
            befores[index] = {
                name: _plain(getattr(measure, Measure._meta.get_field(name).attname)) for name in edit.changes
            }
            counted[index] = tallies.counted_values(measure)
            for name, value in edit.changes.items():
                setattr(measure, name, value)
            measure.version = edit.expected_version + 1
            if reason:
                measure._change_reason = reason
            accepted.append((index, edit, problems))
        verdicts = clean_edited(
            [locked[edit.measure_id] for _i, edit, _p in accepted],
            [{*edit.changes, "version"} for _i, edit, _p in accepted],
        )
        for (index, _edit, _problems), error in zip(accepted, verdicts, strict=True):
            if error is not None:
                refusals[index] = error
        if refusals:
            raise EditsRefused(dict(sorted(refusals.items())))

        saved = [locked[edit.measure_id] for _i, edit, _p in accepted]
        fields = sorted({"version", *(name for _i, edit, _p in accepted for name in edit.changes)})
        Measure.objects.bulk_update(saved, fields)
        snapshots = _relink(accepted, locked, rows, links)
        write_snapshots(snapshots)
        tallies.measures_saved(
            locked[edit.measure_id]
            for index, edit, problems in accepted
            if problems is not None or counted[index] != tallies.counted_values(locked[edit.measure_id])
        )
        record_each(
            "rectification.measure.updated",
            actor=by,
            items=[(locked[edit.measure_id], {"fields": sorted(edit.changes)}) for _i, edit, _p in accepted],
        )
        approved = []
        for index, edit, _problems in accepted:
            measure = locked[edit.measure_id]
            if measure.plan.status != PlanStatus.APPROVED:
                continue
            before = befores[index]
            after = {name: _plain(getattr(measure, Measure._meta.get_field(name).attname)) for name in edit.changes}
            moved = {name: value for name, value in after.items() if value != before[name]}
            if moved:
                approved.append(
                    MeasureChange(
                        measure=measure,
                        proposed=moved,
                        previous={name: before[name] for name in moved},
                        reason=reason.strip() or _("Edited by the office"),
                        requested_by=_user(by),
                        status=ChangeStatus.APPROVED,
                        decided_by=_user(by),
                        decided_at=timezone.now(),
                        extends_deadline=_extends(before.get("deadline"), moved.get("deadline")),
                    )
                )
        MeasureChange.objects.bulk_create(approved)
        return saved


def _relink(accepted, locked, rows, links) -> list[Snapshot]:
    """Change the link rows as `problems.set()` then `units.set()` would for each measure, and
    describe the moments simple-history records: after the save (the links as they were), after
    each remove and after each add."""
    added_rows, removed = {name: [] for name in links}, {name: [] for name in links}
    plans = []  # per accepted edit: [(name, removed ids, [new rows])]
    for _index, edit, problems in accepted:
        steps = []
        for name, wanted in (("problems", problems), ("units", edit.units)):
            if wanted is None:
                continue
            through = links[name]
            target = "problem_id" if name == "problems" else "organisation_id"
            old = {getattr(row, target) for row in rows[name][edit.measure_id]}
            new_ids = []
            for item in wanted:
                pk = getattr(item, "pk", item)
                if pk in old:
                    old.discard(pk)
                elif pk not in new_ids:
                    new_ids.append(pk)
            gone = [row for row in rows[name][edit.measure_id] if getattr(row, target) in old]
            fresh = [through(measure_id=edit.measure_id, **{target: pk}) for pk in new_ids]
            removed[name] += gone
            added_rows[name] += fresh
            steps.append((name, gone, fresh))
        plans.append(steps)
    for name, through in links.items():
        if removed[name]:
            through.objects.filter(pk__in=[row.pk for row in removed[name]]).delete()
        through.objects.bulk_create(added_rows[name])
    snapshots = []
    for (_index, edit, _problems), steps in zip(accepted, plans, strict=True):
        measure = locked[edit.measure_id]
        current = {name: list(rows[name][edit.measure_id]) for name in links}
        snapshots.append(Snapshot(measure, {name: list(r) for name, r in current.items()}))
        for name, gone, fresh in steps:
            if gone:
                current[name] = [row for row in current[name] if row not in gone]
                snapshots.append(Snapshot(measure, {n: list(r) for n, r in current.items()}))
            if fresh:
                current[name] = current[name] + fresh
                snapshots.append(Snapshot(measure, {n: list(r) for n, r in current.items()}))
    return snapshots


CHANGEABLE_FIELDS = (
    "deadline", "ongoing", "stage_target", "target", "content", "leader", "responsible_person", "standard",
    "target_value",
)


def _plain(value):
    """A field value as JSON keeps it (dates as ISO text, decimals as text)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _extends(before: str | None, after: str | None) -> bool:
    """An extension (延期): a later deadline than before (ISO dates compare as text)."""
    return bool(before and after and after > before)


def request_change(measure: Measure, *, by, reason: str, **proposed) -> MeasureChange:
    """The rectifying side asks to change an approved measure's commitment (a later deadline,
    another target or standard), with a reason; nothing changes until the office decides."""
    unknown = set(proposed) - set(CHANGEABLE_FIELDS)
    if unknown:
        raise ValueError(f"not changeable here: {sorted(unknown)}")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the measure should change.")})
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        check("measure.request_change", by, locked)
        before = {name: _plain(getattr(locked, name)) for name in proposed}
        moved = {name: _plain(value) for name, value in proposed.items() if _plain(value) != before[name]}
        if not moved:
            raise ValidationError(_("Nothing would change: give the new values."))
        trial = Measure.objects.get(pk=locked.pk)
        for name, value in proposed.items():
            setattr(trial, name, value)
        trial.full_clean()  # the values must be valid now, not only when decided
        change = MeasureChange.objects.create(
            measure=locked,
            proposed=moved,
            previous={name: before[name] for name in moved},
            reason=reason.strip(),
            requested_by=_user(by),
        )
        record_event("rectification.measure.change_requested", actor=by, obj=locked, data={"fields": sorted(moved)})
        return change


def approve_change(change: MeasureChange, *, by) -> MeasureChange:
    """Apply the requested values to the measure (its history shows them) and count an
    extension when the deadline moves later. The warning ladder follows the new deadline."""
    with transaction.atomic(), tallies.deferred():
        locked = MeasureChange.objects.select_for_update().select_related("measure__plan").get(pk=change.pk)
        check("change.approve", by, locked)
        measure = Measure.objects.select_for_update().get(pk=locked.measure_id)
        values = {}
        for name, value in locked.proposed.items():
            values[name] = Measure._meta.get_field(name).to_python(value)
        saved = save_versioned(measure, expected_version=measure.version, changes=values, reason=locked.reason)
        tallies.measure_saved(saved, before=measure)
        locked.status, locked.decided_by, locked.decided_at = ChangeStatus.APPROVED, _user(by), timezone.now()
        locked.extends_deadline = _extends(locked.previous.get("deadline"), locked.proposed.get("deadline"))
        locked.save(update_fields=["status", "decided_by", "decided_at", "extends_deadline"])
        record_event(
            "rectification.measure.change_approved",
            actor=by,
            obj=measure,
            data={"fields": sorted(locked.proposed), "extension": locked.extends_deadline},
        )
        return locked


def refuse_change(change: MeasureChange, *, by, reason: str) -> MeasureChange:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the change is refused.")})
    with transaction.atomic():
        locked = MeasureChange.objects.select_for_update().select_related("measure__plan").get(pk=change.pk)
        check("change.refuse", by, locked)
        locked.status, locked.decided_by, locked.decided_at = ChangeStatus.REFUSED, _user(by), timezone.now()
        locked.decision_reason = reason.strip()
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        record_event("rectification.measure.change_refused", actor=by, obj=locked.measure)
        return locked


@dataclass(frozen=True)
class Gap:
    """One thing a plan is missing, for the refusal message."""

    measure: int | None
    problem: str | None
    missing: str


FIVE_POINTS = [
    ("target", lambda m: bool(m.target.strip()), "rectification target"),
    ("content", lambda m: bool(m.content.strip()), "measure"),
    ("leader", lambda m: bool(m.leader.strip()), "responsible leader"),
    ("units", lambda m: m.lead_unit_id is not None or m.units.exists(), "lead or responsible unit"),
    (
        "deadline",
        lambda m: m.deadline is not None or (m.ongoing and bool(m.stage_target.strip())),
        "deadline (or ongoing with a stage target)",
    ),
    ("standard", lambda m: bool(m.standard.strip()), "completion standard"),
    ("person", lambda m: bool(m.responsible_person.strip()), "person responsible"),
]


def plan_gaps(plan: Plan) -> list[Gap]:
    """Everything the plan lacks: per measure, the measure itself and each point the term
    requires (`Term.required_points`, 五定) not fixed; per problem of the inspected
    organisation, a missing measure."""
    labels = {
        "rectification target": _("rectification target"),
        "measure": _("measure"),
        "responsible leader": _("responsible leader"),
        "lead or responsible unit": _("lead or responsible unit"),
        "deadline (or ongoing with a stage target)": _("deadline (or ongoing with a stage target)"),
        "completion standard": _("completion standard"),
        "person responsible": _("person responsible"),
    }
    gaps = []
    measures = list(plan.measures.active().prefetch_related("units").order_by("number"))
    required = {"content", *plan.inspection.term.required_points}
    for measure in measures:
        for name, present, label in FIVE_POINTS:
            if name in required and not present(measure):
                gaps.append(Gap(measure.number, None, str(labels[label])))
    covered = set(
        Measure.problems.through.objects.filter(measure__in=[m.pk for m in measures]).values_list(
            "problem_id", flat=True
        )
    )
    for problem in plan.inspection.problems.filter(organisation=plan.organisation).order_by("position"):
        if problem.pk not in covered:
            gaps.append(Gap(None, problem.number, str(_("no measure"))))
    if not measures:
        gaps.append(Gap(None, None, str(_("no measure at all"))))
    return gaps


class PlanIncomplete(ValidationError):
    def __init__(self, gaps: list[Gap]):
        self.gaps = gaps
        messages = []
        for gap in gaps:
            if gap.measure is not None:
                messages.append(_("Measure %(n)s: missing %(what)s.") % {"n": gap.measure, "what": gap.missing})
            elif gap.problem is not None:
                messages.append(_("Problem (%(n)s) has no measure.") % {"n": gap.problem})
            else:
                messages.append(_("The plan has no measures."))
        super().__init__(messages, code="plan_incomplete")


def submit_plan(plan: Plan, *, by, on: date | None = None) -> Plan:
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        check("plan.submit", by, locked)
        gaps = plan_gaps(locked)
        if gaps:
            raise PlanIncomplete(gaps)
        locked.status, locked.submitted_on, locked.return_reason = PlanStatus.SUBMITTED, on, ""
        locked.joint_review = jointreview.plan_applies(locked)  # the term's setting at submission
        jointreview.end_round(locked)  # a new submission is reviewed afresh
        locked.version += 1
        locked.save()
        record_event("rectification.plan.submitted", actor=by, obj=locked, data={"late": is_late(locked, today=on)})
        return locked


def is_late(plan: Plan, *, today: date) -> bool:
    """Filed after the due date derived from the feedback, or still not filed past it. A plan
    filed with no date (imported from a report that does not say when the plan was issued) is
    not known to be late, and is not called so."""
    due = plan.inspection.plan_due_on
    if due is None:
        return False
    if plan.submitted_on is None and plan.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED):
        return False
    return (plan.submitted_on or today) > due


def return_plan(plan: Plan, *, by, reason: str) -> Plan:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan is returned.")})
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        check("plan.return", by, locked)
        locked.status, locked.return_reason = PlanStatus.RETURNED, reason.strip()
        jointreview.end_round(locked)  # the next submission is reviewed afresh
        locked.version += 1
        locked.save()
        record_event("rectification.plan.returned", actor=by, obj=locked)
        return locked


def approve_plan(plan: Plan, *, by, on: date | None = None) -> Plan:
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        check("plan.approve", by, locked)
        locked.status, locked.approved_on = PlanStatus.APPROVED, on or timezone.localdate()
        locked.version += 1
        locked.save()
        record_event("rectification.plan.approved", actor=by, obj=locked)
        return locked


def post_progress(measure: Measure, *, by, text: str, status: str, reading=None, evidence=()) -> ProgressUpdate:
    """A responsible unit reports progress and, optionally, moves the measure along."""
    if not text.strip():
        raise ValidationError({"text": _("Describe the progress.")})
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        check("measure.progress", by, locked)
        if status != locked.status:
            if status not in MEASURE_TRANSITIONS[locked.status]:
                raise ValidationError(
                    {
                        "status": _("A measure cannot go from %(a)s to %(b)s.")
                        % {"a": locked.get_status_display(), "b": MeasureStatus(status).label}
                    }
                )
            if status == MeasureStatus.ONGOING and not locked.ongoing:
                raise ValidationError({"status": _("Only a measure planned as ongoing can be reported as ongoing.")})
            locked.status = status
            locked.version += 1
            locked.save(update_fields=["status", "version"])
            tallies.measure_saved(locked)
        update = ProgressUpdate.objects.create(
            measure=locked, text=text.strip(), status=status, reading=reading, posted_by=_user(by)
        )
        if evidence:
            update.evidence.add(*evidence)
        record_event("rectification.measure.progress", actor=by, obj=locked, data={"status": status})
        return update


def request_sign_off(measure: Measure, *, by) -> Measure:
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        check("measure.request_sign_off", by, locked)
        locked.sign_off = SignOff.REQUESTED
        locked.joint_review = jointreview.sign_off_applies(locked)  # the term's setting at the request
        jointreview.end_round(locked)
        locked.version += 1
        locked.save(update_fields=["sign_off", "joint_review", "version"])
        tallies.measure_saved(locked)
        SignOffEvent.objects.create(measure=locked, action=SignOffEvent.Action.REQUEST, by=_user(by))
        record_event("rectification.measure.sign_off_requested", actor=by, obj=locked)
        return locked


def approve_sign_off(measure: Measure, *, by, on: date | None = None) -> Measure:
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        check("measure.approve_sign_off", by, locked)
        locked.sign_off, locked.signed_off_on = SignOff.APPROVED, on or timezone.localdate()
        locked.version += 1
        locked.save(update_fields=["sign_off", "signed_off_on", "version"])
        tallies.measure_saved(locked)
        SignOffEvent.objects.create(measure=locked, action=SignOffEvent.Action.APPROVE, by=_user(by))
        record_event("rectification.measure.signed_off", actor=by, obj=locked)
        return locked


def return_sign_off(measure: Measure, *, by, reason: str) -> Measure:
    """The office returns a sign-off request; the measure goes back to in progress."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the sign-off is returned.")})
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        check("measure.return_sign_off", by, locked)
        jointreview.end_round(locked)
        locked.sign_off, locked.status = SignOff.RETURNED, MeasureStatus.IN_PROGRESS
        locked.version += 1
        locked.save(update_fields=["sign_off", "status", "version"])
        tallies.measure_saved(locked)
        SignOffEvent.objects.create(
            measure=locked, action=SignOffEvent.Action.RETURN, reason=reason.strip(), by=_user(by)
        )
        record_event("rectification.measure.sign_off_returned", actor=by, obj=locked)
        return locked


def raise_flag(*, by, kind: str, reason: str, measure: Measure | None = None, problem=None) -> Flag:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the rectification is perfunctory or false.")})
    if (measure is None) == (problem is None):
        raise ValueError("flag exactly one of measure or problem")
    if measure is not None:
        check("measure.flag", by, measure)
    with transaction.atomic():
        flag = Flag(measure=measure, problem=problem, kind=kind, reason=reason.strip(), raised_by=_user(by))
        flag.full_clean()
        flag.save()
        target = measure or problem
        record_event(
            "rectification.flag.raised",
            actor=by,
            obj=flag,
            org_path=(measure.plan if measure else problem).inspection.term.owner.path,
            data={"kind": kind, "on": target._meta.model_name, "id": target.pk},
        )
        return flag


def clear_flag(flag: Flag, *, by, reason: str) -> Flag:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the red card is cleared.")})
    with transaction.atomic():
        locked = Flag.objects.select_for_update().get(pk=flag.pk)
        check("flag.clear", by, locked)
        locked.cleared_by, locked.cleared_at, locked.clear_reason = _user(by), timezone.now(), reason.strip()
        locked.save()
        record_event(
            "rectification.flag.cleared",
            actor=by,
            obj=locked,
            org_path=(locked.measure.plan if locked.measure else locked.problem).inspection.term.owner.path,
        )
        return locked


def reopen_problem(problem, *, by, reason: str) -> Rebound:
    """A signed-off problem came back (反弹回潮): count the rebound and send its measures back to work."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the problem is reopened.")})
    with transaction.atomic(), tallies.deferred():
        check("problem.reopen", by, problem)
        measures = Measure.objects.select_for_update().filter(problems=problem, archived_at__isnull=True)
        for measure in measures:
            measure.status, measure.sign_off, measure.signed_off_on = MeasureStatus.IN_PROGRESS, SignOff.NONE, None
            jointreview.end_round(measure)
            measure.version += 1
            measure._change_reason = reason.strip()
            measure.save(update_fields=["status", "sign_off", "signed_off_on", "version"])
            tallies.measure_saved(measure)
        rebound = Rebound.objects.create(problem=problem, reason=reason.strip(), reopened_by=_user(by))
        record_event("rectification.problem.reopened", actor=by, obj=problem.inspection, data={"problem": problem.pk})
        return rebound


def record_regulation(measure: Measure, *, by, title: str, issuer: str, issued_on: date, file=None) -> Regulation:
    check("measure.regulation", by, measure)
    with transaction.atomic():
        regulation = Regulation(
            measure=measure, title=title.strip(), issuer=issuer.strip(), issued_on=issued_on, file=file
        )
        regulation.full_clean()
        regulation.save()
        record_event("rectification.regulation.recorded", actor=by, obj=measure)
        return regulation


def archive_measure(measure: Measure, *, by, reason: str) -> Measure:
    """Archive a measure (entered twice, or replaced): it leaves the tallies, and a problem it
    alone served is not done again."""
    with transaction.atomic():
        archived = archive(measure, by=by, reason=reason)
        tallies.measure_saved(archived)
        return archived


def archive_plan(plan: Plan, *, by, reason: str) -> Plan:
    """Archive a plan (to be drawn up again): its measures leave the tallies with it."""
    with transaction.atomic():
        before = Plan.objects.get(pk=plan.pk)
        archived = archive(plan, by=by, reason=reason)
        tallies.plan_saved(archived, before=before)
        return archived
