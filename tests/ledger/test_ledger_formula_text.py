"""Formula-like text in a ledger (OWASP): exported quote-prefixed, so that it stays text when
someone edits the cell in Excel, and read back by the import exactly as it was written, so
that the round trip loses nothing."""

import io

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tests.ledger.conftest import column_of, data_rows, edited, row_of, upload
from xuncha.rectification import domain
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db

TEXTS = {
    "整改目标": '=HYPERLINK("http://evil.example","点我")',
    "整改措施": "-1. 召开专题会议，+2. 建立台账",
    "阶段目标": "@全体党员：每月自查",
    "完成标准": "'按期完成",
}
FIELDS = {"整改目标": "target", "整改措施": "content", "阶段目标": "stage_target", "完成标准": "standard"}


def _export(client, case) -> bytes:
    client.force_login(case.office)
    response = client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _import(client, case, content: bytes):
    response = client.post(f"/ledger/inspection/{case.inspection.pk}/import/", {"ledger": upload(content)})
    assert response.status_code == 302, response.content.decode()


@pytest.fixture
def formula_like(case):
    measure = case.measures[0]
    domain.update_measure(measure, by=None, expected_version=1, **{FIELDS[h]: t for h, t in TEXTS.items()})
    return Measure.objects.get(pk=measure.pk)


def test_formula_like_text_is_exported_quote_prefixed_and_unchanged(client, case, formula_like):
    content = _export(client, case)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    row = row_of(sheet, f"M{formula_like.pk}:")
    for header, text in TEXTS.items():
        cell = sheet.cell(row, column_of(sheet, header))
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True), header
    assert not sheet.cell(row, column_of(sheet, "责任领导")).quotePrefix  # plain text is left as it is
    # what the import's reader sees: the very text, with no apostrophe to undo
    ours = next(r for r in data_rows(content) if r["台账编号"].startswith(f"M{formula_like.pk}:"))
    assert {h: ours[h] for h in TEXTS} == TEXTS


def test_an_unchanged_ledger_with_formula_like_text_imports_as_unchanged(client, case, formula_like):
    content = _export(client, case)
    _import(client, case, content)
    measure = Measure.objects.get(pk=formula_like.pk)
    assert measure.version == formula_like.version
    assert {h: getattr(measure, FIELDS[h]) for h in TEXTS} == TEXTS
    assert data_rows(_export(client, case)) == data_rows(content)


def test_an_edit_beside_formula_like_text_keeps_it_and_typed_formula_like_text_arrives_whole(
    client, case, formula_like
):
    def edit(sheet):
        row = row_of(sheet, f"M{formula_like.pk}:")
        sheet.cell(row, column_of(sheet, "责任领导")).value = "区委书记"
        # a cell the user retyped: it keeps its quote prefix, so Excel kept the text as typed
        sheet.cell(row, column_of(sheet, "整改措施")).value = "-3. 开展回头看"

    changed = edited(_export(client, case), edit)
    row = openpyxl.load_workbook(io.BytesIO(changed)).active
    assert row.cell(row_of(row, f"M{formula_like.pk}:"), column_of(row, "整改措施")).quotePrefix
    _import(client, case, changed)
    measure = Measure.objects.get(pk=formula_like.pk)
    assert (measure.leader, measure.content) == ("区委书记", "-3. 开展回头看")
    assert (measure.target, measure.stage_target, measure.standard) == (
        TEXTS["整改目标"],
        TEXTS["阶段目标"],
        TEXTS["完成标准"],
    )
    exported = CalamineWorkbook.from_filelike(io.BytesIO(_export(client, case))).get_sheet_by_index(0)
    assert "-3. 开展回头看" in {cell for row in exported.to_python() for cell in row}
