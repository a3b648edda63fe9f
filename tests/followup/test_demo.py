"""The demo has a 回头看 of the current term's first-round inspection of 思明区委, one re-check of
each verdict, the rebound counted, and seed 004's published ledger untouched."""

import pytest

from xuncha.demo.loader import load_demo
from xuncha.followup.demo import EARLIER_TITLE, load_follow_up
from xuncha.followup.enums import Verdict
from xuncha.followup.models import ReCheck
from xuncha.inspections.models import Inspection
from xuncha.rectification.models import Rebound

pytestmark = pytest.mark.django_db


def test_demo_has_a_follow_up_with_one_verdict_of_each_kind():
    load_demo(casework=False, current=True)
    earlier = Inspection.objects.get(title=EARLIER_TITLE)
    (follow_up,) = earlier.follow_ups.all()
    verdicts = sorted(ReCheck.objects.filter(inspection=follow_up).values_list("verdict", flat=True))
    assert verdicts == sorted(Verdict.values)
    assert Rebound.objects.filter(problem__inspection=earlier).count() == 1
    assert follow_up.problems.count() == 2  # 不到位 and 反弹 go into the follow-up's feedback
    assert load_follow_up() is None and ReCheck.objects.count() == 3  # loaded once
