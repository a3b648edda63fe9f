"""The demo holds the city's scheme for the current year (4 sections, 12 items, 100 points) and
appraisals of the six districts: five signed off (集美区 and 海沧区 tie) and 思明区's being
scored with one item left; 思明区委巡察办 reads nothing of it yet."""

import pytest
from django.utils import timezone

from xuncha.accounts.models import User
from xuncha.appraisal.demo import load_appraisal
from xuncha.appraisal.models import Appraisal, AppraisalItem, AppraisalScheme
from xuncha.appraisal.queries import appraisals_for_user, ranked
from xuncha.appraisal.scoring import result
from xuncha.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_table_reads_like_a_real_one():
    load_demo(casework=False, current=True)
    scheme = AppraisalScheme.objects.get(owner__code="350200", year=timezone.localdate().year)
    assert scheme.sections.count() == 4 and AppraisalItem.objects.filter(section__scheme=scheme).count() == 12
    assert result(Appraisal.objects.filter(scheme=scheme).first()).max_points == 100
    office = User.objects.get(username="office")
    rows = ranked(scheme, appraisals_for_user(office))
    assert [(r.subject.code, r.rank, str(r.total)) for r in rows] == [
        ("350206", 1, "93.50"),
        ("350211", 2, "86.50"),
        ("350205", 2, "86.50"),
        ("350212", 4, "77.50"),
        ("350213", 5, "65.00"),
        ("350203", None, "88.50"),
    ]
    assert rows[-1].unscored == 1
    siming = User.objects.get(username="office_siming")
    assert not appraisals_for_user(siming).exists()  # its own is still a draft
    load_appraisal()
    assert AppraisalScheme.objects.count() == 1 and Appraisal.objects.count() == 6
