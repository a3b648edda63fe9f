from datetime import date

import pytest

from tests.factories import dated_inspection
from xuncha.clues import domain
from xuncha.clues.models import Clue
from xuncha.clues.supervision import escalated, is_escalated, months_waiting, result_overdue, weekly_list

pytestmark = pytest.mark.django_db


def _clue(inspection, received_on):
    return domain.create_clue(
        inspection, by=None, allegation="线索", source="talk", received_on=received_on, persons=[{"name": "甲"}]
    )


@pytest.mark.parametrize(("received", "escalates"), [(date(2024, 1, 15), True), (date(2024, 1, 16), False)])
def test_six_month_escalation_boundary(tree, received, escalates):
    clue = _clue(dated_inspection(tree), received)
    today = date(2024, 7, 15)
    assert is_escalated(clue, today=today) is escalates
    assert (clue in escalated(Clue.objects.all(), today=today)) is escalates


def test_concluded_clues_are_not_escalated_and_weekly_list_orders_oldest_first(tree):
    inspection = dated_inspection(tree)
    old, older = _clue(inspection, date(2023, 9, 1)), _clue(inspection, date(2023, 3, 1))
    done = _clue(inspection, date(2023, 1, 1))
    Clue.objects.filter(pk=done.pk).update(status="concluded", concluded_on=date(2023, 6, 1))
    listing = weekly_list(Clue.objects.all(), today=date(2024, 7, 17))
    assert listing.week_of == date(2024, 7, 15)
    assert listing.clues == [older, old]
    assert months_waiting(older, today=date(2024, 7, 17)) == 16


def test_result_due_back_three_months_after_transfer(tree):
    clue = _clue(dated_inspection(tree), date(2024, 1, 1))
    clue.report_due_on = date(2024, 4, 1)
    assert not result_overdue(clue, today=date(2024, 4, 1))
    assert result_overdue(clue, today=date(2024, 4, 2))
