"""Dates as Chinese documents write them (parsing/dates.py)."""

from datetime import date

import pytest

from xuncha.reports.parsing.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年2月22日", date(2022, 2, 22)),
        ("2022 年 2 月 22 日", date(2022, 2, 22)),
        ("二〇二二年二月二十二日", date(2022, 2, 22)),
        ("二○二一年十二月三十一日", date(2021, 12, 31)),
        ("2022.2.22", date(2022, 2, 22)),
        ("2022-02-22", date(2022, 2, 22)),
        ("2022/2/22", date(2022, 2, 22)),
        ("2022年2月30日", None),
        ("2022年6月底", date(2022, 6, 30)),
        ("2024年2月底", date(2024, 2, 29)),
        ("2月22日", None),
        ("2022年2月22日前", None),
    ],
)
def test_parse_date_reads_a_whole_date_with_its_year(text, expected):
    assert parse_date(text) == expected


def test_a_date_without_a_year_takes_the_year_of_the_one_before_and_rolls_over():
    text = "2021年1月11日至2月6日,省委巡视一组对湖里区委开展巡视。6月25日,巡视组反馈巡视意见。1月5日再次通报。"
    found = find_dates(text)
    assert [entry.value for entry in found] == [
        date(2021, 1, 11),
        date(2021, 2, 6),
        date(2021, 6, 25),
        date(2022, 1, 5),
    ]
    assert [entry.has_year for entry in found] == [True, False, False, False]
    assert text[found[1].start : found[1].end] == "2月6日"


def test_without_a_year_or_reference_nothing_is_guessed():
    assert find_dates("7月3日,区委召开常委会会议") == []
    assert [e.value for e in find_dates("7月3日,区委召开常委会会议", reference=date(2021, 6, 25))] == [date(2021, 7, 3)]


def test_numbers_that_are_not_dates_are_not_read():
    assert find_dates("整改措施112项,完成率93.48%,电话0592-5720117") == []
