"""The normaliser folds spellings and removes furniture, so variants parse to one tree."""

import pytest

from xuncha.reports.parsing.markers import Mark, classify
from xuncha.reports.parsing.normalize import is_furniture, normalize_chars, normalize_text


def test_full_width_brackets_digits_and_dots_become_ascii():
    assert normalize_chars("（一）落实方面") == "(一)落实方面"
    assert normalize_chars("（１２）问题。") == "(12)问题。"
    assert normalize_chars("1．学习") == "1.学习"
    assert normalize_chars("整改情况：一是，二是；") == "整改情况:一是,二是;"


def test_chinese_punctuation_without_ascii_twin_is_kept():
    assert normalize_chars("“两高两化”、《方案》。") == "“两高两化”、《方案》。"


def test_circled_numbers_are_kept_but_parenthesised_digits_are_unfolded():
    assert normalize_chars("①针对") == "①针对"
    assert normalize_chars("⑴学习") == "(1)学习"
    assert normalize_chars("⒉学习") == "2.学习"


def test_no_break_and_ideographic_spaces_become_spaces_and_lines_are_stripped():
    assert normalize_chars("\u3000\u3000根据部署") == "根据部署"
    assert normalize_chars("40.\xa0攻坚历史遗留问题") == "40. 攻坚历史遗留问题"
    assert normalize_chars("人均\xa0\xa0 GDP") == "人均 GDP"
    assert normalize_chars("\ufeff标题\u200b") == "标题"


def test_tabs_are_spaces_and_other_control_characters_go():
    assert normalize_chars("整改\t情况\x01:\x7f") == "整改 情况:"


def test_mixed_line_endings_become_one():
    assert normalize_text("甲。\r\n乙。\r丙。\n丁。") == "甲。\n乙。\n丙。\n丁。"


@pytest.mark.parametrize("line", ["1.学习", "1、学习", "1. 学习", "40. 攻坚"])
def test_numbered_heading_spellings_are_one_mark(line):
    marked = classify(normalize_chars(line))
    assert marked.mark is Mark.NUM_DOT
    assert marked.rest in ("学习", "攻坚")


@pytest.mark.parametrize(
    ("line", "mark"),
    [
        ("一、提高认识", Mark.SECTION),
        ("(一)落实方面", Mark.PAREN_CN),
        ("(12)学习", Mark.PAREN_NUM),
        ("③针对", Mark.CIRCLED),
        ("一是强化", Mark.ORDINAL),
        ("2.56万个学位", Mark.TEXT),
        ("一、二季度经济", Mark.TEXT),
        ("2021年1月", Mark.TEXT),
    ],
)
def test_marks_are_classified(line, mark):
    assert classify(line).mark is mark


@pytest.mark.parametrize(
    "line",
    [
        "扫一扫在手机上查看当前页面",
        "打印本页",
        "【打印本页】【关闭窗口】",
        "关闭窗口",
        "【字体：大 中 小】",
        "字号:[ 大 中 小 ]",
        "来源:区住建局",
        "来源：湖里区委办",
        "— 3 —",
        "- 3 -",
        "-12-",
        "第 3 页",
        "第3页 共10页",
        "3/10",
        "7",
        "当前位置: 首页 > 政务公开 > 新闻公告",
        "时间:2025-12-25 08:54",
        "上一篇:关于…",
    ],
)
def test_page_furniture_is_recognised(line):
    assert is_furniture(normalize_chars(line))


@pytest.mark.parametrize(
    "line",
    [
        "(1)学习还不够到位。",
        "完成时限:2022年12月31日前。",
        "中共厦门市湖里区委",
        "2022年2月22日",
        "整改情况:",
    ],
)
def test_report_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_furniture_is_dropped_from_text():
    text = "【字体：大 中 小】\n标题\n打印本页 关闭窗口\n正文。\n扫一扫在手机上查看当前页面"
    assert normalize_text(text) == "标题\n正文。"


def test_line_ending_in_comma_is_joined_with_the_next():
    assert normalize_text("研究制定整改措施112项,\n完成问题整改30个。") == "研究制定整改措施112项,完成问题整改30个。"


def test_marker_alone_on_a_line_is_joined_with_its_text():
    assert normalize_text("(1)\n学习还不够到位。") == "(1)学习还不够到位。"


def test_heading_is_not_joined_with_the_following_paragraph():
    text = "二、坚持目标导向,围绕反馈意见逐条落实\n在整改工作中,区委注意统筹兼顾。"
    assert normalize_text(text).split("\n") == text.split("\n")


def test_hard_wrapped_lines_are_joined_across_a_page_number():
    paragraph = (
        "整改情况:一是制定债务化解方案压减隐性债务八点六亿元;二是建立债务风险月度监测机制并按月通报全市各县区执行情况。"
    )
    wrapped = [paragraph[i : i + 20] for i in range(0, len(paragraph), 20)]
    filler = [f"第{i}段文字用于撑满版面以形成固定的行宽。" for i in range(6)]
    assert {len(line) for line in [*filler, *wrapped[:-1]]} == {20}
    text = "\n".join([*filler, wrapped[0], "— 2 —", *wrapped[1:], "4.政府债务风险管控不严。"])
    lines = normalize_text(text).split("\n")
    assert paragraph in lines
    assert lines[-1] == "4.政府债务风险管控不严。"


def test_paragraph_per_line_text_is_not_joined(seed_004):
    assert len(normalize_text(seed_004).split("\n")) == len([line for line in seed_004.split("\n") if line.strip()])
