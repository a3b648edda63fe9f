"""The demo shows meaningful rates by level and a non-empty 清零 list (issue 17)."""

import pytest
from django.core.management import call_command

from xuncha.accounts.models import User
from xuncha.demo.loader import load_demo
from xuncha.plans.models import Term
from xuncha.rectification import levels

pytestmark = pytest.mark.django_db


def test_demo_levels_and_clearance():
    load_demo()
    office = User.objects.get(username="office")
    terms = levels.visible_terms(office)
    current = Term.objects.get(name="十三届市委")
    figures = levels.level_rates(office, current, terms)
    labels = [r.label for r in figures.by_level]
    assert labels == ["市委巡察", "区委巡察"]
    assert figures.by_level[1].rectification_rate == 100
    carry = levels.carry_over(office, current, terms)
    assert carry.previous.name == "十二届市委"
    assert (carry.open_at_end, carry.closed_since, carry.still_open) == (3, 1, 2)
    rows = list(levels.CLEARANCE.rows(office, {"term": str(carry.previous.pk)}))
    assert len(rows) == 2 and {m.plan.organisation.code for m in rows} == {"350206"}
    assert levels.CLEARANCE.rows(office, {}).count() > 2  # the provincial 巡视's open measures too
    call_command("tally", "--check")  # the demo's rows were written through the domain: tallies agree
