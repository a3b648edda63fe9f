"""Excel's cell limit (32,767 UTF-16 units): a text typed into the ledger must fit in a cell;
a longer one already in the platform is written cut short with a mark, the rest of its row and
its key intact, and the export imports back as the same rows, changing nothing."""

from datetime import date

import pytest

from tests.ledger.conftest import column_of, data_rows, edited, row_of, upload
from xuncha.findings.domain import add_problem
from xuncha.findings.models import Problem
from xuncha.ledger.cells import CELL_LIMIT, utf16_length
from xuncha.ledger.columns import CUT_MARK
from xuncha.orgs.models import Organisation
from xuncha.rectification import domain
from xuncha.rectification.forms import MeasureForm
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db

LONG_TEXTS = {
    "chinese": "一是加强学习。" * 6000,  # 42,000 characters
    "beyond-bmp": "𠀀" * 20000,  # 20,000 characters, 40,000 UTF-16 units: what Excel counts
}


def _export(client, case) -> bytes:
    client.force_login(case.office)
    return b"".join(client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx").streaming_content)


def _import(client, case, content: bytes):
    return client.post(f"/ledger/inspection/{case.inspection.pk}/import/", {"ledger": upload(content)})


def _state():
    return [
        (m.pk, m.version, m.target, m.content, m.leader, m.standard, sorted(m.problems.values_list("pk", flat=True)))
        for m in Measure.objects.order_by("pk")
    ]


@pytest.mark.parametrize("long", LONG_TEXTS.values(), ids=LONG_TEXTS.keys())
def test_export_cuts_a_long_text_visibly_and_keeps_the_rest_of_its_row(client, case, long):
    measure = domain.update_measure(case.measures[0], by=None, expected_version=1, content=long)
    row = next(r for r in data_rows(_export(client, case)) if r["台账编号"] == f"M{measure.pk}:{measure.version}")
    assert row["整改措施"].endswith(CUT_MARK) and utf16_length(row["整改措施"]) <= CELL_LIMIT
    assert long.startswith(row["整改措施"].removesuffix(CUT_MARK))
    assert row["责任领导"] == measure.leader and row["完成标准"] == measure.standard


@pytest.mark.parametrize("long", LONG_TEXTS.values(), ids=LONG_TEXTS.keys())
def test_export_with_a_cut_text_imports_back_as_the_same_rows(client, case, long):
    domain.update_measure(case.measures[0], by=None, expected_version=1, content=long)
    before = _state()
    response = _import(client, case, _export(client, case))
    assert response.status_code == 302
    assert _state() == before  # the same row: no measure added, none changed, the long text whole


def test_other_edits_on_a_row_with_a_cut_text_apply_and_keep_the_whole_text(client, case):
    long = LONG_TEXTS["chinese"]
    measure = domain.update_measure(case.measures[0], by=None, expected_version=1, content=long)

    def edit(sheet):
        sheet.cell(row_of(sheet, f"M{measure.pk}:"), column_of(sheet, "完成标准")).value = "新的完成标准"

    assert _import(client, case, edited(_export(client, case), edit)).status_code == 302
    measure.refresh_from_db()
    assert (measure.standard, measure.content) == ("新的完成标准", long)


def test_an_edited_cut_cell_is_refused_with_a_message(client, case):
    measure = domain.update_measure(case.measures[0], by=None, expected_version=1, content=LONG_TEXTS["chinese"])
    before = _state()

    def edit(sheet):
        cell = sheet.cell(row_of(sheet, f"M{measure.pk}:"), column_of(sheet, "整改措施"))
        cell.value = "二" + cell.value[1:]

    response = _import(client, case, edited(_export(client, case), edit))
    errors = response.context["result"].errors
    assert [(e.column, "导出时已截短" in e.message) for e in errors] == [("整改措施", True)]
    assert _state() == before


def test_a_problem_without_a_measure_whose_wording_is_cut_imports_unchanged(client, case):
    add_problem(
        case.inspection,
        by=None,
        aspect=case.problems[0].aspect,
        title="很长的问题" * 7000,
        organisation=case.problems[0].organisation,
        today=date(2021, 6, 1),  # before the feedback, as the case's own problems
    )
    before = _state()
    content = _export(client, case)
    assert any(r["反馈问题"].endswith(CUT_MARK) for r in data_rows(content))
    assert _import(client, case, content).status_code == 302
    assert _state() == before


def test_a_text_longer_than_a_cell_in_the_ledger_file_is_refused_not_stored_cut(client, case):
    """openpyxl writes the whole text; python-calamine reads back no more than a cell holds."""
    before = _state()

    def edit(sheet):
        sheet.cell(row_of(sheet, f"M{case.measures[0].pk}:"), column_of(sheet, "整改措施")).value = "长" * 33000

    response = _import(client, case, edited(_export(client, case), edit))
    errors = response.context["result"].errors
    assert [(e.column, "可能已被截断" in e.message) for e in errors] == [("整改措施", True)]
    assert _state() == before


def test_measure_form_holds_each_text_to_an_excel_cell(case):
    data = {"problems": [case.problems[0].pk], "content": "长" * (CELL_LIMIT + 1), "standard": "𠀀" * 16384}
    form = MeasureForm(data, problems=Problem.objects.all(), organisations=Organisation.objects.all())
    assert not form.is_valid()
    assert set(form.errors) == {"content", "standard"}
    assert "32767" in form.errors["content"][0]
    data.update(content="长" * CELL_LIMIT, standard="𠀀" * 16383)
    form = MeasureForm(data, problems=Problem.objects.all(), organisations=Organisation.objects.all())
    assert form.is_valid(), form.errors
