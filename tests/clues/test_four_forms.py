"""The four forms (四种形态) per DOMAIN.md: the form follows from a person's outcome; 立案 is a
stage with its date, counted beside the forms until the outcome decides the form; 谈话函询 is a
way of handling a clue, not a form. The clue completion rate is concluded ÷ transferred."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.clues.test_workflow import setup  # noqa: F401  (the fixture)
from xuncha.audit.models import AuditEvent
from xuncha.clues import domain
from xuncha.clues.enums import FORM_OF, Disposition, HandlingMethod
from xuncha.clues.figures import clue_figures, people_handled
from xuncha.clues.models import Clue, CluePerson
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db

TRANSFERRED = date(2021, 2, 1)


def _handled(world, *, persons=3, conclude=True):
    """A clue of `persons` people, dual-signed, transferred, received and handled (and concluded)."""
    clue = domain.create_clue(
        world["inspection"],
        by=world["office"],
        allegation="反映有关人员违规问题",
        source="petition",
        received_on=date(2021, 1, 20),
        persons=[{"name": f"{n}某", "rank": "division", "position": "干部"} for n in "甲乙丙丁戊"[:persons]],
    )
    domain.sign_clue(clue, by=world["office"])
    domain.sign_clue(clue, by=world["second"])
    domain.transfer_clue(
        clue, by=world["office"], receiving_body=world["commission"], receiving_kind="discipline", on=TRANSFERRED
    )
    domain.acknowledge_receipt(clue, by=world["reviewer"], on=date(2021, 2, 3))
    clue = domain.record_handling(clue, by=world["reviewer"], method="preliminary")
    if conclude:
        clue = domain.conclude_clue(
            clue, by=world["reviewer"], on=date(2021, 4, 1), conclusion="已办结", dispositions={}
        )
    return clue, list(clue.persons.order_by("pk"))


def test_case_filed_is_a_stage_not_a_form_and_talk_inquiry_is_a_handling_method():
    assert "case_filed" not in Disposition.values and set(FORM_OF) == set(Disposition)
    assert FORM_OF[Disposition.PROSECUTION] == 4 and FORM_OF[Disposition.ADMONISHMENT] == 1
    assert "talk_inquiry" in HandlingMethod.values and "talk_inquiry" not in Disposition.values


def test_the_form_follows_from_the_outcome_recorded_after_the_case_was_filed(setup):  # noqa: F811
    clue, (person, *_) = _handled(setup)
    filed = domain.record_outcome(clue, by=setup["reviewer"], person=person, case_filed_on=date(2021, 3, 10))
    assert (filed.case_filed_on, filed.disposition, filed.form) == (date(2021, 3, 10), "", None)
    decided = domain.record_outcome(clue, by=setup["reviewer"], person=person.pk, disposition="heavy_sanction")
    assert (decided.case_filed_on, decided.form) == (date(2021, 3, 10), 3)  # the stage stays, the form follows
    event = AuditEvent.objects.filter(action="clues.clue.outcome_recorded").order_by("seq").last()
    assert event.data["person"] == person.pk and event.data["form"] == 3


def test_recording_an_outcome_is_a_declared_step_of_the_receiving_body(setup):  # noqa: F811
    clue, (person, *_) = _handled(setup, conclude=False)
    assert actions.get("clue.record_outcome").guard(clue) is None  # handled: open before conclusion
    with pytest.raises(PermissionDenied):
        actions.take(
            "clue.record_outcome", clue, by=setup["office"], data={"person": person.pk, "disposition": "criticism"}
        )
    actions.take(
        "clue.record_outcome",
        clue,
        by=setup["reviewer"],
        data={"person": person.pk, "case_filed_on": date(2021, 3, 10), "note": "五月立案审查"},
    )
    # the outcome months later, from the form with its note left blank: the earlier note stays
    actions.take(
        "clue.record_outcome",
        clue,
        by=setup["reviewer"],
        data={"person": person.pk, "disposition": "criticism", "note": ""},
    )
    person.refresh_from_db()
    assert person.form == 1 and person.disposition_note == "五月立案审查"


def test_recording_an_outcome_before_the_clue_is_handled_is_refused(setup):  # noqa: F811
    clue = setup["clue"]
    reason = actions.get("clue.record_outcome").guard(clue)
    assert reason and "处置方式" in reason


def test_an_outcome_needs_a_date_or_a_disposition_and_a_case_follows_the_transfer(setup):  # noqa: F811
    clue, (person, *_) = _handled(setup)
    with pytest.raises(ValidationError):
        domain.record_outcome(clue, by=setup["reviewer"], person=person)
    with pytest.raises(ValidationError):
        domain.record_outcome(clue, by=setup["reviewer"], person=person, disposition="case_filed")
    with pytest.raises(ValidationError):
        domain.record_outcome(clue, by=setup["reviewer"], person=person, case_filed_on=date(2021, 1, 5))
    with pytest.raises(ValidationError):
        domain.record_outcome(clue, by=setup["reviewer"], person=person, case_filed_on=date(2999, 1, 5))
    _, (stranger, *_) = _handled(setup, persons=1)
    with pytest.raises(ValidationError):
        domain.record_outcome(clue, by=setup["reviewer"], person=stranger, disposition="criticism")
    person.refresh_from_db()
    assert (person.case_filed_on, person.disposition) == (None, "")


def test_people_handled_count_case_filed_beside_the_forms(setup):  # noqa: F811
    clue, (a, b, c) = _handled(setup)
    record = domain.record_outcome
    record(clue, by=setup["reviewer"], person=a, case_filed_on=date(2021, 3, 1))  # awaiting its outcome
    record(clue, by=setup["reviewer"], person=b, case_filed_on=date(2021, 3, 1), disposition="light_sanction")
    record(clue, by=setup["reviewer"], person=c, disposition="admonishment")
    people = people_handled(CluePerson.objects.filter(clue__inspection=setup["inspection"]))
    assert (people.total, people.case_filed, people.with_outcome, people.awaiting_outcome) == (3, 2, 2, 1)
    assert {x.key: x.count for x in people.by_form} == {"1": 1, "2": 1}  # 立案 is none of the four
    assert {x.key: x.count for x in people.by_disposition} == {"light_sanction": 1, "admonishment": 1}


def test_clue_completion_rate_is_concluded_over_transferred(setup):  # noqa: F811
    _handled(setup)
    _handled(setup, conclude=False)
    # setup's own clue was received and never transferred: it is not in the rate
    figures = clue_figures(Clue.objects.filter(inspection=setup["inspection"]))
    assert (figures.received, figures.transferred, figures.concluded) == (3, 2, 1)
    assert figures.conclusion_rate == Decimal("50.00")


def test_concluding_with_the_retired_case_filed_value_files_the_case(setup):  # noqa: F811
    clue, (person, *_) = _handled(setup, persons=1, conclude=False)
    domain.conclude_clue(
        clue, by=setup["reviewer"], on=date(2021, 4, 1), conclusion="立案审查", dispositions={person.pk: "case_filed"}
    )
    person.refresh_from_db()
    assert (person.case_filed_on, person.disposition, person.form) == (date(2021, 4, 1), "", None)


def test_the_case_filed_count_drills_down_to_the_people_whose_case_was_filed(setup, client):  # noqa: F811
    clue, (a, b, _) = _handled(setup)
    domain.record_outcome(clue, by=setup["reviewer"], person=a, case_filed_on=date(2021, 3, 1))
    domain.record_outcome(clue, by=setup["reviewer"], person=b, disposition="criticism")
    client.force_login(setup["office"])
    query = f"inspection={setup['inspection'].pk}"
    page = client.get(f"/clues/figures/?{query}").content.decode()
    footer = page[page.index('data-testid="case-filed"') :]
    assert f'href="/clues/people/?case_filed=1&amp;{query}">1<' in footer
    assert "disposition=case_filed" not in page
    assert 'data-testid="clues-transferred">1<' in page
    listed = client.get(f"/clues/people/?case_filed=1&{query}").content.decode()
    assert "甲某" in listed and "乙某" not in listed and "丙某" not in listed
    bookmarked = client.get(f"/clues/people/?disposition=case_filed&{query}").content.decode()  # an old link
    assert "甲某" in bookmarked and "乙某" not in bookmarked
    everyone = client.get(f"/clues/people/?{query}").content.decode()
    assert "甲某" in everyone and "乙某" in everyone and "丙某" not in everyone  # 丙某: nothing recorded
    first_form = client.get(f"/clues/people/?form=1&{query}").content.decode()
    assert "乙某" in first_form and "甲某" not in first_form and "第一种形态" in first_form


def test_the_clue_page_records_the_outcome(setup, client):  # noqa: F811
    clue, (person, *_) = _handled(setup, persons=1)
    client.force_login(setup["reviewer"])
    page = client.get(f"/clues/{clue.pk}/").content.decode()
    assert 'data-testid="record-outcome"' in page and "记录处理结果" in page
    client.post(
        f"/clues/{clue.pk}/outcome/",
        {"person": person.pk, "case_filed_on": "2021-03-05", "disposition": ""},
    )
    person.refresh_from_db()
    assert person.case_filed_on == date(2021, 3, 5)
    assert "立案" in client.get(f"/clues/{clue.pk}/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_migration_turns_case_filed_dispositions_into_the_stage():
    executor = MigrationExecutor(connection)
    executor.migrate([("clues", "0001_initial")])
    old = executor.loader.project_state([("clues", "0001_initial")]).apps
    from tests.factories import OrganisationFactory, make_inspection, make_term
    from xuncha.orgs.enums import OrgLevel

    city = OrganisationFactory(name="中共厦门市委员会", level=OrgLevel.CITY)
    district = OrganisationFactory(name="湖里区委", level=OrgLevel.DISTRICT, parent=city)
    inspection = make_inspection(make_term(city), [district])
    OldClue, OldPerson = old.get_model("clues", "Clue"), old.get_model("clues", "CluePerson")
    clue = OldClue.objects.create(
        inspection_id=inspection.pk,
        serial=1,
        allegation="反映问题",
        source="petition",
        status="concluded",
        received_on=date(2021, 7, 1),
        transferred_on=date(2021, 7, 4),
        concluded_on=date(2021, 9, 1),
    )
    filed = OldPerson.objects.create(clue_id=clue.pk, name="甲某", disposition="case_filed")
    warned = OldPerson.objects.create(clue_id=clue.pk, name="乙某", disposition="admonishment")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    # every app: going back to clues 0001 unapplied the apps built on its later migrations
    executor.migrate(executor.loader.graph.leaf_nodes())

    filed, warned = CluePerson.objects.get(pk=filed.pk), CluePerson.objects.get(pk=warned.pk)
    assert (filed.case_filed_on, filed.disposition) == (date(2021, 9, 1), "")
    assert (warned.case_filed_on, warned.disposition, warned.form) == (None, "admonishment", 1)
