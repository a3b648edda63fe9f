"""The questionnaire steps: offered exactly when the domain accepts them, for every user."""

import pytest
from django.utils import timezone

from tests.action_matrix import disagreements
from tests.surveys.conftest import shipped
from xuncha.surveys import domain

pytestmark = pytest.mark.django_db


def test_open_and_close_are_offered_exactly_when_taken(world):
    office = world["users"]["office"]
    users = list(world["users"].values())
    today = timezone.localdate()
    empty = domain.create_questionnaire(by=office, owner=world["tree"].city, title="空问卷", kind="satisfaction")
    questionnaires = [world["questionnaire"], empty, shipped("reverse")]

    def open_data(name, obj):
        return {"inspection": world["inspection"], "pages": [world["page"]], "opens_on": today, "closes_on": today}

    found, offered = disagreements(["questionnaire.open"], questionnaires, users, open_data)
    assert found == [] and offered == 1  # the office, on the questionnaire with questions

    closed = domain.open_windows(
        domain.copy_as_new_version(world["questionnaire"], by=office), by=office, inspection=world["inspection"],
        pages=[world["page"]], opens_on=today, closes_on=today,
    )[0]
    domain.close_window(closed, by=office)
    found, offered = disagreements(
        ["questionnaire_window.close"], [world["window"], closed], users, lambda name, obj: {}
    )
    assert found == [] and offered == 1
