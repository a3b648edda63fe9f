"""Clues, petitions and reporter identities are invisible to every role outside the casework
that needs them: list, detail, export, search and figures; out of scope answers 404; every
read is in the access log."""

import io
from datetime import date

import openpyxl
import pytest

from tests.factories import OrganisationFactory, dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.clues import domain as clues
from xuncha.orgs.enums import OrgKind
from xuncha.petitions.domain import receive_petition
from xuncha.petitions.identity import Identity

pytestmark = pytest.mark.django_db
SECRET = "违规收受购物卡"
REPORTER = "举报人王小明"


@pytest.fixture
def case(tree):
    inspection = dated_inspection(tree)
    commission = OrganisationFactory(parent=tree.city, name="市纪委监委", kind=OrgKind.DISCIPLINE_COMMISSION)
    clue = clues.create_clue(
        inspection,
        by=None,
        allegation=f"反映某科长{SECRET}",
        source="talk",
        received_on=date(2021, 1, 20),
        persons=[{"name": "丁某", "rank": "section"}],
    )
    petition = receive_petition(
        inspection,
        by=None,
        channel="letter",
        received_on=date(2021, 1, 15),
        content=f"信访反映{SECRET}",
        identity=Identity(name=REPORTER, phone="13800009999"),
    )
    return {"inspection": inspection, "clue": clue, "petition": petition, "commission": commission}


def _pages(client, case):
    clue, petition = case["clue"], case["petition"]
    return {
        "clue list": client.get("/clues/"),
        "clue search": client.get("/clues/", {"q": SECRET}),
        "clue detail": client.get(f"/clues/{clue.pk}/"),
        "clue export": client.get("/clues/export.xlsx"),
        "supervision": client.get("/clues/supervision/"),
        "people": client.get("/clues/people/"),
        "petition list": client.get("/petitions/"),
        "petition search": client.get("/petitions/", {"q": SECRET}),
        "petition detail": client.get(f"/petitions/{petition.pk}/"),
        "petition export": client.get("/petitions/export.xlsx"),
        "figures": client.get("/clues/figures/"),
        "inspection": client.get(f"/inspections/{case['inspection'].pk}/"),
    }


def _leaks(response) -> bool:
    if response.status_code != 200:
        return False
    if response["Content-Type"].startswith("application/vnd.openxml"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        text = " ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row if v)
    else:  # the search box echoes the query itself; that is not a leak
        text = response.content.decode().replace(f'value="{SECRET}"', "")
    return SECRET in text or REPORTER in text


@pytest.mark.parametrize(
    "role",
    [
        Role.LIAISON,
        Role.RESPONSIBLE_UNIT,
        Role.LEADERSHIP,
        Role.ORGANISATION_REVIEWER,
        Role.SYSTEM_ADMIN,
        Role.SECURITY_ADMIN,
        Role.AUDITOR,
        Role.IDENTITY_READER,
    ],
)
@pytest.mark.parametrize("scope", ["city", "district"])
def test_no_leak_to_roles_outside_casework(tree, case, client, role, scope):
    client.force_login(user_with_role(role, getattr(tree, scope)))
    pages = _pages(client, case)
    leaking = [name for name, response in pages.items() if _leaks(response)]
    assert leaking == []
    assert pages["clue detail"].status_code == 404 and pages["petition detail"].status_code == 404
    if pages["figures"].status_code == 200 and role != Role.LEADERSHIP:
        assert 'data-testid="conclusion-rate">—' in pages["figures"].content.decode()


def test_discipline_reviewer_sees_a_clue_only_once_transferred_to_its_body(tree, case, client):
    reviewer = user_with_role(Role.DISCIPLINE_REVIEWER, case["commission"])
    client.force_login(reviewer)
    assert client.get(f"/clues/{case['clue'].pk}/").status_code == 404
    office, other = user_with_role(Role.OFFICE, tree.city), user_with_role(Role.OFFICE, tree.city)
    clue = clues.sign_clue(clues.sign_clue(case["clue"], by=office), by=other)
    clues.transfer_clue(
        clue, by=office, receiving_body=case["commission"], receiving_kind="discipline", on=date(2021, 2, 1)
    )
    assert client.get(f"/clues/{clue.pk}/").status_code == 200
    assert client.get(f"/petitions/{case['petition'].pk}/").status_code == 404  # the petition stays with the office


def test_office_reads_are_logged_and_identity_stays_sealed(tree, case, client):
    office = user_with_role(Role.OFFICE, tree.city)
    client.force_login(office)
    detail = client.get(f"/petitions/{case['petition'].pk}/").content.decode()
    assert SECRET in detail and REPORTER not in detail  # content yes, identity no
    client.get(f"/clues/{case['clue'].pk}/")
    assert _leaks(client.get("/clues/", {"q": SECRET}))  # positive control: the office finds it
    client.get("/clues/export.xlsx")
    logged = {
        (action, str(record.pk))
        for record in (case["clue"], case["petition"])
        for action in AuditEvent.objects.filter(actor=office).naming(record.pk).values_list("action", flat=True)
    }
    assert {
        ("clues.clue.viewed", str(case["clue"].pk)),
        ("clues.clue.listed", str(case["clue"].pk)),
        ("clues.clue.exported", str(case["clue"].pk)),
        ("petitions.petition.viewed", str(case["petition"].pk)),
    } <= logged
    petition_export = client.get("/petitions/export.xlsx")
    assert not any(
        REPORTER in str(v)
        for row in openpyxl.load_workbook(io.BytesIO(petition_export.content)).active.iter_rows(values_only=True)
        for v in row
    )


def test_reveal_through_the_page_is_logged_and_needs_a_reason(tree, case, client):
    from xuncha.accounts.domain import grant_role

    office = user_with_role(Role.OFFICE, tree.city)
    grant_role(by=None, grantee=office, role=Role.IDENTITY_READER, organisation=tree.city)
    client.force_login(office)
    url = f"/petitions/{case['petition'].pk}/"
    assert REPORTER not in client.post(url, {"step": "reveal", "category": "reply", "reason": ""}).content.decode()
    assert not AuditEvent.objects.filter(action="petitions.identity.revealed").exists()
    page = client.post(
        url, {"step": "reveal", "category": "reply", "reason": "核实反映人身份以便答复"}
    ).content.decode()
    assert REPORTER in page and "核实反映人身份以便答复" in page  # the reader sees the reasons given
    event = AuditEvent.objects.get(action="petitions.identity.revealed")
    assert event.actor == office and event.data["category"] == "reply" and "reason" not in event.data


def test_auditor_reads_the_access_log_and_nobody_can_edit_it(tree, case, client):
    office = user_with_role(Role.OFFICE, tree.city)
    client.force_login(office)
    client.get(f"/clues/{case['clue'].pk}/")
    auditor = user_with_role(Role.AUDITOR, tree.city)
    client.force_login(auditor)
    page = client.get("/audit/", {"action": "clues.clue.viewed"}).content.decode()
    assert "clues.clue.viewed" in page and office.username in page
    assert SECRET not in page  # the log names the clue, not its content
    event = AuditEvent.objects.filter(action="clues.clue.viewed").first()
    with pytest.raises(PermissionError):
        event.delete()
