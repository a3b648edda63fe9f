"""Chinese punctuation and balanced title lines: the writer's text rules."""

import pytest

from xuncha.documents.lines import balance
from xuncha.documents.punctuation import normalise, normalise_number


@pytest.mark.parametrize(
    ("given", "printed"),
    [
        ("(一)总体情况", "（一）总体情况"),
        ("(1)建立台账,完成整改", "（1）建立台账，完成整改"),
        ("整改情况:一是加强领导", "整改情况：一是加强领导"),
        ("共计1,000元,时间8:00至18:00", "共计1,000元，时间8:00至18:00"),  # digits keep their marks
        ("他说“要落实“两个责任”的要求”。", "他说“要落实‘两个责任’的要求”。"),  # nested quotes
        ("1. 第一项", "1. 第一项"),  # the third level's half-width full stop
        ("English (text), ok", "English (text), ok"),  # no Chinese: untouched
    ],
)
def test_ledger_text_gets_chinese_punctuation(given, printed):
    assert normalise(given) == printed
    assert normalise(printed) == printed  # and keeps it


def test_document_numbers_take_hexagonal_brackets():
    assert normalise_number("厦巡督[2025]3号") == "厦巡督〔2025〕3号"
    assert normalise_number("厦巡督（2025）3号") == "厦巡督〔2025〕3号"


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("关于巡察整改事项即将到期的提醒书", ["关于巡察整改事项即将到期的提醒书"]),
        (
            "中共厦门市湖里区委员会关于市委第一巡察组巡察反馈意见整改进展情况的通报",
            ["中共厦门市湖里区委员会关于市委第一巡察组", "巡察反馈意见整改进展情况的通报"],
        ),
        ("中共厦门市湖里区委关于巡视整改进展情况的通报", ["中共厦门市湖里区委", "关于巡视整改进展情况的通报"]),
        (
            "中共厦门市湖里区委员会关于十二届市委第十轮巡察整改进展情况的通报",
            ["中共厦门市湖里区委员会关于十二届市委", "第十轮巡察整改进展情况的通报"],
        ),
        (
            "中共厦门市湖里区委关于省委第三巡视组巡视反馈意见整改进展情况的通报",
            ["中共厦门市湖里区委关于省委第三巡视组", "巡视反馈意见整改进展情况的通报"],
        ),
    ],
)
def test_titles_break_into_balanced_lines_at_words(title, lines):
    assert balance(title) == lines


def test_no_title_leaves_a_short_word_alone_on_a_line():
    for title in (
        "中共厦门市思明区委员会关于十二届市委第十轮巡察集中整改进展情况的通报",
        "关于市委第二巡察组对市民族与宗教事务局党组开展巡察情况的通报",
        "中共厦门市委巡察工作领导小组办公室关于进一步做好巡察整改工作的通知",
    ):
        lines = balance(title)
        assert "".join(lines) == title
        assert all(4 <= len(line) <= 20 for line in lines), lines
        assert not any(line.endswith("关于") for line in lines), lines
