import pytest

from tests.factories import user_with_role
from tests.ledger.conftest import column_of, data_rows, edited, row_of, upload
from xuncha.accounts.enums import Role
from xuncha.ledger.domain import run_job, start_export_job
from xuncha.ledger.enums import JobStatus
from xuncha.ledger.models import LedgerJob
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings):
    settings.XUNCHA_LEDGER_JOB_ROWS = 2  # the test ledger has 5 rows: every export and import is a job


def _export_now(client, case) -> bytes:
    client.force_login(case.office)
    return b"".join(client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx").streaming_content)


def test_big_import_runs_as_a_job_and_completes(client, case, small_threshold, django_capture_on_commit_callbacks):
    from django.conf import settings

    settings.XUNCHA_LEDGER_JOB_ROWS = 1000
    content = _export_now(client, case)
    settings.XUNCHA_LEDGER_JOB_ROWS = 2
    measure = case.measures[0]

    def edit(sheet):
        sheet.cell(row_of(sheet, f"M{measure.pk}:"), column_of(sheet, "完成标准")).value = "后台导入的标准"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/ledger/inspection/{case.inspection.pk}/import/", {"ledger": upload(edited(content, edit))}
        )
    job = LedgerJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ledger/jobs/{job.pk}/"
    assert (job.kind, job.status, job.user, job.error_count) == ("import", JobStatus.DONE, case.office, 0)
    assert (job.rows_done, job.rows_total, job.percent) == (5, 5, 100)
    measure = Measure.objects.get(pk=measure.pk)
    assert measure.standard == "后台导入的标准"
    assert measure.history.first().history_user == case.office  # the job acts for its starter
    page = client.get(f"/ledger/jobs/{job.pk}/").content.decode()
    status = page[page.index('<div id="job-status"') :].split(">", 1)[0]
    assert job.message in page and "hx-trigger" not in status  # finished: the page stops polling


def test_big_import_with_a_bad_row_reports_through_the_job(
    client, case, small_threshold, django_capture_on_commit_callbacks
):
    from django.conf import settings

    settings.XUNCHA_LEDGER_JOB_ROWS = 1000
    content = _export_now(client, case)
    settings.XUNCHA_LEDGER_JOB_ROWS = 2

    def edit(sheet):
        sheet.cell(row_of(sheet, f"M{case.measures[1].pk}:"), column_of(sheet, "整改时限")).value = "尽快"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ledger/inspection/{case.inspection.pk}/import/", {"ledger": upload(edited(content, edit))})
    job = LedgerJob.objects.get()
    assert (job.status, job.error_count) == (JobStatus.DONE, 1)
    assert job.errors[0]["row"] == 4 and job.errors[0]["column"] == "整改时限"
    page = client.get(f"/ledger/jobs/{job.pk}/").content.decode()
    assert "整改时限" in page and "alert-danger" in page


def test_big_export_runs_as_a_job_with_a_download(client, case, small_threshold, django_capture_on_commit_callbacks):
    client.force_login(case.office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx")
    job = LedgerJob.objects.get()
    assert response.status_code == 302 and (job.kind, job.status) == ("export_inspection", JobStatus.DONE)
    download = client.get(f"/ledger/jobs/{job.pk}/download/")
    rows = data_rows(b"".join(download.streaming_content))
    assert len(rows) == 5 and download["Content-Disposition"].startswith("attachment")
    assert f'href="/ledger/jobs/{job.pk}/download/"' in client.get(f"/ledger/jobs/{job.pk}/").content.decode()


def test_job_page_polls_until_the_job_is_done_and_is_its_starters_only(client, case, tree):
    job = start_export_job(by=case.office, language="zh-hans", term=case.inspection.term)
    client.force_login(case.office)
    page = client.get(f"/ledger/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    partial = client.get(f"/ledger/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="job-status"')
    for other in [case.liaison, user_with_role(Role.OFFICE, tree.city)]:
        client.force_login(other)
        assert client.get(f"/ledger/jobs/{job.pk}/").status_code == 404
        assert client.get(f"/ledger/jobs/{job.pk}/download/").status_code == 404
    run_job(job)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result and job.rows_total == 5
    assert run_job(job).status == JobStatus.DONE  # a task delivered twice does nothing the second time
