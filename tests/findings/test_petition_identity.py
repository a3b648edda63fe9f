"""A finding drawn from a petition, and the feedback problem made from it, carry no reporter's
identity: the text travels to the inspected organisation (scrubbed like fixes and transfers)."""

from datetime import date

import pytest

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings import domain as findings
from xuncha.findings.models import Category
from xuncha.petitions.domain import receive_petition, triage_to_finding
from xuncha.petitions.identity import REDACTED, Identity

pytestmark = pytest.mark.django_db


def test_finding_and_problem_from_a_petition_are_scrubbed(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    office = user_with_role(Role.OFFICE, tree.city)
    petition = receive_petition(
        inspection,
        by=office,
        channel="letter",
        received_on=date(2021, 1, 15),
        content="补贴问题",
        identity=Identity(name="王小明", phone="13800001111"),
    )
    findings.ensure_default_categories()
    _petition, finding = triage_to_finding(
        petition,
        by=office,
        text="社区补贴发放不规范，反映人王小明，电话13800001111。",
        category=Category.objects.first(),
        organisation=tree.district,
    )
    assert finding.text == f"社区补贴发放不规范，反映人{REDACTED}，电话{REDACTED}。"
    before = date(2021, 3, 1)
    aspect = findings.add_aspect(inspection, by=office, title="方面一", today=before)
    problem = findings.promote_finding(finding, by=office, aspect=aspect, today=before)
    problem = findings.update_problem(
        problem, by=office, title=problem.title, text="王小明再次反映：13800001111", today=before
    )
    assert "王小明" not in problem.text + problem.title and "13800001111" not in problem.text
