import io
from datetime import date

import openpyxl
import pytest

from tests.downloads import download_name
from tests.factories import PersonFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.people.domain import add_employment
from xuncha.plans.models import Round
from xuncha.staffing.models import TeamMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(tree, client):
    user = user_with_role(Role.OFFICE, tree.city)
    client.force_login(user)
    return user


def test_office_creates_term_round_and_batch_through_pages(tree, office, client):
    response = client.post(
        "/plans/new/",
        {
            "name": "十三届市委",
            "owner": tree.city.pk,
            "starts_on": "2021-10-01",
            "ends_on": "2026-09-30",
            "plan_months": 2,
            "report_months": 6,
            "recusal_years": 5,
        },
    )
    assert response.status_code == 302
    term_url = response["Location"]
    term_pk = int(term_url.strip("/").split("/")[-1])
    bad = client.post(
        f"/plans/{term_pk}/rounds/new/", {"number": 1, "starts_on": "2030-01-01", "ends_on": "2030-02-01"}
    )
    assert "轮次时间必须在本届起止时间之内" in bad.content.decode()
    assert (
        client.post(
            f"/plans/{term_pk}/rounds/new/", {"number": 1, "starts_on": "2022-03-01", "ends_on": "2022-07-31"}
        ).status_code
        == 302
    )
    round_ = Round.objects.get(term_id=term_pk)
    assert (
        client.post(
            f"/plans/rounds/{round_.pk}/batches/new/", {"number": 1, "starts_on": "2022-03-01", "ends_on": "2022-05-31"}
        ).status_code
        == 302
    )
    page = client.get(term_url).content.decode()
    assert "第1轮" in page and "第1轮第1批" in page and 'id="timeline-data"' in page


def test_coverage_page_and_export_list_the_gap(tree, office, client):
    term = make_term(tree.city)
    make_inspection(term, [tree.district], entry_on=date(2022, 3, 1))
    page = client.get(f"/plans/{term.pk}/coverage/").content.decode()
    assert tree.other_district.name in page and f'href="/orgs/{tree.district.pk}/"' not in page
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/plans/{term.pk}/coverage.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][1:3] == (5, 1)  # the five organisations under the committee, one inspected
    assert tree.other_district.name in {row[4] for row in rows}


def test_assignment_refused_then_overridden_through_the_page(tree, office, client):
    term = make_term(tree.city)
    inspection = make_inspection(term, [tree.district], entry_on=date(2023, 3, 1), exit_on=date(2023, 4, 30))
    person = PersonFactory(organisation=tree.city, name="刘德明")
    add_employment(person, by=None, organisation=tree.street, start=date(2019, 3, 1), end=date(2022, 6, 30))
    url = f"/inspections/{inspection.pk}/team/add/"
    refused = client.post(url, {"person": person.pk, "role": "member"})
    body = refused.content.decode()
    assert refused.status_code == 200 and 'data-testid="recusal"' in body and "梧村街道党工委" in body
    assert not TeamMember.objects.exists()
    accepted = client.post(
        url, {"person": person.pk, "role": "member", "override_reason": "经巡察工作领导小组研究同意"}
    )
    assert accepted.status_code == 302
    detail = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert "不予回避" in detail and "经巡察工作领导小组研究同意" in detail


def test_announcement_page_and_docx(tree, office, client):
    import docx

    term = make_term(tree.city)
    inspection = make_inspection(
        term,
        [tree.district],
        entry_on=date(2020, 12, 28),
        exit_on=date(2021, 2, 28),
        phone="0592-2918100",
        mailbox="厦门市邮政101号信箱",
    )
    page = client.get(f"/inspections/{inspection.pk}/announcement/").content.decode()
    assert "2020年12月28日至2021年2月28日" in page and "0592-2918100" in page
    response = client.get(f"/inspections/{inspection.pk}/announcement.docx")
    named = (f"市委第一巡察组巡察公告-{inspection.title}.docx", f"announcement-{inspection.pk}.docx")
    assert download_name(response) == named
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "市委第一巡察组巡察公告" in text and "厦门市邮政101号信箱" in text
    run = document.paragraphs[1].runs[0]
    assert (
        run._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋_GB2312"
    )


def test_reply_upload_is_checked_by_content(tree, office, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xuncha.inspections.domain import create_information_request

    term = make_term(tree.city)
    inspection = make_inspection(term, [tree.district], entry_on=date(2023, 3, 1))
    request = create_information_request(
        inspection,
        by=None,
        recipient_kind="audit",
        subject="审计情况",
        sent_on=date(2023, 2, 1),
        due_on=date(2023, 2, 10),
    )
    url = f"/inspections/requests/{request.pk}/reply/"
    fake = SimpleUploadedFile("回复.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    response = client.post(url, {"reply": "见附件", "replied_on": "2023-02-08", "files": fake})
    assert "不接受这种文件" in response.content.decode()
    request.refresh_from_db()
    assert request.replied_on is None
    real = SimpleUploadedFile("回复.pdf", b"%PDF-1.4\n%fake but well-formed head\n", content_type="application/pdf")
    assert client.post(url, {"reply": "见附件", "replied_on": "2023-02-08", "files": real}).status_code == 302
    request.refresh_from_db()
    assert request.replied_on == date(2023, 2, 8) and request.files.count() == 1
