from datetime import date, datetime

import pytest

from xuncha.ledger.cells import (
    CellError,
    cell_text,
    format_deadline,
    parse_deadline,
    parse_problem_refs,
    same_text,
    split_names,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025年2月20日", (date(2025, 2, 20), False)),
        ("2025年2月20日前完成", (date(2025, 2, 20), False)),
        ("2025-2-20", (date(2025, 2, 20), False)),
        ("2025/02/20", (date(2025, 2, 20), False)),
        ("2025.2.20", (date(2025, 2, 20), False)),
        ("2025年12月底前", (date(2025, 12, 31), False)),
        ("2024年2月底", (date(2024, 2, 29), False)),
        ("2025年底", (date(2025, 12, 31), False)),
        ("长期坚持", (None, True)),
        ("2025年2月20日；长期坚持", (date(2025, 2, 20), True)),
        (datetime(2025, 2, 20), (date(2025, 2, 20), False)),
        (date(2025, 2, 20), (date(2025, 2, 20), False)),
        ("", (None, False)),
    ],
)
def test_deadlines_are_read_the_ways_offices_write_them(cell, expected):
    assert parse_deadline(cell) == expected


@pytest.mark.parametrize("cell", ["尽快", "立行立改", "2025年13月1日", "2025年2月30日", "45678"])
def test_anything_else_is_not_a_deadline(cell):
    with pytest.raises(CellError):
        parse_deadline(cell)


def test_deadlines_write_back_as_they_read():
    for deadline, ongoing in [(date(2025, 2, 20), False), (None, True), (date(2025, 2, 20), True), (None, False)]:
        assert parse_deadline(format_deadline(deadline, ongoing)) == (deadline, ongoing)


def test_problems_are_named_by_number():
    assert parse_problem_refs("（1）学习不够\n续行文字\n(12) 另一个") == [("1", "学习不够"), ("12", "另一个")]
    assert parse_problem_refs("3、5") == [("3", ""), ("5", "")]
    assert parse_problem_refs("") == []
    with pytest.raises(CellError):
        parse_problem_refs("学习不够深入")


def test_names_and_cell_values():
    assert split_names("梧村街道、文灶社区,\n梧村街道；湖里街道") == ["梧村街道", "文灶社区", "湖里街道"]
    assert (cell_text(12.0), cell_text(1.5), cell_text(None)) == ("12", "1.5", "")
    assert same_text("第一行\n第二行 ", "第一行\r\n第二行") and not same_text("第一行", "第二行")
