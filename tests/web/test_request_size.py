"""The request-size cap: a body over its limit is refused from its Content-Length, before any
view, form or upload check reads it, with a page in the user's language and nothing saved."""

import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.ledger.conftest import case, media  # noqa: F401  (fixtures)
from xuncha.ledger.models import LedgerJob
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


def test_multipart_request_over_the_cap_gets_413_with_a_chinese_page(client, case, settings):  # noqa: F811
    settings.XUNCHA_REQUEST_MAX_MB = 1
    versions = list(Measure.objects.values_list("pk", "version"))
    client.force_login(case.liaison)
    response = client.post(
        f"/ledger/inspection/{case.inspection.pk}/import/",
        {"ledger": SimpleUploadedFile("台账.xlsx", b"PK\x03\x04" + b"\x00" * (2 * 1024 * 1024))},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "上传内容过大" in page and "1 MB" in page and "未保存任何内容" in page
    assert list(Measure.objects.values_list("pk", "version")) == versions and not LedgerJob.objects.exists()


def test_multipart_request_within_the_cap_reaches_the_view(client, case, settings):  # noqa: F811
    settings.XUNCHA_REQUEST_MAX_MB = 1
    client.force_login(case.liaison)
    response = client.post(
        f"/ledger/inspection/{case.inspection.pk}/import/",
        {"ledger": SimpleUploadedFile("台账.xlsx", b"PK\x03\x04" + b"\x00" * 1000)},
    )
    assert response.status_code == 200 and response.context["form"].errors


def test_form_body_over_the_data_limit_gets_413_not_a_bare_400(client, case, settings):  # noqa: F811
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(case.liaison)
    response = client.post(
        f"/ledger/inspection/{case.inspection.pk}/import/",
        "x=" + "y" * 4096,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413 and "上传内容过大" in response.content.decode()


def test_request_cap_below_the_file_limit_is_a_configuration_error():
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "xuncha.settings",
            "XUNCHA_ENV": "test",
            "XUNCHA_UPLOAD_MAX_MB": "50",
            "XUNCHA_REQUEST_MAX_MB": "10",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "XUNCHA_REQUEST_MAX_MB must be at least XUNCHA_UPLOAD_MAX_MB" in result.stderr
