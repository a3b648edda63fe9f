"""A questionnaire world: an inspection of 思明区 by the city's term with its 码上巡 page, the
city office, a team member on the inspection, the inspected organisation's liaison and the
office of another district; the shipped 民主测评 built into a questionnaire of the city's office
and opened on the page from yesterday for ten days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import PersonFactory, UserFactory, dated_inspection, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.public.publishing import publish_pages
from xuncha.staffing.domain import assign_member
from xuncha.surveys import domain
from xuncha.surveys.devices import new_device_id, signed
from xuncha.surveys.models import Questionnaire
from xuncha.surveys.starters import ensure_shipped_templates


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Every test starts below the public site's rate limits (xuncha.public.counters)."""
    from xuncha.public import counters

    counters.clear()
    yield
    counters.clear()


def shipped(kind: str) -> Questionnaire:
    """A shipped template (made by a migration; made again here after a transactional test
    flushed the tables)."""
    ensure_shipped_templates()
    return Questionnaire.objects.get(is_template=True, owner__isnull=True, kind=kind)


@pytest.fixture
def world(tree):
    inspection = dated_inspection(tree)
    office = user_with_role(Role.OFFICE, tree.city)
    member = PersonFactory(organisation=tree.city)
    team = UserFactory(organisation=tree.city, person=member)
    grant_role(by=None, grantee=team, role=Role.TEAM_MEMBER, organisation=tree.city)
    assign_member(inspection, by=None, person=member, role="member")
    (page,) = publish_pages(inspection, by=None)
    template = shipped("democratic")
    questionnaire = domain.create_questionnaire(
        by=office, owner=tree.city, title="对思明区委领导班子的民主测评", kind="democratic", source=template
    )
    today = timezone.localdate()
    (window,) = domain.open_windows(
        questionnaire, by=office, inspection=inspection, pages=[page],
        opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=10),
    )
    users = {
        "office": office,
        "team": team,
        "liaison": user_with_role(Role.LIAISON, tree.district),
        "outsider": user_with_role(Role.OFFICE, tree.other_district),
    }
    return {
        "tree": tree, "inspection": inspection, "page": page, "questionnaire": questionnaire,
        "window": window, "users": users,
    }


def question(questionnaire, order):
    return questionnaire.questions.get(order=order)


def option(questionnaire, order, text):
    return question(questionnaire, order).options.get(text=text)


def full_answers(questionnaire, *, identity="一般干部职工", scores=(5, 4, 4, 3), overall="较好", problems="否",
                 detail="", advice="") -> dict:
    """The form of the shipped 民主测评 as a browser posts it."""
    data = {
        f"q{question(questionnaire, 1).pk}": str(option(questionnaire, 1, identity).pk),
        f"q{question(questionnaire, 6).pk}": str(option(questionnaire, 6, overall).pk),
        f"q{question(questionnaire, 7).pk}": str(option(questionnaire, 7, problems).pk),
        f"q{question(questionnaire, 8).pk}": detail,
        f"q{question(questionnaire, 9).pk}": advice,
    }
    for order, value in zip((2, 3, 4, 5), scores, strict=True):
        data[f"q{question(questionnaire, order).pk}"] = str(value)
    return data


def answer_url(world) -> str:
    return f"/m/{world['page'].token}/q/{world['window'].pk}/"


def post_as_device(client, world, data, device=None, **extra):
    """Post the form from a device holding a cookie this site issued (signed) for `device`."""
    client.cookies["xuncha_device"] = signed(device or new_device_id())
    return client.post(answer_url(world), data, **extra)
