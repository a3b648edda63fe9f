"""The office's side of a public report: it appears in the petition list (taken in on the way),
its photos open for those who may read the petition and for nobody else, and what the reporter
added later shows on the petition with their identity scrubbed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.petitions.conftest import world  # noqa: F401  (the fixture)
from tests.public.helpers import photo_bytes, solved
from tests.public.test_intake import add, receipt_of
from xuncha.petitions.models import Petition
from xuncha.public import counters
from xuncha.public.models import Attachment
from xuncha.public.publishing import publish_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(world):  # noqa: F811
    counters.clear()
    inspection = world["inspection"]
    today = timezone.localdate()
    inspection.entry_on, inspection.exit_on = today - timedelta(days=2), today + timedelta(days=10)
    inspection.save(update_fields=["entry_on", "exit_on"])
    return publish_pages(inspection, by=None)[0]


def test_a_public_report_joins_the_list_and_its_photo_opens_only_for_petition_readers(client, world, page):  # noqa: F811
    url = f"/m/{page.token}/report/"
    photo = SimpleUploadedFile("IMG_1.jpg", photo_bytes(), content_type="image/jpeg")
    data = {"content": "反映社区违规收费。", "mode": "real_name", "name": "王小明", "phone": "13800007777",
            "files": [photo], **solved(client, url)}
    code, passphrase = receipt_of(client.post(url, data))
    add(client, code, passphrase, "补充：我是王小明，电话13800007777。")

    client.force_login(world["users"]["office"])
    listing = client.get("/petitions/").content.decode()
    petition = Petition.objects.get()
    assert f"/petitions/{petition.pk}/" in listing  # taken in on the way to the list
    detail = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert 'data-testid="public-report"' in detail and page.organisation_name in detail
    stored = Attachment.objects.get(submission__petition=petition).stored
    assert f"/files/{stored.pk}/" in detail
    added = detail.split('data-testid="addendum"', 1)[1].split("</div></div>", 1)[0]
    assert "补充" in added and "王小明" not in added and "13800007777" not in added
    from xuncha.audit.models import AuditEvent

    reads = AuditEvent.objects.filter(action="petitions.petition.viewed", object_id=str(petition.pk))
    viewed = reads.count()
    assert client.get(f"/files/{stored.pk}/").status_code == 200
    assert reads.count() == viewed + 1  # opening the photo is logged as a read of the petition

    for role in ("liaison", "unit", "outsider"):
        client.force_login(world["users"][role])
        assert client.get(f"/files/{stored.pk}/").status_code == 404
        assert client.get(f"/petitions/{petition.pk}/").status_code == 404


def test_the_office_finds_a_new_public_report_among_its_petitions_to_triage(client, world, page):  # noqa: F811
    url = f"/m/{page.token}/report/"
    client.post(url, {"content": "反映村务不公开。", "mode": "anonymous", **solved(client, url)})
    assert not Petition.objects.exists()  # still on the public side
    client.force_login(world["users"]["office"])
    home = client.get("/").content.decode()
    petition = Petition.objects.get()
    assert petition.status == "received" and f"/petitions/{petition.pk}/" in home
