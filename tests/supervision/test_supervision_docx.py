"""A supervision document downloads as an official document (the writer's layout: tests/documents)."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.downloads import download_name
from tests.supervision.conftest import days_before
from xuncha.documents.pdf import soffice_path
from xuncha.supervision import documents as domain


@pytest.mark.django_db
def test_supervision_document_downloads_as_an_official_document(world, client):
    document = domain.draft_document(
        world.inspection,
        by=world.office,
        kind="reminder",
        addressee=world.tree.district,
        measures=world.measures[:1],
        today=days_before(5),
    )
    domain.issue_document(document, by=world.office, on=days_before(5))
    client.force_login(world.office)
    response = client.get(reverse("supervision:document_docx", args=[document.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    addressee = world.tree.district.short_name or world.tree.district.name
    assert download_name(response) == (f"提醒书-{addressee}-巡督〔2025〕1号.docx", "supervision-2025-1.docx")
    printed = Document(io.BytesIO(response.content))
    texts = [p.text for p in printed.paragraphs]
    assert texts[:3] == [
        "中共厦门市委员会巡察工作领导小组办公室",
        "巡督〔2025〕1号",
        "关于巡察整改事项即将到期的提醒书",
    ]
    assert "中共厦门市思明区委员会：" in texts and "2025年6月25日" in texts
    assert any("即将到期" in t for t in texts)


@pytest.mark.django_db
def test_supervision_document_downloads_as_pdf_or_a_503_page_without_libreoffice(world, client, settings):
    document = domain.draft_document(
        world.inspection,
        by=world.office,
        kind="notice",
        addressee=world.tree.district,
        measures=world.measures[:1],
        today=days_before(5),
    )
    client.force_login(world.office)
    url = reverse("supervision:document_pdf", args=[document.pk])
    if soffice_path() is not None:
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
        assert download_name(response)[1] == f"supervision-draft-{document.pk}.pdf"
    settings.XUNCHA_SOFFICE = "/nonexistent/soffice"
    response = client.get(url)
    assert response.status_code == 503 and "暂时无法生成PDF" in response.content.decode()
    assert reverse("supervision:document_docx", args=[document.pk]) in response.content.decode()
