"""Traditional characters are read as simplified before parsing (parsing/traditional.py)."""

from pathlib import Path

import opencc

from xuncha.reports.parsing import parse_file, parse_text
from xuncha.reports.parsing.traditional import is_traditional, to_simplified

FIXTURES = Path(__file__).parent / "fixtures"
TRADITIONAL = FIXTURES / "seed_004_excerpt_traditional.txt"


def test_the_fixture_is_seed_004_written_in_traditional_characters():
    text = TRADITIONAL.read_text(encoding="utf-8")
    assert "省委巡視一組對湖裡區委開展巡視" in text
    assert is_traditional(text)


def test_traditional_text_parses_to_the_same_report_as_its_simplified_original(seed_004):
    lines = seed_004.split("\n")
    simplified = "\n".join(lines[0:2] + lines[7:43] + lines[212:218] + lines[-3:])
    assert opencc.OpenCC("s2tw").convert(simplified) == TRADITIONAL.read_text(encoding="utf-8")
    report = parse_file(TRADITIONAL)
    assert report.to_dict() == parse_text(simplified).to_dict()
    assert report.inspection.body == "省委巡视一组"
    assert report.issuer == "中共厦门市湖里区委"
    assert report.counted.problems == 4
    assert report.problems()[0].title == "学习还不够到位"
    assert report.stated_values("measures_total") == [112]


def test_the_whole_of_seed_004_in_traditional_characters_gives_the_same_tree(seed_004):
    traditional = opencc.OpenCC("t2hk").convert(opencc.OpenCC("s2t").convert(seed_004))
    assert parse_text(traditional).to_dict() == parse_text(seed_004).to_dict()


def test_simplified_text_is_left_exactly_as_it_is():
    # 乾 and 於 are traditional forms but also simplified names' characters: never converted alone
    text = "乾隆年间,於某某对湖里区委开展巡察。"
    assert not is_traditional(text)
    assert to_simplified(text) == text


def test_one_traditional_character_in_fifty_is_enough():
    simplified = "对" * 49
    assert not is_traditional(simplified)
    assert is_traditional(simplified + "對")
    assert not is_traditional("對" + "对" * 50)
    assert to_simplified("巡視組" + "对" * 10) == "巡视组" + "对" * 10


def test_text_without_chinese_is_not_traditional():
    assert not is_traditional("Hello, world. 123")
    assert to_simplified("") == ""
