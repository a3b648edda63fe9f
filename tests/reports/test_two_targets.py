"""The progress report (整改进展情况通报) of an inspection of two sibling organisations: each
inspected organisation generates its own, from its own problems and measures only; the office
generates either."""

import io
import zipfile

import pytest

from tests.factories import (
    OTHER_MEASURE,
    OTHER_PROBLEM,
    OWN_PROBLEM,
    two_target_inspection,
    user_with_role,
)
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


def _docx_text(response) -> str:
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        return docx.read("word/document.xml").decode()


def test_progress_report_covers_only_the_liaisons_own_organisation(tree, client):
    two = two_target_inspection(tree)
    base = f"/reports/inspection/{two.inspection.pk}/org"
    own, other = f"{base}/{tree.district.pk}/", f"{base}/{tree.other_district.pk}/"
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    theirs = client.get(other)
    assert theirs.status_code == 200 and OTHER_PROBLEM in theirs.content.decode()
    assert OTHER_PROBLEM in _docx_text(client.get(f"{other}report.docx"))
    assert OTHER_PROBLEM not in client.get(own).content.decode()  # each report is one organisation's
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    page = client.get(own)
    body = page.content.decode()
    assert page.status_code == 200 and OWN_PROBLEM in body
    assert OTHER_PROBLEM not in body and OTHER_MEASURE not in body
    docx = _docx_text(client.get(f"{own}report.docx"))
    assert OWN_PROBLEM in docx and OTHER_PROBLEM not in docx and OTHER_MEASURE not in docx
    assert client.get(other).status_code == 404
    assert client.get(f"{other}report.docx").status_code == 404
