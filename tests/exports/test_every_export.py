"""Every spreadsheet download goes through the one writer: each export, fetched as its users
fetch it, has its header frozen, filtered and printed on every page, its dates as real dates
in the one date format, its numbers as numbers, and no other module writes .xlsx."""

import io
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.utils.translation import gettext, override

import xuncha
from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.exports.xlsx import DATE_FORMAT, DATETIME_FORMAT

pytestmark = pytest.mark.django_db
SOURCE = Path(xuncha.__file__).parent


@pytest.fixture
def world(tree, settings, tmp_path):
    from xuncha.clues.domain import create_clue
    from xuncha.findings.domain import ensure_default_categories
    from xuncha.petitions.domain import receive_petition
    from xuncha.petitions.identity import Identity
    from xuncha.rectification import domain

    settings.MEDIA_ROOT = tmp_path
    ensure_default_categories()
    inspection = dated_inspection(tree, title="对思明区的常规巡察", feedback_on=date(2021, 6, 25))
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    domain.add_measure(
        plan, by=None, problems=[problem], **complete_measure_fields(tree.street, deadline=date(2025, 2, 20))
    )
    create_clue(
        inspection,
        by=None,
        allegation="反映某科长违规收受购物卡",
        source="talk",
        received_on=date(2021, 1, 20),
        persons=[{"name": "丁某某", "rank": "section"}],
    )
    receive_petition(
        inspection,
        by=None,
        channel="letter",
        received_on=date(2021, 1, 15),
        content="反映某科长违规收受购物卡",
        identity=Identity(name="王小明", phone="13800007777", workplace="", address=""),
    )
    return {"tree": tree, "inspection": inspection}


# (url, role, header row (0: the header row 1 of an export the world gives no rows), a date column's
# header (its English msgid) or None, a datetime column's or None)
EXPORTS = [
    ("/orgs/export.xlsx", Role.OFFICE, 1, None, None),
    ("/people/export.xlsx", Role.OFFICE, 1, None, None),
    ("/accounts/grants/export.xlsx", Role.AUDITOR, 1, "Granted at", None),
    ("/audit/export.xlsx", Role.AUDITOR, 1, None, "Time"),
    ("/inspections/export.xlsx", Role.OFFICE, 1, "Entry", None),
    ("/findings/inspection/{inspection}/export.xlsx", Role.OFFICE, 0, None, None),
    ("/clues/export.xlsx", Role.OFFICE, 1, "Received on", None),
    ("/petitions/export.xlsx", Role.OFFICE, 1, "Received on", None),
    ("/petitions/fixes/export.xlsx", Role.OFFICE, 0, None, None),
    ("/supervision/warnings/export.xlsx", Role.OFFICE, 0, None, None),
    ("/supervision/documents/export.xlsx", Role.OFFICE, 0, None, None),
    ("/supervision/interviews/export.xlsx", Role.OFFICE, 0, None, None),
    ("/ledger/export.xlsx", Role.OFFICE, 1, "Deadline", None),
    ("/plans/{term}/coverage.xlsx", Role.OFFICE, 1, None, None),
    ("/ledger/inspection/{inspection}/export.xlsx", Role.OFFICE, 2, None, None),
    ("/ledger/term/{term}/export.xlsx", Role.OFFICE, 2, None, None),
]


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("url", "role", "header", "day", "moment"), EXPORTS)
def test_every_export_is_written_by_the_one_writer(world, client, url, role, header, day, moment):
    tree, inspection = world["tree"], world["inspection"]
    rows, header = header > 0, max(header, 1)
    client.force_login(user_with_role(role, tree.city))
    response = client.get(url.format(inspection=inspection.pk, term=inspection.term_id), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]  # the Chinese name (RFC 5987)
    sheet = openpyxl.load_workbook(io.BytesIO(_content(response))).active
    assert sheet.freeze_panes == f"A{header + 1}"
    assert re.fullmatch(rf"A{header}:[A-Z]+\d+", sheet.auto_filter.ref)
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.fitToHeight == 0
    assert sheet.max_row > header or not rows  # some rows, so that the checks below can fail
    cells = [c for row in sheet.iter_rows(min_row=header + 1) for c in row if c.value is not None]
    assert all(c.number_format in (DATE_FORMAT, DATETIME_FORMAT) for c in cells if c.is_date)
    assert not any(c.is_date for c in sheet[header])
    with override("zh-hans"):
        headers = [c.value for c in sheet[header]]
        for label, number_format in ((day, DATE_FORMAT), (moment, DATETIME_FORMAT)):
            if label is None:
                continue
            column = headers.index(gettext(label)) + 1
            values = [sheet.cell(r, column) for r in range(header + 1, sheet.max_row + 1)]
            assert values and all(c.is_date and c.number_format == number_format for c in values if c.value)
            assert any(c.value for c in values)
    numbers = [c for c in cells if c.data_type == "n" and not c.is_date]
    assert all(isinstance(c.value, int | float) for c in numbers)


def test_the_ledgers_deadline_is_a_real_date(world, client):
    inspection = world["inspection"]
    client.force_login(user_with_role(Role.OFFICE, world["tree"].city))
    content = _content(client.get(f"/ledger/inspection/{inspection.pk}/export.xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    column = next(c.column for c in sheet[2] if c.value == "整改时限")
    deadline = next(sheet.cell(r, column) for r in range(3, sheet.max_row + 1) if sheet.cell(r, column).value)
    assert deadline.is_date and deadline.value == datetime(2025, 2, 20) and deadline.number_format == DATE_FORMAT


def test_only_the_writer_writes_xlsx():
    writers = {
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if re.search(r"^\s*(import xlsxwriter|from xlsxwriter\b)", path.read_text(), re.MULTILINE)
    }
    assert writers == {"exports/xlsx.py"}
