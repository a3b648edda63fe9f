"""Computed items score from the ledger's rows: a recount done here from the raw rows gives the
same points, and one row's change (an overdue measure signed off) moves the score by exactly
the item's declared deduction."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.evaluation.conftest import computed_scheme, start
from xuncha.evaluation import domain
from xuncha.evaluation.enums import Grade, Method, Phase, Rule
from xuncha.evaluation.scoring import score
from xuncha.findings.models import Problem
from xuncha.rectification import domain as rectification
from xuncha.rectification.enums import FlagKind, MeasureStatus, SignOff
from xuncha.rectification.models import Measure, SignOffEvent


def _sign_off(measure, office):
    rectification.post_progress(measure, by=None, text="已完成", status=MeasureStatus.IN_PROGRESS)
    rectification.post_progress(measure, by=None, text="已完成", status=MeasureStatus.DONE)
    rectification.request_sign_off(measure, by=None)
    return rectification.approve_sign_off(measure, by=None)


def _recount(world, today):
    """The points counted straight from the rows, without the platform's metrics."""
    measures = list(Measure.objects.filter(plan__organisation=world.tree.district, archived_at__isnull=True))
    overdue = sum(
        1
        for m in measures
        if m.deadline
        and m.deadline < today
        and not (m.status in ("done", "ongoing") and m.sign_off == SignOff.APPROVED)
    )
    problems = list(Problem.objects.filter(organisation=world.tree.district, inspection=world.inspection))
    done = 0
    for p in problems:
        own = list(p.measures.all())
        if own and all(m.status in ("done", "ongoing") and m.sign_off == SignOff.APPROVED for m in own):
            done += 1
    returns = SignOffEvent.objects.filter(measure__in=measures, action="return").count()
    cards = sum(m.flags.count() for m in measures) + sum(p.flags.count() for p in problems)
    regulations = sum(m.regulations.count() for m in measures)
    rebounds = sum(p.rebounds.count() for p in problems)
    return {
        "overdue_measures": max(Decimal(0), 10 - 2 * overdue),
        "completion_rate": (Decimal(done) * 100 / len(problems)).quantize(Decimal("0.01")) * 20 / 100,
        "returned_sign_offs": max(Decimal(0), 5 - 1 * returns),
        "red_cards": max(Decimal(0), 6 - 3 * cards),
        "regulations": min(Decimal(5), Decimal(regulations)),
        "deadline_extensions": Decimal(4),
        "rebounds": max(Decimal(0), 10 - 5 * rebounds),
    }


def test_computed_items_equal_a_recount_of_the_rows(world):
    first, second, third = world.measures
    _sign_off(first, world.office)
    rectification.post_progress(second, by=None, text="推进中", status=MeasureStatus.IN_PROGRESS)
    rectification.post_progress(second, by=None, text="已完成", status=MeasureStatus.DONE)
    rectification.request_sign_off(second, by=None)
    rectification.return_sign_off(second, by=None, reason="佐证不足")
    rectification.raise_flag(by=None, kind=FlagKind.PERFUNCTORY, reason="敷衍", measure=third)
    rectification.record_regulation(first, by=None, title="议事规则", issuer="区委", issued_on=date(2022, 1, 5))
    rectification.record_regulation(first, by=None, title="财务制度", issuer="区委", issued_on=date(2022, 2, 5))
    scheme, items = computed_scheme(world.tree.city)
    evaluation = start(world, scheme)
    today = timezone.localdate()

    result = score(evaluation, today=today)
    expected = _recount(world, today)

    assert expected["overdue_measures"] == 6  # two of three still overdue: the recount can fail
    for key, points in expected.items():
        assert result.item(items[key].pk).score == Decimal(points).quantize(Decimal("0.01")), key
    assert result.total == Decimal(sum(expected.values())).quantize(Decimal("0.01"))
    # each deduction is itemised with its source row
    overdue = result.item(items["overdue_measures"].pk)
    assert {r.url for r in overdue.rows} == {f"/rectification/measures/{m.pk}/" for m in (second, third)}


def test_signing_off_an_overdue_measure_moves_the_score_by_the_declared_deduction(world):
    scheme, items = computed_scheme(world.tree.city, items=[("overdue_measures", Rule.DEDUCT, Decimal("2.5"), 10)])
    evaluation = start(world, scheme)
    today = timezone.localdate()
    before = score(evaluation, today=today)
    assert before.item(items["overdue_measures"].pk).score == Decimal("2.50")  # 3 overdue

    _sign_off(world.measures[0], world.office)

    after = score(evaluation, today=today)
    assert after.total - before.total == items["overdue_measures"].per_unit == Decimal("2.5")


def test_hand_scores_are_kept_per_group_and_phase_and_the_after_phase_counts(world):
    scheme = domain.create_scheme(by=None, owner=world.tree.city, title="巡前巡后", phased=True)
    plate = domain.add_plate(scheme, by=None, name="主体责任", max_points=Decimal(10))
    item = domain.add_item(plate, by=None, text="班子履责", max_points=Decimal(10))
    board = domain.add_group(scheme, by=None, name="镇党委班子", weight=Decimal(2))
    members = domain.add_group(scheme, by=None, name="村党员代表", weight=Decimal(1))
    evaluation = start(world, scheme)
    for phase, group, points in [
        (Phase.BEFORE, board, 4),
        (Phase.BEFORE, members, 6),
        (Phase.AFTER, board, 9),
        (Phase.AFTER, board, 7),
        (Phase.AFTER, members, 5),
    ]:
        domain.score_item(evaluation, by=world.office, item=item, score=Decimal(points), phase=phase, group=group)

    result = score(evaluation, today=timezone.localdate()).item(item.pk)

    before, after = result.phases
    assert before.score == (Decimal(4) * 2 + 6) / 3
    assert {g.name: g.mean for g in after.groups} == {"镇党委班子": 8, "村党员代表": 5}
    assert result.score == Decimal("7.00")  # (8 × 2 + 5) ÷ 3


def test_a_score_above_the_max_or_without_its_phase_is_refused(world):
    scheme = domain.create_scheme(by=None, owner=world.tree.city, title="巡前巡后", phased=True)
    plate = domain.add_plate(scheme, by=None, name="主体责任", max_points=Decimal(10))
    item = domain.add_item(plate, by=None, text="班子履责", max_points=Decimal(10))
    evaluation = start(world, scheme)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        domain.score_item(evaluation, by=world.office, item=item, score=Decimal(11), phase=Phase.AFTER)
    with pytest.raises(ValidationError):
        domain.score_item(evaluation, by=world.office, item=item, score=Decimal(5))
    assert not evaluation.scores.exists()


@pytest.mark.parametrize(
    ("total", "grade"),
    [(100, Grade.EXCELLENT), (90, Grade.EXCELLENT), ("89.99", Grade.GOOD), (80, Grade.GOOD), (60, Grade.FAIR),
     ("59.99", Grade.POOR), (0, Grade.POOR)],
)
def test_grades_at_the_thresholds(world, total, grade):
    scheme = domain.create_scheme(by=None, owner=world.tree.city, title="阈值")
    plate = domain.add_plate(scheme, by=None, name="综合", max_points=Decimal(100))
    item = domain.add_item(plate, by=None, text="综合评价", max_points=Decimal(100))
    evaluation = start(world, scheme)
    domain.score_item(evaluation, by=world.office, item=item, score=Decimal(total))

    assert score(evaluation, today=timezone.localdate()).grade == grade


def test_an_entered_figure_stands_in_where_no_rows_exist(world):
    scheme, items = computed_scheme(world.tree.city, items=[("democratic_rating", Rule.RATE, 0, 10)])
    evaluation = start(world, scheme)
    assert score(evaluation, today=timezone.localdate()).item(items["democratic_rating"].pk).score is None

    domain.enter_figure(
        evaluation, by=world.office, item=items["democratic_rating"], value=Decimal(85), source="纸质民主测评"
    )

    assert score(evaluation, today=timezone.localdate()).item(items["democratic_rating"].pk).score == Decimal("8.50")


def test_a_computed_item_needs_its_metric_and_rule(world):
    from django.core.exceptions import ValidationError

    scheme = domain.create_scheme(by=None, owner=world.tree.city, title="缺规则")
    plate = domain.add_plate(scheme, by=None, name="综合", max_points=Decimal(10))
    with pytest.raises(ValidationError):
        domain.add_item(plate, by=None, text="x", max_points=Decimal(5), method=Method.COMPUTED, metric="nope")
    with pytest.raises(ValidationError):
        domain.add_item(
            plate, by=None, text="x", max_points=Decimal(5), method=Method.COMPUTED, metric="rebounds", rule="deduct"
        )
    assert not plate.items.exists()
