"""The poster of a published page (A4, PDF and PNG) and the codes on the announcement."""

import io

import docx
import pytest
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from tests.downloads import download_name
from tests.public.conftest import publish
from xuncha.documents.pdf import soffice_path
from xuncha.public import poster, qr
from xuncha.public.models import PublicPage

pytestmark = pytest.mark.django_db

needs_libreoffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")


@needs_libreoffice
def test_the_poster_pdf_is_one_a4_page_with_the_organisation_and_the_address(world):
    page = publish(world)[0]
    url = qr.page_url(page)
    reader = PdfReader(io.BytesIO(poster.render_pdf(page, url)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    text = reader.pages[0].extract_text()
    expected_texts = ("码上巡", "中共厦门市思明区委员会", url, poster.SLOGAN)
    expected_texts += ("0592-2918100", "厦门市邮政101号信箱", "查询码")
    # the PDF's text layer puts spaces where the font's spacing changes (digits beside CJK: "101 号")
    flat = text.replace("\n", "").replace(" ", "")
    for expected in expected_texts:
        assert expected.replace(" ", "") in flat, expected
    assert page.token in url


@needs_libreoffice
def test_the_poster_downloads_as_pdf_and_png_named_for_team_and_organisation(world, client):
    page = publish(world)[0]
    client.force_login(world["users"]["office"])
    response = client.get(f"/qr/pages/{page.pk}/poster.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    day = timezone.localdate().strftime("%Y%m%d")
    assert download_name(response) == (
        f"码上巡海报-市委第一巡察组-中共厦门市思明区委员会-{day}.pdf", f"qr-poster-{page.pk}.pdf"
    )
    response = client.get(f"/qr/pages/{page.pk}/poster.png")
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert abs(image.width - 1240) <= 1 and abs(image.height - 1754) <= 1  # A4 at 150 dpi


def test_an_outsider_gets_no_poster(world, client):
    page = publish(world)[0]
    client.force_login(world["users"]["outsider"])
    assert client.get(f"/qr/pages/{page.pk}/poster.pdf").status_code == 404
    assert client.get(f"/qr/pages/{page.pk}/poster.png").status_code == 404


def test_a_withdrawn_page_or_a_missing_address_gives_no_poster(world, client, settings):
    page = publish(world)[0]
    client.force_login(world["users"]["office"])
    settings.XUNCHA_PUBLIC_BASE_URL = ""
    assert client.get(f"/qr/pages/{page.pk}/poster.pdf").status_code == 404
    settings.XUNCHA_PUBLIC_BASE_URL = "https://xuncha.example.gov.cn"
    PublicPage.objects.filter(pk=page.pk).update(withdrawn_at=timezone.now())
    assert client.get(f"/qr/pages/{page.pk}/poster.pdf").status_code == 404


def test_the_announcement_offers_to_publish_until_the_pages_are_published(world, client):
    inspection = world["inspection"]
    client.force_login(world["users"]["office"])
    html = client.get(f"/inspections/{inspection.pk}/announcement/").content.decode()
    assert 'data-testid="codes-unpublished"' in html and 'data-testid="publish-pages"' in html
    assert 'data-testid="announcement-codes"' not in html
    response = client.post(f"/qr/inspections/{inspection.pk}/publish/", {"back": "announcement"})
    assert response.status_code == 302 and response["Location"] == f"/inspections/{inspection.pk}/announcement/"
    page = PublicPage.objects.get(inspection=inspection)
    html = client.get(f"/inspections/{inspection.pk}/announcement/").content.decode()
    assert 'data-testid="codes-unpublished"' not in html
    codes = html.split('data-testid="announcement-codes"')[1].split("</article>")[0]
    assert codes.count("<svg") == 1 and "扫码反映问题、参与问卷（可匿名）" in codes
    caption = codes.split("<figcaption")[1].split("</figcaption>")[0]
    assert page.organisation_name not in caption  # one organisation: the code says what it is for


def test_a_reader_who_may_not_publish_sees_the_hint_without_the_button(world, client):
    client.force_login(world["users"]["team"])
    html = client.get(f"/inspections/{world['inspection'].pk}/announcement/").content.decode()
    assert 'data-testid="codes-unpublished"' in html and 'data-testid="publish-pages"' not in html
    assert client.post(f"/qr/inspections/{world['inspection'].pk}/publish/").status_code == 404
    assert not PublicPage.objects.exists()


def test_several_organisations_get_one_code_each_with_its_name(world, client):
    from xuncha.inspections.domain import add_target

    inspection = world["inspection"]
    add_target(inspection, by=None, organisation=world["tree"].street)
    publish(world)
    client.force_login(world["users"]["office"])
    html = client.get(f"/inspections/{inspection.pk}/announcement/").content.decode()
    codes = html.split('data-testid="announcement-codes"')[1].split("</article>")[0]
    assert codes.count("<svg") == 2 and "梧村街道党工委" in codes and "中共厦门市思明区委员会" in codes
    document = docx.Document(io.BytesIO(client.get(f"/inspections/{inspection.pk}/announcement.docx").content))
    assert len(document.inline_shapes) == 2
    captions = [p.text for t in document.tables for c in t._cells for p in c.paragraphs if p.text]
    assert sorted(captions) == ["中共厦门市思明区委员会", "梧村街道党工委"]


def test_the_announcement_docx_has_no_code_before_publishing(world, client):
    client.force_login(world["users"]["office"])
    document = docx.Document(io.BytesIO(client.get(f"/inspections/{world['inspection'].pk}/announcement.docx").content))
    assert len(document.inline_shapes) == 0 and not document.tables


@needs_libreoffice
def test_the_announcement_pdf_prints_the_code(world, client):
    publish(world)
    client.force_login(world["users"]["office"])
    response = client.get(f"/inspections/{world['inspection'].pk}/announcement.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert "扫码反映问题、参与问卷（可匿名）" in text
    assert sum(len(p.images) for p in reader.pages) == 1
