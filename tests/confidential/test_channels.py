"""Every confidential field, every channel, every role: a field reaches exactly the roles that may
read it, through the page, the change history shown on it, the Excel exports, the audit log page
and export, the notifications and the API. The allowed roles are the positive control: the
same walk that must not find a field for one role must find it for another.

The case: a petition with a sealed identity is revealed (with a reason in the reader's words),
handed over as an immediate fix whose answer to the reporter names the reporter; a second
petition becomes a finding and then a feedback problem the inspected side reads; a clue with a
person concerned is transferred to the discipline commission; an indicator is named."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from tests.factories import OrganisationFactory, PersonFactory, UserFactory, dated_inspection, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.clues import domain as clues
from xuncha.findings import domain as findings
from xuncha.findings.models import Category
from xuncha.inspections.domain import add_indicator
from xuncha.orgs.enums import OrgKind
from xuncha.petitions import domain as petitions
from xuncha.petitions.identity import Identity, reveal
from xuncha.staffing.domain import assign_member

pytestmark = pytest.mark.django_db

REPORTER, PHONE = "王小明", "13800009999"
PETITION_TEXT = "信访原文甲乙丙"
REASON = "答复前核对反映人身份丁戊"
ANSWER = "整改结果已答复己庚"
ALLEGATION = "违规收受购物卡辛壬"
CONCERNED = "被反映人癸某"
PROBLEM = "社区补贴发放不规范子丑"
INDICATOR = "专项指标寅卯辰"

# Who may read each field on the GET channels (page, history, exports, audit log, notifications,
# API). The reporter's identity is read by nobody without a reveal (see the last test).
READERS = {
    REPORTER: set(),
    PHONE: set(),
    PETITION_TEXT: {"office", "team"},
    REASON: {"office"},  # the identity reader who may reveal; never the auditor
    ANSWER: {"office", "team"},  # never the unit the fix was handed to
    ALLEGATION: {"office", "team", "discipline"},
    CONCERNED: {"office", "team", "discipline"},
}
ROLES = [
    "office",
    "team",
    "discipline",
    "organisation",
    "liaison",
    "unit",
    "leadership",
    "sysadmin",
    "secadmin",
    "auditor",
]


@pytest.fixture
def case(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    commission = OrganisationFactory(parent=tree.city, name="市纪委监委", kind=OrgKind.DISCIPLINE_COMMISSION)
    OrganisationFactory(parent=tree.city, name="市委组织部", kind=OrgKind.ORGANISATION_DEPARTMENT)
    office, office2 = user_with_role(Role.OFFICE, tree.city), user_with_role(Role.OFFICE, tree.city)
    grant_role(by=None, grantee=office, role=Role.IDENTITY_READER, organisation=tree.city)
    member = PersonFactory(organisation=tree.city)
    team = UserFactory(organisation=tree.city, person=member)
    grant_role(by=None, grantee=team, role=Role.TEAM_MEMBER, organisation=tree.city)
    assign_member(inspection, by=None, person=member, role="member")
    unit = user_with_role(Role.RESPONSIBLE_UNIT, tree.street)
    users = {
        "office": office,
        "team": team,
        "discipline": user_with_role(Role.DISCIPLINE_REVIEWER, tree.city),
        "organisation": user_with_role(Role.ORGANISATION_REVIEWER, tree.city),
        "liaison": user_with_role(Role.LIAISON, tree.district),
        "unit": unit,
        "leadership": user_with_role(Role.LEADERSHIP, tree.city),
        "sysadmin": user_with_role(Role.SYSTEM_ADMIN, tree.city),
        "secadmin": user_with_role(Role.SECURITY_ADMIN, tree.city),
        "auditor": user_with_role(Role.AUDITOR, tree.city),
    }
    identity = Identity(name=REPORTER, phone=PHONE, workplace="某公司", address="厦门市某路1号")

    # 1. a petition, revealed with a reason, handed over as an immediate fix and answered
    first = petitions.receive_petition(
        inspection, by=office, channel="letter", received_on=date(2021, 1, 15), content=PETITION_TEXT, identity=identity
    )
    reveal(first, by=office, category="reply", reason=REASON)
    _first, fix = petitions.triage_to_fix(
        first,
        by=office,
        organisation=tree.street,
        description=f"据{REPORTER}（电话{PHONE}）反映，社区违规发放补贴，请立即整改。",
        handed_over_on=date(2021, 1, 16),
        deadline=date(2021, 1, 31),
    )
    fix = petitions.record_fix_result(fix, by=unit, result="已追回补贴", on=date(2021, 1, 20))
    petitions.answer_reporter(fix, by=office, answer=f"{REPORTER}同志：{ANSWER}，电话{PHONE}。", on=date(2021, 1, 22))

    # 2. a petition made a finding, then a feedback problem the inspected side reads
    second = petitions.receive_petition(
        inspection, by=office, channel="qr", received_on=date(2021, 1, 17), content="补贴问题", identity=identity
    )
    findings.ensure_default_categories()
    _second, finding = petitions.triage_to_finding(
        second,
        by=office,
        text=f"{PROBLEM}，反映人{REPORTER}，电话{PHONE}。",
        category=Category.objects.first(),
        organisation=tree.district,
    )
    before = date(2021, 3, 1)
    aspect = findings.add_aspect(inspection, by=office, title="方面一", today=before)
    findings.promote_finding(finding, by=office, aspect=aspect, today=before)

    # 3. a clue transferred to the discipline commission
    clue = clues.create_clue(
        inspection,
        by=office,
        allegation=f"反映某科长{ALLEGATION}",
        source="talk",
        received_on=date(2021, 1, 20),
        persons=[{"name": CONCERNED, "rank": "section"}],
    )
    clue = clues.sign_clue(clues.sign_clue(clue, by=office), by=office2)
    clue = clues.transfer_clue(
        clue, by=office, receiving_body=commission, receiving_kind="discipline", on=date(2021, 2, 1)
    )

    # 4. an indicator
    add_indicator(inspection, by=office, name=INDICATOR, unit="万元", baseline=Decimal("100"))
    return {"inspection": inspection, "users": users, "petition": first, "fix": fix, "clue": clue}


def _text(response) -> str:
    if response.status_code != 200:
        return ""
    if response["Content-Type"].startswith("application/vnd.openxml"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return " ".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)
    return response.content.decode()


def channels(client, case) -> dict[str, str]:
    """Everything a user can read about the case, channel by channel (GET only)."""
    inspection = case["inspection"].pk
    urls = {
        "petition list": "/petitions/",
        "petition page + history": f"/petitions/{case['petition'].pk}/",
        "petition export": "/petitions/export.xlsx",
        "fix list": "/petitions/fixes/",
        "fix page + history": f"/petitions/fixes/{case['fix'].pk}/",
        "clue list": "/clues/",
        "clue page + history": f"/clues/{case['clue'].pk}/",
        "clue export": "/clues/export.xlsx",
        "clue supervision": "/clues/supervision/",
        "people concerned": "/clues/people/",
        "figures": "/clues/figures/",
        "inspection page": f"/inspections/{inspection}/",
        "findings": f"/findings/inspection/{inspection}/",
        "feedback": f"/findings/inspection/{inspection}/feedback/",
        "audit log": "/audit/",
        "audit export": "/audit/export.xlsx",
        "notifications": "/supervision/notifications/",
        "api orgs": "/api/orgs",
        "api people": "/api/people",
        "api clues": "/api/clues",
        "api petitions": "/api/petitions",
    }
    return {name: _text(client.get(url)) for name, url in urls.items()}


def test_the_walk_reaches_every_channel(case, client):
    """The walk is worth something only if its URLs are live: the office opens the case pages,
    the auditor the log, the unit its fix, the liaison the feedback."""
    from django.urls import reverse

    assert reverse("petitions:fix", args=[case["fix"].pk]) == f"/petitions/fixes/{case['fix'].pk}/"
    assert reverse("petitions:fixes") == "/petitions/fixes/"
    seen = {}
    for role in ("office", "auditor", "unit", "liaison"):
        client.force_login(case["users"][role])
        seen[role] = channels(client, case)
    office = seen["office"]
    assert all(office[name] for name in ("petition page + history", "fix page + history", "clue export", "findings"))
    assert seen["auditor"]["audit log"] and seen["auditor"]["audit export"]
    assert seen["unit"]["fix page + history"] and seen["liaison"]["feedback"]


@pytest.mark.parametrize("role", ROLES)
def test_each_field_reaches_exactly_its_readers(case, client, role):
    client.force_login(case["users"][role])
    seen = channels(client, case)
    for field, readers in READERS.items():
        where = sorted(name for name, text in seen.items() if field in text)
        if role in readers:
            assert where, f"{role} should read {field} somewhere (positive control)"
        else:
            assert where == [], f"{role} reads {field} through {where}"


def test_the_inspected_side_reads_the_problem_without_the_reporter(case, client):
    client.force_login(case["users"]["liaison"])
    feedback = channels(client, case)["feedback"]
    assert PROBLEM in feedback  # positive control: the problem itself is there
    assert REPORTER not in feedback and PHONE not in feedback


def test_the_fixing_unit_reads_the_fix_and_its_history_but_not_the_answer(case, client):
    client.force_login(case["users"]["unit"])
    page = channels(client, case)["fix page + history"]
    assert "已追回补贴" in page and "社区违规发放补贴" in page  # positive control
    assert ANSWER not in page and REPORTER not in page and PHONE not in page
    client.force_login(case["users"]["office"])
    office_page = channels(client, case)["fix page + history"]
    assert office_page.count(ANSWER) >= 2  # the office reads it on the page and in the history


def test_the_audit_log_records_reveals_and_indicators_without_their_text(case, client):
    client.force_login(case["users"]["auditor"])
    seen = channels(client, case)
    log = seen["audit log"] + seen["audit export"]
    assert "petitions.identity.revealed" in log and "inspections.indicator.added" in log  # positive control
    assert REASON not in log and INDICATOR not in log
    event = AuditEvent.objects.get(action="petitions.identity.revealed")
    assert event.data["category"] == "reply" and event.object_id == str(case["petition"].pk)
    client.force_login(case["users"]["office"])
    assert INDICATOR in channels(client, case)["inspection page"]  # the indicator lives on its page


def test_the_reporter_is_read_only_through_a_logged_reveal(case, client):
    office = case["users"]["office"]
    client.force_login(office)
    url = f"/petitions/{case['petition'].pk}/"
    assert REPORTER not in client.get(url).content.decode()
    page = client.post(url, {"step": "reveal", "category": "verify", "reason": "核实"}).content.decode()
    assert REPORTER in page and PHONE in page
    assert AuditEvent.objects.filter(action="petitions.identity.revealed", actor=office).count() == 2
