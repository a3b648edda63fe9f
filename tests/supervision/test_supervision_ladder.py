from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.supervision.conftest import DEADLINE
from xuncha.supervision.configuration import set_warning_rules
from xuncha.supervision.enums import Recipient, WarningStep
from xuncha.supervision.ladder import DEFAULT_LADDER, build_ladder, ladder_for_term
from xuncha.supervision.models import WarningRule


def _step_on(today: date):
    step = DEFAULT_LADDER.step_on(DEADLINE, today)
    return step.step if step else None


@pytest.mark.parametrize(
    ("days_before_deadline", "expected"),
    [
        (21, None),
        (20, WarningStep.GREEN),
        (19, WarningStep.GREEN),
        (11, WarningStep.GREEN),
        (10, WarningStep.YELLOW),
        (9, WarningStep.YELLOW),
        (0, WarningStep.YELLOW),  # the deadline day itself is not overdue
        (-1, WarningStep.RED),  # the day after
        (-400, WarningStep.RED),
    ],
)
def test_default_ladder_step_at_each_boundary_day(days_before_deadline, expected):
    assert _step_on(DEADLINE - timedelta(days=days_before_deadline)) == expected


def test_default_recipients_climb_the_chain():
    assert [(s.step, s.recipients) for s in DEFAULT_LADDER.steps] == [
        (WarningStep.GREEN, (Recipient.HANDLER,)),
        (WarningStep.YELLOW, (Recipient.HANDLER, Recipient.RESPONSIBLE_LEADER)),
        (WarningStep.RED, (Recipient.LEAD_UNIT, Recipient.PRINCIPAL_LEADER)),
    ]


def test_a_rule_overrides_its_step_and_a_disabled_rule_removes_it():
    rules = [
        WarningRule(step="yellow", offset_days=-5, recipients=["office"], enabled=True),
        WarningRule(step="green", offset_days=-20, recipients=["handler"], enabled=False),
    ]
    ladder = build_ladder(rules)
    assert [(s.step, s.offset_days, s.recipients) for s in ladder.steps] == [
        (WarningStep.YELLOW, -5, ("office",)),
        (WarningStep.RED, 1, (Recipient.LEAD_UNIT, Recipient.PRINCIPAL_LEADER)),
    ]
    assert ladder.step_on(DEADLINE, DEADLINE - timedelta(days=6)) is None
    assert ladder.step_on(DEADLINE, DEADLINE - timedelta(days=5)).step == WarningStep.YELLOW


@pytest.mark.django_db
def test_term_configuration_overrides_the_defaults(tree):
    from tests.factories import make_term

    term = make_term(tree.city)
    assert ladder_for_term(term) == DEFAULT_LADDER
    set_warning_rules(
        term,
        by=None,
        steps={
            "green": {"enabled": True, "offset_days": -30, "recipients": ["handler", "office"]},
            "red": {"enabled": True, "offset_days": 3, "recipients": ["principal_leader"]},
        },
    )
    ladder = ladder_for_term(term)
    assert [(s.step, s.offset_days) for s in ladder.steps] == [("green", -30), ("yellow", -10), ("red", 3)]
    assert ladder.lead_days == 30


@pytest.mark.django_db
def test_a_ladder_out_of_order_is_refused_and_nothing_saved(tree):
    from tests.factories import make_term

    term = make_term(tree.city)
    with pytest.raises(ValidationError) as caught:
        set_warning_rules(term, by=None, steps={"yellow": {"offset_days": -25, "recipients": ["handler"]}})
    assert caught.value.error_list[0].code == "order"
    with pytest.raises(ValidationError):
        set_warning_rules(term, by=None, steps={"green": {"offset_days": -20, "recipients": []}})
    with pytest.raises(ValidationError):
        set_warning_rules(term, by=None, steps={"red": {"offset_days": 0, "recipients": ["office"]}})
    with pytest.raises(ValidationError):
        set_warning_rules(term, by=None, steps={"green": {"offset_days": -20, "recipients": ["nobody"]}})
    assert not WarningRule.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_red_step_before_the_deadline(tree):
    from tests.factories import make_term

    term = make_term(tree.city)
    with pytest.raises(IntegrityError):
        WarningRule.objects.create(term=term, step="red", offset_days=0, recipients=["office"])
