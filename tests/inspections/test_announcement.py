"""The announcement (巡察公告): laid out by the official-document writer, downloaded as Word or
PDF, and its page warns while the phone or mailbox people report to is missing."""

import io
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from tests.downloads import download_name
from tests.factories import make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.documents.pdf import soffice_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(tree, client):
    user = user_with_role(Role.OFFICE, tree.city)
    client.force_login(user)
    return user


@pytest.fixture
def inspection(tree):
    term = make_term(tree.city)
    return make_inspection(term, [tree.district], entry_on=date(2020, 12, 28), exit_on=date(2021, 2, 28))


def test_page_warns_without_phone_or_mailbox_until_the_office_fills_them_in(office, client, inspection):
    page = client.get(f"/inspections/{inspection.pk}/announcement/").content.decode()
    assert 'data-testid="contact-missing"' in page and "举报电话和邮政信箱" in page
    assert f"/inspections/{inspection.pk}/contact/" in page
    response = client.post(
        f"/inspections/{inspection.pk}/contact/",
        {"version": inspection.version, "phone": "0592-2918100", "mailbox": "厦门市邮政101号信箱", "email": ""},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/inspections/{inspection.pk}/announcement/")
    page = client.get(f"/inspections/{inspection.pk}/announcement/").content.decode()
    assert 'data-testid="contact-missing"' not in page and "0592-2918100" in page
    inspection.refresh_from_db()
    assert (inspection.phone, inspection.mailbox) == ("0592-2918100", "厦门市邮政101号信箱")


def test_only_the_missing_one_is_named(office, client, inspection):
    inspection.phone = "0592-2918100"
    inspection.save(update_fields=["phone"])
    page = client.get(f"/inspections/{inspection.pk}/announcement/").content.decode()
    assert "公告未载明邮政信箱" in page and "举报电话" not in page.split('data-testid="contact-missing"')[1][:80]


def test_a_reader_sees_the_warning_without_the_way_to_edit(tree, client, inspection):
    client.force_login(user_with_role(Role.LEADERSHIP, tree.city))
    page = client.get(f"/inspections/{inspection.pk}/announcement/")
    if page.status_code == 404:
        pytest.skip("the leader does not see announcements")
    assert 'data-testid="contact-missing"' in page.content.decode()
    assert 'data-testid="fill-contact"' not in page.content.decode()
    assert client.get(f"/inspections/{inspection.pk}/contact/").status_code == 404


def test_announcement_docx_is_an_official_document(office, client, inspection):
    response = client.get(f"/inspections/{inspection.pk}/announcement.docx")
    document = docx.Document(io.BytesIO(response.content))
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text == "— 1 —"  # page numbers, as every official document
    body = document.paragraphs[1]
    assert body.paragraph_format.first_line_indent.pt == 32 and body.paragraph_format.line_spacing.pt == 28.95
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"


def test_announcement_pdf(office, client, inspection):
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    response = client.get(f"/inspections/{inspection.pk}/announcement.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert download_name(response) == (
        f"市委第一巡察组巡察公告-{inspection.title}.pdf",
        f"announcement-{inspection.pk}.pdf",
    )


def test_without_libreoffice_the_pdf_answers_503_in_chinese(office, client, inspection, settings):
    settings.XUNCHA_SOFFICE = "/nonexistent/soffice"
    response = client.get(f"/inspections/{inspection.pk}/announcement.pdf")
    assert response.status_code == 503
    page = response.content.decode()
    assert "暂时无法生成PDF" in page and f"/inspections/{inspection.pk}/announcement.docx" in page
