"""An evaluation's score, worked out each time it is read.

* A computed item reads its metric (`metrics.read`) and applies its rule:
  - deduct: max points − points per unit × value, not below 0; each source row is one
    itemised deduction of `per_unit` points (until the floor);
  - rate: the rate (a percentage) × max points ÷ 100;
  - add: points per unit × value, up to max points.
  Where the metric has nothing to count, a figure entered for the item is used instead; with
  neither, the item scores nothing and says so.
* A hand item: each rater group's score is the mean of its raters' scores; the groups' scores
  are combined by their weights (weighted mean). Scores without a group count as one group.
  In a phased scheme (巡前/巡后) both phases are shown side by side and the 巡后 one counts.
* A plate's points are the sum of its items', capped at the plate's max points; the total is
  the sum of the plates' points; the grade follows the scheme's thresholds.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from xuncha.evaluation import metrics
from xuncha.evaluation.enums import Method, Phase, Rule

CENT = Decimal("0.01")


def points(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def apply_rule(item, value: Decimal) -> Decimal:
    if item.rule == Rule.DEDUCT:
        return max(Decimal(0), item.max_points - item.per_unit * value)
    if item.rule == Rule.RATE:
        return min(item.max_points, item.max_points * value / 100)
    if item.rule == Rule.ADD:
        return min(item.max_points, item.per_unit * value)
    raise ValueError(f"item {item.pk}: no rule")


@dataclass
class GroupScore:
    name: str
    weight: Decimal
    scores: list  # ItemScore rows
    mean: Decimal


@dataclass
class PhaseScore:
    phase: str
    groups: list[GroupScore]
    score: Decimal | None  # weighted mean of the groups, None when nobody scored


@dataclass
class ItemResult:
    item: object
    score: Decimal | None
    value: Decimal | None = None  # computed: the metric's value
    rows: tuple = ()  # computed: the source rows
    deduction: Decimal = Decimal(0)  # computed with rule deduct: points taken off
    entered: object = None  # the EnteredFigure used, if any
    phases: list[PhaseScore] = field(default_factory=list)  # hand

    @property
    def label(self):
        return metrics.REGISTRY[self.item.metric].label if self.item.metric in metrics.REGISTRY else ""


@dataclass
class PlateResult:
    plate: object
    items: list[ItemResult]
    score: Decimal


@dataclass
class Result:
    plates: list[PlateResult]
    total: Decimal
    grade: str
    max_points: Decimal

    def item(self, item_id) -> ItemResult:
        return next(r for p in self.plates for r in p.items if r.item.pk == item_id)


def _phase(phase: str, scores: list, groups: dict) -> PhaseScore:
    by_group = defaultdict(list)
    for score in scores:
        by_group[score.group_id].append(score)
    shown = []
    for group_id, rows in by_group.items():
        group = groups.get(group_id)
        mean = sum((r.score for r in rows), Decimal(0)) / len(rows)
        shown.append(GroupScore(group.name if group else "", group.weight if group else Decimal(1), rows, mean))
    weight = sum((g.weight for g in shown), Decimal(0))
    score = sum((g.mean * g.weight for g in shown), Decimal(0)) / weight if weight else None
    return PhaseScore(phase, shown, score)


def score(evaluation, *, today: date) -> Result:
    scheme = evaluation.scheme
    plates = list(scheme.plates.prefetch_related("items"))
    groups = {g.pk: g for g in scheme.groups.all()}
    hand = defaultdict(list)
    for row in evaluation.scores.select_related("scorer").prefetch_related("evidence"):
        hand[(row.item_id, row.phase)].append(row)
    entered = {f.item_id: f for f in evaluation.figures.all()}
    readings = {}  # one reading per metric
    phases = [Phase.BEFORE, Phase.AFTER] if scheme.phased else [Phase.SINGLE]
    results = []
    for plate in plates:
        items = []
        for item in plate.items.all():
            if item.method == Method.COMPUTED:
                if item.metric not in readings:
                    readings[item.metric] = metrics.read(
                        item.metric,
                        evaluation.organisation,
                        inspection=evaluation.inspection,
                        term=evaluation.term,
                        today=today,
                    )
                reading = readings[item.metric]
                value, figure = reading.value, None
                if value is None and item.pk in entered:
                    figure = entered[item.pk]
                    value = figure.value
                got = None if value is None else points(apply_rule(item, value))
                deduction = item.max_points - got if got is not None and item.rule == Rule.DEDUCT else Decimal(0)
                items.append(ItemResult(item, got, value, reading.rows, deduction, figure))
            else:
                shown = [_phase(p, hand[(item.pk, p)], groups) for p in phases]
                counted = shown[-1].score
                items.append(ItemResult(item, None if counted is None else points(counted), phases=shown))
        total = sum((r.score for r in items if r.score is not None), Decimal(0))
        results.append(PlateResult(plate, items, min(plate.max_points, total)))
    total = points(sum((p.score for p in results), Decimal(0)))
    return Result(results, total, scheme.grade_for(total), sum((p.max_points for p in plates), Decimal(0)))


def unscored(evaluation) -> int:
    """How many hand-scored indicators have no score in the phase that counts (巡后 in a phased
    scheme): an evaluation is submitted only when there are none."""
    from xuncha.evaluation.models import Item

    counted = Phase.AFTER if evaluation.scheme.phased else Phase.SINGLE
    scored = evaluation.scores.filter(phase=counted).values("item")
    return Item.objects.filter(plate__scheme=evaluation.scheme_id, method=Method.HAND).exclude(pk__in=scored).count()
