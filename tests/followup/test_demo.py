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


def test_the_demos_follow_up_pages_open(client):
    """The demo's verdicts were recorded by the loader (no user): the pages still show them."""
    from tests.factories import user_with_role
    from xuncha.accounts.enums import Role
    from xuncha.orgs.models import Organisation

    load_demo(casework=False, current=True)
    follow_up = Inspection.objects.get(title=EARLIER_TITLE).follow_ups.get()
    client.force_login(user_with_role(Role.OFFICE, Organisation.objects.get(code="350200")))
    for url in (f"/followup/{follow_up.pk}/rechecks/", f"/inspections/{follow_up.pk}/",
                f"/inspections/{follow_up.follows_up_id}/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "整改不到位" in client.get(f"/followup/{follow_up.pk}/rechecks/").content.decode()
