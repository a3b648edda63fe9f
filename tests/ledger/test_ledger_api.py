"""The ledger import and its job's cancel through the API with a token, as on the pages."""

import io

import pytest

from tests.api_client import (
    bearer,
    fast_passwords,  # noqa: F401  (the fixture)
)
from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.ledger.enums import JobKind, JobStatus
from xuncha.ledger.export import export_inspection_ledger
from xuncha.ledger.models import LedgerJob

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]




def _ledger(case) -> bytes:
    out = io.BytesIO()
    export_inspection_ledger(case.inspection, user=case.office, out=out)
    return out.getvalue()


def _file(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("台账.xlsx", content)


def test_import_through_the_api(client, case, tree):
    url = f"/api/v1/inspections/{case.inspection.pk}/ledger_import"
    content = _ledger(case)
    response = client.post(url, {"ledger": _file(content)}, **bearer(case.office))
    assert response.status_code == 200, response.content
    assert response.json()["ok"] and response.json()["unchanged"] == response.json()["rows"] > 0
    auditor = user_with_role(Role.AUDITOR, tree.city)
    assert client.post(url, {"ledger": _file(content)}, **bearer(auditor)).status_code == 404
    leadership = user_with_role(Role.LEADERSHIP, tree.city)  # sees the inspection, may not import
    assert client.post(url, {"ledger": _file(content)}, **bearer(leadership)).status_code in {403, 404}
    bad = client.post(url, {"ledger": _file(b"not a workbook")}, **bearer(case.office))
    assert bad.status_code == 400


def cancel(client, job, **auth):
    return client.post(f"/api/v1/ledger_jobs/{job.pk}/cancel", "{}", content_type="application/json", **auth)


def test_a_job_is_cancelled_through_the_api_by_its_starter_only(client, case, tree):
    job = LedgerJob.objects.create(
        kind=JobKind.IMPORT, user=case.office, inspection=case.inspection, language="zh-hans"
    )
    shown = client.get(f"/api/v1/ledger_jobs/{job.pk}", **bearer(case.office)).json()
    assert shown["actions"] == ["cancel"] and shown["status"] == JobStatus.QUEUED
    other = user_with_role(Role.OFFICE, tree.city)
    assert client.get(f"/api/v1/ledger_jobs/{job.pk}", **bearer(other)).status_code == 404
    assert cancel(client, job, **bearer(other)).status_code == 404
    response = cancel(client, job, **bearer(case.office))
    assert response.status_code == 200 and response.json()["status"] == JobStatus.CANCELLED
    assert response.json()["actions"] == []
    assert cancel(client, job, **bearer(case.office)).status_code == 400
