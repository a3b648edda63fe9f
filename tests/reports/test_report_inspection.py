"""What any document about an inspection says of it (parsing/inspection.py): progress reports,
opening and feedback notices, news items. None of them is refused; what a document lacks is
its "structure" check."""

from datetime import date
from pathlib import Path

import pytest

from xuncha.reports.parsing import parse_file, parse_text
from xuncha.reports.parsing.model import CheckStatus, DocumentKind

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name):
    return parse_file(FIXTURES / name)


def structure(report):
    [check] = [check for check in report.checks if check.name == "structure"]
    return check


def test_seed_004_inspection_facts_and_plan_issue_date(seed_004):
    report = parse_text(seed_004)
    assert report.document is DocumentKind.PROGRESS_REPORT
    assert report.inspection.to_dict() == {
        "body": "省委巡视一组",
        "start": "2021-01-11",
        "end": "2021-02-06",
        "feedback_on": "2021-06-25",
        "level": "province",
        "word": "巡视",
        "targets": ["湖里区委"],
        "kinds": [],
    }
    # "7月3日,区委召开区委常委会会议,…会后即印发了具体整改工作方案": the year is the feedback's
    assert report.plan_issued_on == date(2021, 7, 3)


def test_opening_notice_gives_body_target_dates_and_kind():
    report = parse("synthetic_opening_2023.txt")
    assert report.document is DocumentKind.OPENING
    assert report.aspects == []
    inspection = report.inspection
    assert (inspection.body, inspection.level, inspection.word) == ("省委第三巡视组", "province", "巡视")
    assert inspection.targets == ["云岭市"]
    assert (inspection.start, inspection.end) == (date(2023, 4, 10), date(2023, 6, 9))
    assert inspection.feedback_on is None
    assert inspection.kinds == ["routine"]
    assert report.issuer == "省委巡视办"  # the source in brackets closing the notice
    check = structure(report)
    assert check.status is CheckStatus.NOT_CHECKABLE and check.ok
    assert "an opening notice" in check.detail and "省委第三巡视组" in check.detail


def test_feedback_notice_of_a_follow_up_inspection():
    report = parse("synthetic_feedback_2023.txt")
    assert report.document is DocumentKind.FEEDBACK
    inspection = report.inspection
    assert (inspection.body, inspection.level, inspection.word) == ("市委第二巡察组", "city", "巡察")
    assert inspection.targets == ["清溪区住建局党组"]
    assert inspection.kinds == ["follow_up"]
    assert (inspection.start, inspection.end, inspection.feedback_on) == (
        date(2023, 3, 6),
        date(2023, 4, 28),
        date(2023, 8, 15),
    )
    assert (report.issuer, report.issued_on) == ("市委巡察办", date(2023, 8, 18))
    assert "a feedback notice" in structure(report).detail
    assert "follow-up (回头看)" in structure(report).detail


def test_seed_000_news_gives_the_city_body_its_kinds_and_figures():
    report = parse("seed_000_xiamen_news_2023.txt")
    assert report.document is DocumentKind.NEWS
    assert (report.inspection.body, report.inspection.level, report.inspection.word) == ("市委巡察机构", "city", "巡察")
    assert report.inspection.kinds == ["special", "joint", "routine"]
    assert report.stated_values("regulations_made") == [291]
    assert structure(report).status is CheckStatus.NOT_CHECKABLE
    assert "a news item" in structure(report).detail


def test_seed_002_news_names_the_five_inspected_bodies_and_the_follow_up_kind():
    report = parse("seed_002_xiamen_news_2021.txt")
    assert report.document is DocumentKind.NEWS
    assert report.inspection.targets == ["市委宣传部", "市委政研室", "市委台港澳办", "市民宗局党组", "驻京办党组"]
    assert report.inspection.level == "city" and report.inspection.word == "巡察"
    assert report.issuer == "厦门市纪委监委"
    assert "follow_up" in report.inspection.kinds and "escalated" in report.inspection.kinds
    assert "市委第四巡察组" not in (report.inspection.body or "抽调参与")  # a lead-in is not a place


def test_seed_003_news_is_read_without_error():
    report = parse("seed_003_qingdao_news_2023.txt")
    assert report.document is DocumentKind.NEWS
    assert report.inspection.word == "巡察"
    assert "escalated" in report.inspection.kinds
    assert structure(report).ok


def test_self_check_called_回头看_is_not_a_follow_up_inspection(seed_001):
    # seed 001 ¶6: "开展整改落实“回头看”专项工作" is the district's self-check
    assert parse_text(seed_001).inspection.kinds == []


@pytest.mark.parametrize(
    ("text", "body", "level", "word"),
    [
        ("中央第六巡视组对福建省开展常规巡视。", "中央第六巡视组", "central", "巡视"),
        ("近日,厦门市委第二巡察组对夏商集团党委开展巡察。厦门市是经济特区。", "厦门市委第二巡察组", "city", "巡察"),
        ("区委第一巡察组对梧村街道党工委开展机动巡察。", "区委第一巡察组", "district", "巡察"),
        ("县委巡察组进驻东山村开展提级巡察。", "县委巡察组", "district", "巡察"),
    ],
)
def test_level_and_word_follow_the_inspecting_committee(text, body, level, word):
    inspection = parse_text(text).inspection
    assert (inspection.body, inspection.level, inspection.word) == (body, level, word)


def test_kinds_combine_in_order_of_mention():
    text = "市委巡察组对市国资委党委开展常规巡察暨营商环境优化提升专项巡察,并开展交叉巡察。"
    assert parse_text(text).inspection.kinds == ["routine", "special", "cross"]


def test_figures_inside_problems_do_not_give_the_inspection(seed_004):
    # problem texts quote the district's own 巡察 ("发现相关问题12个"); the body stays the province's
    assert parse_text(seed_004).inspection.word == "巡视"


def test_round_summary_names_the_committee_and_its_teams():
    report = parse("synthetic_round_summary_2023.txt")
    assert (report.inspection.body, report.inspection.level, report.inspection.word) == (
        "区委4个巡察组",
        "district",
        "巡察",
    )
    assert report.inspection.kinds == ["routine", "special"]
    assert report.inspection.feedback_on == date(2022, 1, 27)
