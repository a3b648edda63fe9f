"""Chinese numerals as reports write them: counts ("五方面", "二十一个专题") and headings ("(十二)")."""

import pytest

from xuncha.reports.parsing.numerals import chinese_to_int, int_to_chinese, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十七", 17),
        ("二十", 20),
        ("二十一", 21),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("三百二十六", 326),
        ("两千", 2000),
        ("一千零一十", 1010),
        ("三万五千", 35000),
        ("十万", 100000),
        ("零", 0),
        ("〇", 0),
        ("两", 2),
        ("二〇二二", 2022),
        ("二〇一九", 2019),
    ],
)
def test_chinese_to_int_reads_unit_and_digit_spellings(text, value):
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十十", "百", "五十四五", "abc", "十四五", "一万万"])
def test_chinese_to_int_rejects_non_numerals(text):
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "一"),
        (10, "十"),
        (17, "十七"),
        (21, "二十一"),
        (99, "九十九"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (2000, "二千"),
        (10005, "一万零五"),
        (100000, "十万"),
    ],
)
def test_int_to_chinese_writes_document_style(value, text):
    assert int_to_chinese(value) == text


@pytest.mark.parametrize("value", [*range(0, 250), 999, 1000, 1001, 9999, 10000, 12345, 99999])
def test_int_to_chinese_round_trips(value):
    assert chinese_to_int(int_to_chinese(value)) == value


def test_parse_number_reads_arabic_with_commas_and_decimals():
    assert parse_number("1,395") == 1395
    assert parse_number("98.71") == 98.71
    assert parse_number("17") == 17
    assert parse_number("十七") == 17
