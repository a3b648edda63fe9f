"""Typical cases (典型案例): drafted from a problem or a concluded clue with the redaction rule
applied on every save, published for warning education and counted per term with their uses;
drafts are the office's alone, published cases are read across the committee's area."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.downloads import download_name
from tests.factories import dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.cases import domain
from xuncha.cases.models import TypicalCase
from xuncha.cases.queries import case_figures, cases_for_user
from xuncha.clues import domain as clues
from xuncha.petitions.domain import receive_petition
from xuncha.petitions.identity import Identity

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    inspection = dated_inspection(tree)
    office = user_with_role(Role.OFFICE, tree.city)
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    return {"inspection": inspection, "office": office, "problem": problem}


def _concluded_clue(tree, world, *, with_outcome=True):
    from tests.factories import OrganisationFactory
    from xuncha.orgs.enums import OrgKind

    inspection, office = world["inspection"], world["office"]
    petition = receive_petition(
        inspection, by=office, channel="letter", received_on=date(2021, 1, 20),
        content="王小明实名反映张三丰收受红包。", identity=Identity(name="王小明", phone="13900000000"),
    )
    clue = clues.create_clue(
        inspection, by=office, allegation="反映张三丰收受管理服务对象红包，王小明可作证。", source="petition",
        received_on=date(2021, 1, 21), persons=[{"name": "张三丰", "rank": "section", "position": "科长"}],
        petition=petition,
    )
    commission = OrganisationFactory(name="纪委", parent=tree.city, kind=OrgKind.DISCIPLINE_COMMISSION)
    reviewer = user_with_role(Role.DISCIPLINE_REVIEWER, tree.city)
    clue = clues.sign_clue(clue, by=office)
    clue = clues.sign_clue(clue, by=user_with_role(Role.OFFICE, tree.city))
    clue = clues.transfer_clue(clue, by=office, receiving_body=commission, receiving_kind="discipline",
                               on=date(2021, 3, 1))
    clue = clues.acknowledge_receipt(clue, by=reviewer, on=date(2021, 3, 2))
    clue = clues.record_handling(clue, by=reviewer, method="preliminary")
    clue = clues.conclude_clue(clue, by=reviewer, on=date(2021, 5, 1), conclusion="属实", dispositions={})
    if with_outcome:
        clues.record_outcome(clue, by=reviewer, person=clue.persons.get(), disposition="admonishment")
    return clue


def test_a_case_from_a_clue_names_nobody_and_hides_the_reporter(tree, world):
    clue = _concluded_clue(tree, world)
    case = domain.draft_from_clue(clue, by=world["office"])
    assert "张三丰" not in case.summary and "张某" in case.summary
    assert "王小明" not in case.summary and "〔已隐去〕" in case.summary
    assert "诫勉" in case.summary  # what came of it
    # an edit cannot bring the names back, nor can publishing
    case = domain.edit_case(case, by=world["office"], version=case.version,
                            summary="科长张三丰收受红包，经王小明举报查实。", lesson="张三丰的教训")
    assert "张三丰" not in case.summary + case.lesson and "王小明" not in case.summary
    case = domain.publish_case(case, by=world["office"])
    assert case.status == "published"
    for event in AuditEvent.objects.filter(action__startswith="cases."):
        assert "张三丰" not in str(event.data) and "王小明" not in str(event.data)


def test_a_clue_without_an_outcome_is_not_a_case_yet(tree, world):
    clue = _concluded_clue(tree, world, with_outcome=False)
    with pytest.raises(ValidationError):
        domain.draft_from_clue(clue, by=world["office"])


def test_drafts_are_the_offices_and_published_cases_are_read_across_the_area(tree, world, client):
    case = domain.draft_from_problem(world["problem"], by=world["office"])
    liaison = user_with_role(Role.LIAISON, tree.street)  # below the committee (the city)
    other_office = user_with_role(Role.OFFICE, tree.other_district)
    assert not cases_for_user(liaison).exists() and not cases_for_user(other_office).exists()
    client.force_login(liaison)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    domain.publish_case(case, by=world["office"])
    assert list(cases_for_user(liaison)) == [case]
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert case.title in page and 'data-testid="case-edit"' not in page
    assert client.post(f"/cases/{case.pk}/uses/add/", {"used_on": "2021-09-01", "occasion": "x",
                                                        "organisation": tree.street.pk}).status_code in (302, 404)
    assert not case.uses.exists()
    # the district office reading the city's case: read, not keep
    client.force_login(other_office)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.get(f"/cases/{case.pk}/edit/").status_code == 404


def test_the_figures_count_cases_and_uses_from_rows(tree, world, client):
    office = world["office"]
    published = domain.publish_case(domain.draft_from_problem(world["problem"], by=office), by=office)
    domain.draft_from_problem(world["problem"], by=office)
    client.force_login(office)
    response = client.post(f"/cases/{published.pk}/uses/add/", {"used_on": "2021-09-01", "occasion": "党性课堂",
                                                                 "organisation": tree.street.pk, "attendees": 40})
    assert response.status_code == 302
    domain.record_use(published, by=office, used_on=date(2021, 9, 9), occasion="警示教育大会",
                      organisation=tree.district, attendees=100)
    figures = case_figures(cases_for_user(office).filter(term=world["inspection"].term))
    assert (figures.published, figures.drafts, figures.uses, figures.attendees) == (1, 1, 2, 140)
    page = client.get(f"/cases/?term={world['inspection'].term_id}").content.decode()
    assert 'data-testid="cases-attendees">140<' in page
    name, plain = download_name(client.get("/cases/export.xlsx"))
    assert name.startswith("典型案例-") and name.endswith(".xlsx") and plain.startswith("cases-")


def test_drafting_from_the_pages(tree, world, client):
    client.force_login(world["office"])
    problem_page = client.get(f"/rectification/problems/{world['problem'].pk}/").content.decode()
    assert 'data-testid="draft-case"' in problem_page
    response = client.post(f"/cases/draft/problem/{world['problem'].pk}/")
    case = TypicalCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/edit/"
    client.post(f"/cases/{case.pk}/edit/", {"version": case.version, "title": "某街道问题", "summary": "经过",
                                             "tags": "工程项目，选人用人"})
    assert sorted(t.name for t in TypicalCase.objects.get().tags.all()) == ["工程项目", "选人用人"]
    client.force_login(user_with_role(Role.LEADERSHIP, tree.city))
    assert client.post(f"/cases/draft/problem/{world['problem'].pk}/").status_code == 404
    assert TypicalCase.objects.count() == 1
