"""Every declared clue step × every state × every role: what the page offers and what the
domain accepts agree; a step not offered is refused by the domain itself."""

from datetime import date

import pytest

from tests.action_matrix import disagreements
from tests.clues.test_workflow import setup  # noqa: F401  (the fixture)
from tests.factories import OrganisationFactory, user_with_role
from xuncha.accounts.enums import Role
from xuncha.clues import domain
from xuncha.clues.models import Clue
from xuncha.orgs.enums import OrgKind
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db

DAY = date(2021, 3, 1)


def _input(name, clue, world):
    return {
        "clue.transfer": {"receiving_body": world["commission"], "receiving_kind": "discipline", "on": DAY},
        "clue.acknowledge": {"on": DAY},
        "clue.handling": {"method": "preliminary", "note": ""},
        "clue.conclude": {"on": DAY, "conclusion": "属实", "dispositions": {}},
        "clue.report_back": {"on": DAY},
        "clue.record_outcome": {"person": clue.persons.first().pk, "disposition": "criticism"},
    }.get(name, {})


def _new(world):
    return domain.create_clue(
        world["inspection"], by=world["office"], allegation="某科长违规", source="petition",
        received_on=date(2021, 1, 20), persons=[{"name": "乙某", "rank": "section", "position": "科长"}],
    )


def test_offering_and_taking_agree_for_clues(setup, tree):  # noqa: F811
    world = setup
    office, second, reviewer = world["office"], world["second"], world["reviewer"]
    states = {"received": _new(world)}
    half = _new(world)
    domain.sign_clue(half, by=office)
    states["signed once"] = half
    signed = _new(world)
    domain.sign_clue(signed, by=office)
    domain.sign_clue(signed, by=second)
    states["dual signed"] = signed
    steps = [
        ("transferred", lambda c: domain.transfer_clue(c, by=office, receiving_body=world["commission"],
                                                        receiving_kind="discipline", on=date(2021, 2, 1))),
        ("acknowledged", lambda c: domain.acknowledge_receipt(c, by=reviewer, on=date(2021, 2, 2))),
        ("handled", lambda c: domain.record_handling(c, by=reviewer, method="preliminary")),
        ("concluded", lambda c: domain.conclude_clue(c, by=reviewer, on=date(2021, 2, 3), conclusion="属实",
                                                     dispositions={})),
        ("reported", lambda c: domain.report_back(c, by=reviewer, on=date(2021, 2, 4))),
    ]
    for state, _step in steps:
        clue = _new(world)
        domain.sign_clue(clue, by=office)
        domain.sign_clue(clue, by=second)
        for _state, earlier in steps[: [s for s, _f in steps].index(state) + 1]:
            clue = earlier(Clue.objects.get(pk=clue.pk))
        states[state] = clue
    organisation_department = OrganisationFactory(
        parent=tree.city, name="市委组织部", kind=OrgKind.ORGANISATION_DEPARTMENT
    )
    users = [
        office, second, reviewer,
        user_with_role(Role.ORGANISATION_REVIEWER, organisation_department),
        user_with_role(Role.LIAISON, tree.district),
        user_with_role(Role.LEADERSHIP, tree.city),
        user_with_role(Role.SYSTEM_ADMIN, tree.city),
    ]
    names = [n for n, a in actions.REGISTRY.items() if a.model == "clues.Clue"]
    assert len(names) == 8  # the seven of its handling, and drafting a typical case (xuncha/cases)
    found, offered_count = disagreements(names, list(states.values()), users, lambda n, c: _input(n, c, world))
    assert found == []
    assert offered_count >= 8  # each step is offered to someone in some state (sign to two people)
