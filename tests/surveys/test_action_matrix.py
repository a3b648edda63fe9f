"""The questionnaire steps: offered exactly when the domain accepts them, for every user."""

import pytest
from django.utils import timezone

from tests.action_matrix import disagreements
from tests.factories import user_with_role
from tests.surveys.conftest import shipped
from xuncha.accounts.enums import Role
from xuncha.surveys import domain
from xuncha.surveys.rules import may_edit

pytestmark = pytest.mark.django_db


def test_open_and_close_are_offered_exactly_when_taken(world):
    office = world["users"]["office"]
    # the district's office edits its own questionnaires but runs no inspection with 码上巡 pages
    district_office = user_with_role(Role.OFFICE, world["tree"].district)
    users = [*world["users"].values(), district_office]
    today = timezone.localdate()
    empty = domain.create_questionnaire(by=office, owner=world["tree"].city, title="空问卷", kind="satisfaction")
    districts = domain.create_questionnaire(
        by=district_office, owner=world["tree"].district, title="区委问卷", kind="satisfaction",
        source=shipped("satisfaction"),
    )
    assert may_edit(district_office, districts)
    questionnaires = [world["questionnaire"], empty, shipped("reverse"), districts]

    def open_data(name, obj):
        return {"inspection": world["inspection"], "pages": [world["page"]], "opens_on": today, "closes_on": today}

    found, offered = disagreements(["questionnaire.open"], questionnaires, users, open_data)
    # the city's office, on its questionnaire with questions and on the district's (in its scope)
    assert found == [] and offered == 2

    closed = domain.open_windows(
        domain.copy_as_new_version(world["questionnaire"], by=office), by=office, inspection=world["inspection"],
        pages=[world["page"]], opens_on=today, closes_on=today,
    )[0]
    domain.close_window(closed, by=office)
    found, offered = disagreements(
        ["questionnaire_window.close"], [world["window"], closed], users, lambda name, obj: {}
    )
    assert found == [] and offered == 1
