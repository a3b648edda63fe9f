"""The demo opens the 民主测评 on the 码上巡 page of the current inspection of 梧村街道, with a
handful of responses, once."""

import pytest

from xuncha.demo.loader import load_demo
from xuncha.surveys.demo import RESPONSES, TITLE, load_surveys
from xuncha.surveys.figures import figures
from xuncha.surveys.models import Questionnaire, Response, Window

pytestmark = pytest.mark.django_db


def test_demo_opens_the_democratic_rating_with_responses():
    load_demo(casework=False, current=True)
    questionnaire = Questionnaire.objects.get(title=TITLE)
    (window,) = Window.objects.filter(questionnaire=questionnaire)
    assert window.is_open() and window.page.organisation_name == "梧村街道党工委"
    assert Response.objects.filter(window=window).count() == len(RESPONSES)
    assert figures(questionnaire, [window]).responses == len(RESPONSES)
    load_surveys()
    assert Response.objects.count() == len(RESPONSES)  # loaded once
