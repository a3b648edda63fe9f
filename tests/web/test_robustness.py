import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import OrganisationFactory, user_with_role
from xuncha.accounts.enums import Role
from xuncha.files.checks import check_upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/inspections/?term=abc",
        "/inspections/new/?term=abc",
        "/people/?org=abc",
        "/inspections/export.xlsx?term=x",
        "/clues/?inspection=x",
        "/petitions/?inspection=1e3",
        "/clues/new/?inspection=abc",
        "/clues/figures/?inspection=abc",
    ],
)
def test_malformed_ids_never_crash(tree, client, url):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert client.get(url).status_code in (200, 404)


def test_exports_keep_user_text_as_text(tree, client):
    OrganisationFactory(parent=tree.city, name='=HYPERLINK("http://evil.example","点我")')
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    book = openpyxl.load_workbook(io.BytesIO(client.get("/orgs/export.xlsx").content))
    cells = [c for row in book.active.iter_rows() for c in row if "HYPERLINK" in str(c.value or "")]
    # text, and neutralised (OWASP's leading apostrophe, stored as Excel stores it: the cell's
    # quote prefix): it stays text even after someone edits the cell in Excel
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_chinese_text_uploads_are_accepted_whatever_the_cut():
    for prefix in range(3):  # move the 4096-byte cut to each byte of a three-byte character
        body = ("a" * prefix + "巡察整改情况说明。" * 600).encode()
        check_upload(SimpleUploadedFile("说明.txt", body))
    check_upload(SimpleUploadedFile("说明.txt", ("巡察整改" * 2000).encode("gb18030")))
    with pytest.raises(Exception, match="不接受"):
        check_upload(SimpleUploadedFile("程序.txt", bytes(range(256)) * 20))
