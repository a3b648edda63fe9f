"""Progress evidence and regulation files open through their measure's policy."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.downloads import download_name
from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.files.domain import store_upload
from xuncha.rectification import domain

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measure = domain.add_measure(
        plan, by=None, problems=[problem], units=[tree.community], **complete_measure_fields(tree.street)
    )
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    evidence = store_upload(SimpleUploadedFile("整改佐证.txt", "会议记录：已整改。".encode()), by=None)
    domain.post_progress(measure, by=None, text="已完成", status="done", evidence=[evidence])
    rule = store_upload(SimpleUploadedFile("管理办法.txt", "第一条 为规范管理。".encode()), by=None)
    domain.record_regulation(measure, by=None, title="管理办法", issuer="区委办", issued_on=date(2022, 1, 5), file=rule)
    return measure, evidence, rule


@pytest.mark.parametrize(
    ("role", "scope", "expected"),
    [
        (Role.DISCIPLINE_REVIEWER, "city", 200),
        (Role.OFFICE, "city", 200),
        (Role.RESPONSIBLE_UNIT, "community", 200),
        (Role.RESPONSIBLE_UNIT, "other_street", 404),
        (Role.LIAISON, "other_district", 404),
    ],
)
def test_evidence_and_regulation_files_follow_the_measure(tree, files, client, role, scope, expected):
    measure, evidence, rule = files
    client.force_login(user_with_role(role, getattr(tree, scope)))
    assert client.get(f"/rectification/measures/{measure.pk}/").status_code == expected
    files = [(evidence, "会议记录：已整改。", "整改佐证.txt"), (rule, "第一条 为规范管理。", "管理办法.txt")]
    for stored, body, name in files:
        response = client.get(f"/files/{stored.pk}/")
        assert response.status_code == expected
        if expected == 200:
            assert b"".join(response.streaming_content).decode() == body
            assert response["Cache-Control"] == "no-store"
            assert download_name(response) == (name, f"file-{stored.pk}.txt")  # its own name


def test_measure_page_links_its_evidence_and_regulation_files(tree, files, client):
    measure, evidence, rule = files
    client.force_login(user_with_role(Role.DISCIPLINE_REVIEWER, tree.city))
    page = client.get(f"/rectification/measures/{measure.pk}/").content.decode()
    assert f'href="/files/{evidence.pk}/"' in page and f'href="/files/{rule.pk}/"' in page
