"""Writes of evaluation schemes and evaluations: each checks, writes and records its audit
event in one transaction; the evaluation's steps are declared in actions.py and checked here
under the row's lock."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.evaluation.enums import ConsequenceKind, EvaluationStatus, Method, Phase, Rule
from xuncha.evaluation.models import (
    Consequence,
    EnteredFigure,
    Evaluation,
    Item,
    ItemScore,
    Plate,
    RaterGroup,
    Scheme,
)
from xuncha.workflow.actions import check


def _user(by):
    return by if getattr(by, "pk", None) else None


def _editable(scheme: Scheme) -> Scheme:
    locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if locked.is_frozen:
        raise ValidationError(_("This scheme has been used by an evaluation: copy it as a new version to change it."))
    return locked


def create_scheme(*, by, owner, title: str, phased: bool = False, is_template: bool = False, **thresholds) -> Scheme:
    with transaction.atomic():
        scheme = Scheme(owner=owner, title=title.strip(), phased=phased, is_template=is_template, **thresholds)
        if not (scheme.excellent_from > scheme.good_from > scheme.fair_from):
            raise ValidationError(_("The thresholds must fall: 优秀 above 较好 above 一般."))
        scheme.full_clean()
        scheme.save()
        record_event("evaluation.scheme.created", actor=by, obj=scheme, org_path=owner.path)
        return scheme


def add_plate(scheme: Scheme, *, by, name: str, max_points: Decimal) -> Plate:
    with transaction.atomic():
        scheme = _editable(scheme)
        order = scheme.plates.count() + 1
        plate = Plate(scheme=scheme, order=order, name=name.strip(), max_points=max_points)
        plate.full_clean()
        plate.save()
        record_event("evaluation.scheme.changed", actor=by, obj=scheme, data={"plate": plate.pk})
        return plate


def add_item(
    plate: Plate,
    *,
    by,
    text: str,
    max_points: Decimal,
    method: str = Method.HAND,
    metric: str = "",
    rule: str = "",
    per_unit: Decimal = Decimal(0),
    text_is_ours: bool = False,
) -> Item:
    with transaction.atomic():
        _editable(plate.scheme)
        metric, rule, per_unit = _checked_rule(method, metric, rule, per_unit)
        item = Item(
            plate=plate,
            order=plate.items.count() + 1,
            text=text.strip(),
            max_points=max_points,
            method=method,
            metric=metric,
            rule=rule,
            per_unit=per_unit,
            text_is_ours=text_is_ours,
        )
        item.full_clean()
        item.save()
        record_event("evaluation.scheme.changed", actor=by, obj=plate.scheme, data={"item": item.pk})
        return item


def _checked_rule(method, metric, rule, per_unit):
    from xuncha.evaluation.metrics import REGISTRY

    if method == Method.COMPUTED:
        if metric not in REGISTRY:
            raise ValidationError({"metric": _("Choose the metric a computed indicator reads.")})
        if rule not in Rule.values:
            raise ValidationError({"rule": _("Choose the rule that turns the metric into points.")})
        if rule in (Rule.DEDUCT, Rule.ADD) and per_unit <= 0:
            raise ValidationError({"per_unit": _("State the points per unit.")})
        return metric, rule, per_unit
    return "", "", Decimal(0)


def _item_data(item: Item) -> dict:
    """What an indicator says, as the audit trail keeps it (its change and its removal)."""
    return {
        "item": item.pk, "plate": item.plate_id, "order": item.order, "text": item.text,
        "max_points": str(item.max_points), "method": item.method, "metric": item.metric, "rule": item.rule,
        "per_unit": str(item.per_unit), "text_is_ours": item.text_is_ours,
    }


def change_item(
    item: Item,
    *,
    by,
    plate: Plate,
    text: str,
    max_points: Decimal,
    method: str = Method.HAND,
    metric: str = "",
    rule: str = "",
    per_unit: Decimal = Decimal(0),
    text_is_ours: bool = False,
) -> Item:
    """Change an indicator of a scheme no evaluation has used yet (a used one is frozen: copy
    it as a new version). Moved to another plate, it goes last there and its old plate closes up."""
    with transaction.atomic():
        scheme = _editable(item.plate.scheme)
        locked = Item.objects.select_for_update().select_related("plate").get(pk=item.pk)
        if plate.scheme_id != scheme.pk:
            raise ValidationError({"plate": _("Choose a plate of this scheme.")})
        before = _item_data(locked)
        metric, rule, per_unit = _checked_rule(method, metric, rule, per_unit)
        old_plate = locked.plate
        if plate.pk != old_plate.pk:
            locked.order = plate.items.count() + 1
        locked.plate = plate
        locked.text, locked.max_points, locked.method = text.strip(), max_points, method
        locked.metric, locked.rule, locked.per_unit, locked.text_is_ours = metric, rule, per_unit, text_is_ours
        locked.full_clean()
        locked.save()
        if plate.pk != old_plate.pk:
            _close_up(old_plate)
        record_event("evaluation.scheme.changed", actor=by, obj=scheme, data={"before": before,
                                                                             "after": _item_data(locked)})
        return locked


def remove_item(item: Item, *, by) -> None:
    """Take an indicator out of a scheme no evaluation has used yet; the audit trail keeps what
    it said. The plate's other indicators close up."""
    with transaction.atomic():
        scheme = _editable(item.plate.scheme)
        locked = Item.objects.select_for_update().select_related("plate").get(pk=item.pk)
        removed = _item_data(locked)
        plate = locked.plate
        locked.delete()
        _close_up(plate)
        record_event("evaluation.scheme.changed", actor=by, obj=scheme, data={"removed": removed})


def _close_up(plate: Plate) -> None:
    for order, item in enumerate(plate.items.order_by("order", "pk"), start=1):
        if item.order != order:
            Item.objects.filter(pk=item.pk).update(order=order)


def add_group(scheme: Scheme, *, by, name: str, weight: Decimal = Decimal(1)) -> RaterGroup:
    with transaction.atomic():
        scheme = _editable(scheme)
        if scheme.groups.filter(name=name.strip()).exists():
            raise ValidationError({"name": _("This scheme already has a group of that name.")})
        group = RaterGroup(scheme=scheme, name=name.strip(), weight=weight)
        group.full_clean()
        group.save()
        record_event("evaluation.scheme.changed", actor=by, obj=scheme, data={"group": group.pk})
        return group


def copy_scheme(scheme: Scheme, *, by, owner=None, title: str = "", as_template: bool = False) -> Scheme:
    """A copy of `scheme` with its plates, items and groups. Without `owner`, a new version of
    the same scheme (version + 1, `previous` set): how a frozen scheme is changed. With
    `owner`, a scheme of that office built from a template (version 1)."""
    with transaction.atomic():
        source = Scheme.objects.select_for_update().get(pk=scheme.pk)
        versioned = owner is None
        copy = Scheme.objects.get(pk=source.pk)
        copy.pk = None
        copy.owner = source.owner if versioned else owner
        copy.title = title.strip() or source.title
        copy.is_template = source.is_template if versioned else as_template
        copy.version = source.version + 1 if versioned else 1
        copy.previous = source if versioned else None
        copy.save()
        for group in source.groups.all():
            RaterGroup.objects.create(scheme=copy, name=group.name, weight=group.weight)
        for plate in source.plates.prefetch_related("items"):
            new_plate = Plate.objects.create(
                scheme=copy, order=plate.order, name=plate.name, max_points=plate.max_points
            )
            Item.objects.bulk_create(
                Item(
                    plate=new_plate,
                    order=i.order,
                    text=i.text,
                    max_points=i.max_points,
                    method=i.method,
                    metric=i.metric,
                    rule=i.rule,
                    per_unit=i.per_unit,
                    text_is_ours=i.text_is_ours,
                )
                for i in plate.items.all()
            )
        record_event(
            "evaluation.scheme.versioned" if versioned else "evaluation.scheme.created",
            actor=by,
            obj=copy,
            org_path=copy.owner.path,
            data={"source": source.pk},
        )
        return copy


def start_evaluation(*, by, scheme: Scheme, organisation, term, inspection=None) -> Evaluation:
    with transaction.atomic():
        if scheme.is_template:
            raise ValidationError(_("A template is not used as it is: build a scheme from it."))
        if inspection is not None and inspection.term_id != term.pk:
            raise ValidationError({"inspection": _("The inspection belongs to another term.")})
        if not organisation.path.startswith(term.owner.path):
            raise ValidationError({"organisation": _("The organisation is outside the committee's area.")})
        evaluation = Evaluation(
            scheme=scheme, organisation=organisation, term=term, inspection=inspection, created_by=_user(by)
        )
        evaluation.full_clean()
        evaluation.save()
        record_event("evaluation.evaluation.created", actor=by, obj=evaluation, org_path=organisation.path)
        return evaluation


def _draft(evaluation: Evaluation) -> Evaluation:
    locked = Evaluation.objects.select_for_update().select_related("scheme").get(pk=evaluation.pk)
    if locked.status != EvaluationStatus.DRAFT:
        raise ValidationError(_("Scores are entered while the evaluation is a draft."), code="status")
    return locked


def score_item(
    evaluation: Evaluation,
    *,
    by,
    item: Item,
    score: Decimal,
    phase: str = Phase.SINGLE,
    group: RaterGroup | None = None,
    note: str = "",
    evidence=(),
) -> ItemScore:
    with transaction.atomic():
        locked = _draft(evaluation)
        scheme = locked.scheme
        errors = {}
        if item.plate.scheme_id != scheme.pk or item.method != Method.HAND:
            errors["item"] = _("Choose an indicator of this scheme that is scored by hand.")
        elif not Decimal(0) <= score <= item.max_points:
            errors["score"] = _("A score is between 0 and the indicator's max points (%(max)s).") % {
                "max": item.max_points
            }
        if scheme.phased and phase not in (Phase.BEFORE, Phase.AFTER):
            errors["phase"] = _("Say whether this score is 巡前 or 巡后.")
        if not scheme.phased and phase != Phase.SINGLE:
            errors["phase"] = _("This scheme is scored once.")
        if group is not None and group.scheme_id != scheme.pk:
            errors["group"] = _("Choose a rater group of this scheme.")
        if group is None and scheme.groups.exists():
            errors["group"] = _("Choose the rater group.")
        if errors:
            raise ValidationError(errors)
        row = ItemScore.objects.create(
            evaluation=locked, item=item, phase=phase, group=group, score=score, note=note.strip(), scorer=by
        )
        row.evidence.set(list(evidence))
        record_event(
            "evaluation.evaluation.scored", actor=by, obj=locked, data={"item": item.pk, "score": row.pk}
        )
        return row


def enter_figure(evaluation: Evaluation, *, by, item: Item, value: Decimal, source: str) -> EnteredFigure:
    with transaction.atomic():
        locked = _draft(evaluation)
        if item.plate.scheme_id != locked.scheme_id or item.method != Method.COMPUTED:
            raise ValidationError({"item": _("Choose a computed indicator of this scheme.")})
        if not source.strip():
            raise ValidationError({"source": _("Say where the figure comes from.")})
        figure, _created = EnteredFigure.objects.update_or_create(
            evaluation=locked, item=item, defaults={"value": value, "source": source.strip(), "entered_by": by}
        )
        record_event("evaluation.evaluation.scored", actor=by, obj=locked, data={"item": item.pk, "figure": figure.pk})
        return figure


def _lock(evaluation: Evaluation) -> Evaluation:
    return Evaluation.objects.select_for_update(of=("self",)).select_related("term__owner", "scheme").get(
        pk=evaluation.pk
    )


def submit_evaluation(evaluation: Evaluation, *, by) -> Evaluation:
    with transaction.atomic():
        locked = _lock(evaluation)
        check("evaluation.submit", by, locked)
        locked.status = EvaluationStatus.SUBMITTED
        locked.save(update_fields=["status"])
        record_event("evaluation.evaluation.submitted", actor=by, obj=locked, data={"from": EvaluationStatus.DRAFT})
        return locked


def return_evaluation(evaluation: Evaluation, *, by, reason: str) -> Evaluation:
    with transaction.atomic():
        locked = _lock(evaluation)
        check("evaluation.return", by, locked)
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for returning it.")})
        locked.status = EvaluationStatus.DRAFT
        locked.save(update_fields=["status"])
        record_event("evaluation.evaluation.returned", actor=by, obj=locked, data={"from": EvaluationStatus.SUBMITTED})
        return locked


def sign_off_evaluation(evaluation: Evaluation, *, by, today=None) -> Evaluation:
    """Signs off and keeps the total and grade as they are on that day: the term's ranked
    table and the 绩效考评 export use them; the evaluation page keeps recounting beside them."""
    from xuncha.evaluation.scoring import score

    with transaction.atomic():
        locked = _lock(evaluation)
        check("evaluation.sign_off", by, locked)
        result = score(locked, today=today or timezone.localdate())
        locked.status = EvaluationStatus.SIGNED_OFF
        locked.signed_off_by = _user(by)
        locked.signed_off_at = timezone.now()
        locked.signed_score = result.total
        locked.signed_grade = result.grade
        locked.save(update_fields=["status", "signed_off_by", "signed_off_at", "signed_score", "signed_grade"])
        record_event(
            "evaluation.evaluation.signed_off",
            actor=by,
            obj=locked,
            data={"score": str(result.total), "grade": result.grade},
        )
        return locked


def order_consequence(evaluation: Evaluation, *, by, kind: str) -> Consequence:
    """The one-click consequence of a 差, recorded once per kind.

    A 回头看 is started at once where it can be: the evaluation is of one inspection whose
    feedback has problems concerning the organisation, and the one ordering may start a
    follow-up of it (`inspection.create_follow_up`); the follow-up re-checks the evaluated
    organisation's problems (all of the inspection's, when the organisation was not one of its
    targets itself). Otherwise the order stands and the page links to where it is carried
    out. A 约谈 is carried out by recording the interview (supervision), which the page then
    shows against the order (`carried_out_interviews`)."""
    name = "evaluation.order_interview" if kind == ConsequenceKind.INTERVIEW else "evaluation.order_follow_up"
    with transaction.atomic():
        locked = _lock(evaluation)
        check(name, by, locked)
        consequence = Consequence.objects.create(evaluation=locked, kind=kind, ordered_by=_user(by))
        data = {"kind": kind}
        if kind == ConsequenceKind.FOLLOW_UP and (follow_up := _start_follow_up(locked, by)) is not None:
            consequence.follow_up = follow_up
            consequence.save(update_fields=["follow_up"])
            data["follow_up"] = follow_up.pk
        record_event("evaluation.evaluation.consequence_ordered", actor=by, obj=locked, data=data)
        return consequence


def _start_follow_up(evaluation: Evaluation, by):
    """The 回头看 of the evaluated inspection for the evaluated organisation, or None where it
    cannot be started now (no inspection, not offered to `by`, nothing to re-check)."""
    from xuncha.workflow import actions

    earlier = evaluation.inspection
    if earlier is None or not getattr(by, "pk", None):
        return None
    if not actions.get("inspection.create_follow_up").offered_to(by, earlier):
        return None
    from xuncha.followup.domain import create_follow_up

    targets = set(earlier.targets.values_list("organisation_id", flat=True))
    chosen = [evaluation.organisation] if evaluation.organisation_id in targets else None
    try:
        with transaction.atomic():
            return create_follow_up(earlier, by=by, organisations=chosen)
    except ValidationError:  # nothing of the organisation's to re-check: the order stands alone
        return None


def carried_out_interviews(evaluation: Evaluation, consequence: Consequence, user):
    """The interviews (约谈) of the evaluated organisation recorded since the order, that `user`
    may read: how the order was carried out."""
    from xuncha.supervision.queries import interviews_for_user

    return interviews_for_user(user).filter(
        organisation=evaluation.organisation, recorded_at__gte=consequence.ordered_at
    ).order_by("held_on", "pk")
