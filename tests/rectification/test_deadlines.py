"""The one rule of done, open, overdue and due soon: the query and its Python twin agree on
every combination of status, sign-off, deadline and archiving."""

import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems
from xuncha.rectification import deadlines
from xuncha.rectification import domain as rectification
from xuncha.rectification.enums import MeasureStatus, SignOff
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)
OFFSETS = [None, -30, -1, 0, 1, 19, 20, 21]  # deadline relative to TODAY


@pytest.mark.stale_tallies  # raw measures of every combination: a scene for the rules, not for the tallies
def test_queries_and_python_twins_agree(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problem = feedback_with_problems(inspection, 1, organisation=tree.district)[0]
    plan = rectification.start_plan(inspection, by=None, organisation=tree.district)
    template = rectification.add_measure(
        plan, by=None, problems=[problem], **complete_measure_fields(tree.street, deadline=TODAY)
    )
    combos = list(itertools.product(MeasureStatus.values, SignOff.values, OFFSETS, [False, True]))
    number = template.number
    for status, sign_off, offset, archived in combos:
        number += 1
        Measure.objects.create(
            plan=plan,
            number=number,
            status=status,
            sign_off=sign_off,
            deadline=None if offset is None else TODAY + timedelta(days=offset),
            archived_at=timezone.now() if archived else None,
        )
    measures = list(Measure.objects.filter(plan=plan))
    assert len(measures) == len(combos) + 1
    rules = [
        (deadlines.done_q(), deadlines.is_done),
        (deadlines.open_q(), deadlines.is_open),
        (deadlines.overdue_q(today=TODAY), lambda m: deadlines.is_overdue(m, today=TODAY)),
        (deadlines.due_soon_q(today=TODAY), lambda m: deadlines.is_due_soon(m, today=TODAY)),
    ]
    for query, twin in rules:
        by_query = set(Measure.objects.filter(plan=plan).filter(query).values_list("pk", flat=True))
        by_python = {m.pk for m in measures if twin(m)}
        assert by_query == by_python
        assert 0 < len(by_query) < len(measures)  # each rule separates the rows


def test_reported_done_is_open_until_signed_off():
    measure = Measure(status=MeasureStatus.DONE, sign_off=SignOff.REQUESTED, deadline=TODAY - timedelta(days=1))
    assert deadlines.is_open(measure) and deadlines.is_overdue(measure, today=TODAY)
    measure.sign_off = SignOff.APPROVED
    assert deadlines.is_done(measure) and not deadlines.is_overdue(measure, today=TODAY)


def test_the_deadline_day_is_not_overdue_and_ongoing_without_deadline_never_is():
    measure = Measure(status=MeasureStatus.IN_PROGRESS, deadline=TODAY)
    assert not deadlines.is_overdue(measure, today=TODAY) and deadlines.is_due_soon(measure, today=TODAY)
    assert deadlines.is_overdue(measure, today=TODAY + timedelta(days=1))
    ongoing = Measure(status=MeasureStatus.ONGOING, deadline=None, ongoing=True)
    assert not deadlines.is_overdue(ongoing, today=TODAY) and not deadlines.is_due_soon(ongoing, today=TODAY)
