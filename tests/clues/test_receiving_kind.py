"""A reviewer reads only the clues received by a body of its own kind: the discipline reviewer
those sent to a discipline commission, the organisation reviewer those sent to an organisation
department, each within its granted subtree; the office may not store a kind that is not the
body's own."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import OrganisationFactory, dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.clues import domain
from xuncha.clues.enums import ClueStatus
from xuncha.orgs.enums import OrgKind

pytestmark = pytest.mark.django_db

BODIES = {
    "discipline": ("市纪委监委", OrgKind.DISCIPLINE_COMMISSION),
    "organisation": ("市委组织部", OrgKind.ORGANISATION_DEPARTMENT),
}
REVIEWER = {"discipline": Role.DISCIPLINE_REVIEWER, "organisation": Role.ORGANISATION_REVIEWER}


@pytest.fixture
def world(tree):
    inspection = dated_inspection(tree)
    office, second = user_with_role(Role.OFFICE, tree.city), user_with_role(Role.OFFICE, tree.city)
    bodies = {kind: OrganisationFactory(parent=tree.city, name=name, kind=org) for kind, (name, org) in BODIES.items()}
    clues = {}
    for kind, body in bodies.items():
        clue = domain.create_clue(
            inspection,
            by=office,
            allegation=f"{kind}线索：某科长违规收受购物卡",
            source="talk",
            received_on=date(2021, 1, 20),
            persons=[{"name": f"{kind}被反映人", "rank": "section"}],
        )
        clue = domain.sign_clue(domain.sign_clue(clue, by=office), by=second)
        clues[kind] = domain.transfer_clue(
            clue, by=office, receiving_body=body, receiving_kind=kind, on=date(2021, 2, 1)
        )
    return {"inspection": inspection, "office": office, "bodies": bodies, "clues": clues}


def _export_text(response) -> str:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return " ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row if v)


@pytest.mark.parametrize("kind", ["discipline", "organisation"])
@pytest.mark.parametrize("scope", ["city", "body"])
def test_reviewer_reads_only_clues_received_by_its_kind_of_body(tree, world, client, kind, scope):
    other = "organisation" if kind == "discipline" else "discipline"
    granted = tree.city if scope == "city" else world["bodies"][kind]
    reviewer = user_with_role(REVIEWER[kind], granted)
    client.force_login(reviewer)
    mine, theirs = world["clues"][kind], world["clues"][other]

    listing = client.get("/clues/").content.decode()
    export = _export_text(client.get("/clues/export.xlsx"))
    supervision = client.get("/clues/supervision/").content.decode()
    # positive control: its own kind's clue is on every channel
    assert f"{kind}线索" in listing and f"{kind}被反映人" in export
    assert client.get(f"/clues/{mine.pk}/").status_code == 200
    # the other kind's clue is on none of them
    assert f"{other}线索" not in listing and f"{other}线索" not in supervision
    assert f"{other}线索" not in export and f"{other}被反映人" not in export
    assert client.get(f"/clues/{theirs.pk}/").status_code == 404
    assert client.post(f"/clues/{theirs.pk}/acknowledge/", {"on": "2021-02-02"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ClueStatus.TRANSFERRED
    with pytest.raises(PermissionDenied):
        domain.acknowledge_receipt(theirs, by=reviewer, on=date(2021, 2, 2))
    assert domain.acknowledge_receipt(mine, by=reviewer, on=date(2021, 2, 2)).status == ClueStatus.ACKNOWLEDGED


def test_reviewer_outside_the_receiving_bodys_subtree_reads_nothing(tree, world, client):
    client.force_login(user_with_role(Role.DISCIPLINE_REVIEWER, tree.district))
    assert "discipline线索" not in client.get("/clues/").content.decode()
    assert client.get(f"/clues/{world['clues']['discipline'].pk}/").status_code == 404


def test_reviewer_holding_both_roles_reads_both(tree, world, client):
    from xuncha.accounts.domain import grant_role

    reviewer = user_with_role(Role.DISCIPLINE_REVIEWER, tree.city)
    grant_role(by=None, grantee=reviewer, role=Role.ORGANISATION_REVIEWER, organisation=tree.city)
    client.force_login(reviewer)
    listing = client.get("/clues/").content.decode()
    assert "discipline线索" in listing and "organisation线索" in listing


@pytest.mark.parametrize(("body", "kind"), [("organisation", "discipline"), ("discipline", "organisation")])
def test_transfer_naming_a_kind_other_than_the_bodys_is_refused(tree, world, body, kind):
    office = world["office"]
    clue = domain.create_clue(
        world["inspection"],
        by=office,
        allegation="线索",
        source="talk",
        received_on=date(2021, 1, 20),
        persons=[{"name": "乙某"}],
    )
    clue = domain.sign_clue(domain.sign_clue(clue, by=office), by=user_with_role(Role.OFFICE, tree.city))
    with pytest.raises(ValidationError, match="不一致"):
        domain.transfer_clue(
            clue, by=office, receiving_body=world["bodies"][body], receiving_kind=kind, on=date(2021, 2, 1)
        )
    clue.refresh_from_db()
    assert clue.status == ClueStatus.DUAL_SIGNED and clue.receiving_body_id is None
