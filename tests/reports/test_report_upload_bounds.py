"""A published-report upload made to exhaust python-docx is refused with a message, quickly, in
bounded memory, and nothing is stored; a reader that dies in its child stores nothing either."""

import time
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import dated_inspection, user_with_role
from tests.files.bombs import inflating_docx, peak_rss_mb
from xuncha.accounts.enums import Role
from xuncha.files.models import StoredFile
from xuncha.reports.models import ReportUpload

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return inflating_docx(unpacked_mb=500)


def _upload(client, tree, content: bytes, name: str = "通报.docx"):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    return client.post(
        f"/reports/inspection/{inspection.pk}/import/",
        {"organisation": tree.district.pk, "report": SimpleUploadedFile(name, content)},
    )


def test_docx_unpacking_to_500_mb_is_refused_quickly_in_bounded_memory(tree, client, docx_bomb):
    assert len(docx_bomb) < 700 * 1024
    rss, started = peak_rss_mb(), time.monotonic()
    response = _upload(client, tree, docx_bomb)
    assert time.monotonic() - started < 5
    assert peak_rss_mb() - rss < 200
    assert response.status_code == 200
    assert "不予读取" in " ".join(response.context["form"].errors["report"])
    assert not ReportUpload.objects.exists() and not StoredFile.objects.exists()


def test_report_reader_killed_by_its_memory_limit_stores_nothing(tree, client, docx_bomb, settings):
    """With the archive bounds lifted python-docx reads the 500 MB body in the child, which its
    256 MB limit stops: the page says so and nothing is stored."""
    settings.XUNCHA_UNPACKED_MAX_MB = 10_000
    settings.XUNCHA_ARCHIVE_MAX_RATIO = 10**6
    settings.XUNCHA_PARSER_MEMORY_MB = 256
    rss = peak_rss_mb()
    response = _upload(client, tree, docx_bomb)
    assert peak_rss_mb() - rss < 200
    assert response.status_code == 200
    assert "内存和时间限制" in " ".join(response.context["form"].errors["report"])
    assert not ReportUpload.objects.exists() and not StoredFile.objects.exists()


def test_damaged_docx_keeps_the_parsers_reason(tree, client):
    response = _upload(client, tree, b"PK\x03\x04" + b"\x00" * 200)
    assert response.status_code == 200 and not ReportUpload.objects.exists()
