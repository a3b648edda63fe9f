"""The development guard: a request that may write fails when the tallies no longer equal a
recount afterwards; reads are not checked, and an agreeing database passes."""

from datetime import date

import pytest
from django.db.models import F

from tests.factories import dated_inspection, feedback_with_problems
from xuncha.rectification.models import ProblemTally
from xuncha.tallies.guard import TallyDrift

pytestmark = pytest.mark.django_db


@pytest.fixture
def guarded(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "xuncha.tallies.guard.tally_guard"]


@pytest.fixture
def inspection(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    feedback_with_problems(inspection, 2, organisation=tree.district)
    return inspection


def test_a_write_request_passes_while_the_tallies_agree(guarded, inspection, client):
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302


@pytest.mark.stale_tallies
def test_a_write_request_that_leaves_drift_fails(guarded, inspection, client):
    ProblemTally.objects.filter(inspection=inspection).update(problems=F("problems") + 1)  # as a forgotten call would
    assert client.get("/login/").status_code == 200  # a read is not checked
    with pytest.raises(TallyDrift, match="/i18n/setlang/"):
        client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})


def test_the_guard_is_off_in_the_test_settings(settings):
    assert "xuncha.tallies.guard.tally_guard" not in settings.MIDDLEWARE
