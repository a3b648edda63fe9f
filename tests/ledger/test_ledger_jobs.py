import pytest
from django.utils import timezone

from tests.downloads import download_name
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
    settings.XUNCHA_LEDGER_IMPORT_JOB_ROWS = 2


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
    assert len(rows) == 5
    today = f"{timezone.localdate():%Y%m%d}"
    assert download_name(download) == (
        f"{case.inspection.title}反馈问题整改台账-{today}.xlsx", f"ledger-inspection-{case.inspection.pk}-{today}.xlsx"
    )
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


def _import_job(client, case, edit):
    """An import job of `case`'s ledger with `edit` applied, queued and not yet run (small_threshold)."""
    from django.conf import settings

    settings.XUNCHA_LEDGER_JOB_ROWS = 1000
    content = _export_now(client, case)
    settings.XUNCHA_LEDGER_JOB_ROWS = 2
    response = client.post(
        f"/ledger/inspection/{case.inspection.pk}/import/", {"ledger": upload(edited(content, edit))}
    )
    job = LedgerJob.objects.get()
    assert response["Location"] == f"/ledger/jobs/{job.pk}/" and job.status == JobStatus.QUEUED
    return job


def _status_tag(page: str) -> str:
    """The opening tag of the job's status block (it polls while the job runs)."""
    return page[page.index('<div id="job-status"') :].split(">", 1)[0]


def _standards(case):
    return [Measure.objects.get(pk=m.pk).standard for m in case.measures]


def _edit_standards(case):
    def edit(sheet):
        for measure in case.measures:
            sheet.cell(row_of(sheet, f"M{measure.pk}:"), column_of(sheet, "完成标准")).value = "导入的完成标准"

    return edit


def test_a_queued_job_is_cancelled_at_once_by_its_starter_only(client, case, tree, small_threshold):
    from xuncha.audit.models import AuditEvent

    before = _standards(case)
    job = _import_job(client, case, _edit_standards(case))  # not run: on_commit is not run here
    page = client.get(f"/ledger/jobs/{job.pk}/").content.decode()
    assert f'action="/ledger/jobs/{job.pk}/cancel/"' in page
    for other in [case.liaison, user_with_role(Role.OFFICE, tree.city)]:
        client.force_login(other)
        assert client.post(f"/ledger/jobs/{job.pk}/cancel/").status_code == 404
    client.force_login(case.office)
    assert client.get(f"/ledger/jobs/{job.pk}/cancel/").status_code == 405
    response = client.post(f"/ledger/jobs/{job.pk}/cancel/")
    assert response.status_code == 302 and response["Location"] == f"/ledger/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.finished_at and "取消" in job.message
    assert AuditEvent.objects.filter(action="ledger.job.cancelled", object_id=str(job.pk), actor=case.office).exists()
    assert run_job(job).status == JobStatus.CANCELLED  # the task, delivered afterwards, does nothing
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and _standards(case) == before
    page = client.get(f"/ledger/jobs/{job.pk}/", follow=True).content.decode()
    assert "/cancel/" not in page and "hx-trigger" not in _status_tag(page) and "alert-warning" in page
    client.post(f"/ledger/jobs/{job.pk}/cancel/")  # too late: said so, nothing changes
    page = client.get(f"/ledger/jobs/{job.pk}/").content.decode()
    assert "任务已经结束" in page


def test_a_running_job_asked_to_stop_records_no_more_progress(client, case, small_threshold):
    from xuncha.ledger.domain import JobCancelled, cancel_job, report_progress

    job = _import_job(client, case, _edit_standards(case))
    LedgerJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)  # as the worker's claim does
    report_progress(job.pk, 2, 5)
    job = cancel_job(job, by=case.office)
    assert job.status == JobStatus.RUNNING and job.cancelling
    page = client.get(f"/ledger/jobs/{job.pk}/").content.decode()
    assert "hx-trigger" in _status_tag(page) and "/cancel/" not in page  # still polling, no button
    with pytest.raises(JobCancelled):
        report_progress(job.pk, 3, 5)
    job.refresh_from_db()
    assert (job.rows_done, job.rows_total) == (2, 5)


def test_a_worker_finding_the_cancel_stops_the_import_with_nothing_changed(client, case, small_threshold):
    before = _standards(case)
    job = _import_job(client, case, _edit_standards(case))
    # the state the worker finds when the cancel came between its claim and the first row
    LedgerJob.objects.filter(pk=job.pk).update(cancel_requested_at=timezone.now())
    run_job(job)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.finished_at and "未做任何修改" in job.message
    assert _standards(case) == before and job.rows_done == 0


def test_a_job_lost_after_its_import_committed_is_done_not_failed(client, case, small_threshold):
    from xuncha.ledger.domain import fail_lost_job
    from xuncha.ledger.importer import import_ledger

    job = _import_job(client, case, _edit_standards(case))
    LedgerJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    # the worker committed the import, then died before recording the job's end
    with job.source.open("rb") as source:
        assert import_ledger(case.inspection, by=case.office, source=source, job_id=job.pk).ok
    other = _import_job_again(client, case)  # a second job of the same file, lost before its writes
    fail_lost_job(job.pk)
    fail_lost_job(other.pk)
    job.refresh_from_db()
    other.refresh_from_db()
    assert job.status == JobStatus.DONE and "导入已生效" in job.message
    assert other.status == JobStatus.FAILED and "未做任何修改" in other.message
    assert _standards(case) == ["导入的完成标准"] * len(case.measures)  # the first job's import


def _import_job_again(client, case):
    from django.core.files.base import ContentFile

    first = LedgerJob.objects.get()
    other = LedgerJob(kind=first.kind, user=first.user, inspection=first.inspection, language=first.language)
    with first.source.open("rb") as source:
        other.source.save("again.xlsx", ContentFile(source.read()), save=False)
    other.status = JobStatus.RUNNING
    other.save()
    return other
