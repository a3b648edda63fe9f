"""A ledger to export and import: one inspection of two districts (思明区 and 湖里区), each with
its plan, measures, a problem still without a measure, and users on each side."""

import io
from dataclasses import dataclass
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from tests.factories import complete_measure_fields, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings.domain import add_aspect, add_problem
from xuncha.rectification import domain


@dataclass
class LedgerCase:
    inspection: object
    problems: list
    plan: object
    other_plan: object
    measures: list
    other_measure: object
    office: object
    liaison: object
    other_liaison: object
    unit: object


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case(tree) -> LedgerCase:
    """Problems (1)–(3) of 思明区 and (4)–(5) of 湖里区 in two aspects. Measure 1 serves (1) and (2),
    measure 2 serves (2) and is ongoing; (3) and (5) have no measure yet; 湖里区's measure serves (4)."""
    term = make_term(tree.city)
    inspection = make_inspection(
        term,
        [tree.district, tree.other_district],
        title="对两区的巡察",
        entry_on=date(2021, 1, 11),
        exit_on=date(2021, 2, 6),
        feedback_on=date(2021, 6, 25),
    )
    before = date(2021, 6, 1)
    first = add_aspect(inspection, by=None, title="落实党的理论和路线方针政策方面", today=before)
    second = add_aspect(inspection, by=None, title="落实全面从严治党战略部署方面", today=before)
    problems = [
        add_problem(inspection, by=None, aspect=aspect, title=title, organisation=org, today=before)
        for aspect, title, org in [
            (first, "学习贯彻不够深入", tree.district),
            (first, "调查研究不够扎实", tree.district),
            (second, "主体责任落实有差距", tree.district),
            (second, "监督责任履行不到位", tree.other_district),
            (second, "作风建设仍有短板", tree.other_district),
        ]
    ]
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measures = [
        domain.add_measure(
            plan,
            by=None,
            problems=problems[:2],
            units=[tree.street, tree.community],
            **complete_measure_fields(tree.street, deadline=date(2025, 2, 20)),
        ),
        domain.add_measure(
            plan,
            by=None,
            problems=[problems[1]],
            **complete_measure_fields(tree.district, deadline=None, ongoing=True, stage_target="每季度检查一次"),
        ),
    ]
    other_plan = domain.start_plan(inspection, by=None, organisation=tree.other_district)
    other = domain.add_measure(
        other_plan, by=None, problems=[problems[3]], **complete_measure_fields(tree.other_street, leader="湖里区领导")
    )
    return LedgerCase(
        inspection=inspection,
        problems=problems,
        plan=plan,
        other_plan=other_plan,
        measures=measures,
        other_measure=other,
        office=user_with_role(Role.OFFICE, tree.city),
        liaison=user_with_role(Role.LIAISON, tree.district),
        other_liaison=user_with_role(Role.LIAISON, tree.other_district),
        unit=user_with_role(Role.RESPONSIBLE_UNIT, tree.community),
    )


def sheet_rows(content: bytes) -> list[list]:
    """Every row of the ledger sheet, as python-calamine reads it."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def data_rows(content: bytes) -> list[dict]:
    """Rows below the header, as {header: value}."""
    rows = sheet_rows(content)
    headers = rows[1]
    return [dict(zip(headers, row, strict=True)) for row in rows[2:]]


def edited(content: bytes, edit) -> bytes:
    """The workbook after `edit(sheet)` changed it, as a user would in Excel (openpyxl)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    edit(book.active)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column_of(sheet, header: str) -> int:
    return next(cell.column for cell in sheet[2] if cell.value == header)


def row_of(sheet, key_prefix: str) -> int:
    key = column_of(sheet, "台账编号")
    return next(r for r in range(3, sheet.max_row + 1) if str(sheet.cell(r, key).value or "").startswith(key_prefix))


def upload(content: bytes, name: str = "台账.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
