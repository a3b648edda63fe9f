"""The two real published reports (seeds 004 and 001) and three synthetic ones of other shapes."""

from datetime import date
from pathlib import Path

import pytest

from xuncha.reports.parsing import parse_file, parse_text
from xuncha.reports.parsing.model import CheckStatus, ProblemStatus

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def huli(seed_004):
    return parse_text(seed_004)


@pytest.fixture(scope="module")
def siming(seed_001):
    return parse_text(seed_001)


def values(report, key):
    return report.stated_values(key)


# --- seed 004: 湖里区, 2022 --------------------------------------------------------------------


def test_seed_004_counts_four_aspects_twelve_items_thirty_five_problems(huli):
    assert huli.counted.to_dict()["aspects"] == 4
    assert huli.counted.items == 12
    assert huli.counted.problems == 35
    assert [problem.number for problem in huli.problems()] == [str(n) for n in range(1, 36)]


def test_seed_004_aspects_and_items_are_the_feedback_levels_not_the_report_sections(huli):
    assert [aspect.number for aspect in huli.aspects] == ["一", "二", "三", "四"]
    assert huli.aspects[1].title == "落实全面从严治党战略部署方面"
    assert [len(aspect.items) for aspect in huli.aspects] == [4, 3, 3, 2]
    assert all(aspect.problems == [] for aspect in huli.aspects)
    assert huli.aspects[0].items[1].title == "全方位推进高质量发展超越还存在短板"


def test_seed_004_statuses_follow_its_section_four(huli):
    by_number = {problem.number: problem.status for problem in huli.problems()}
    assert {n for n, s in by_number.items() if s is ProblemStatus.NOT_DONE} == {"12"}
    assert {n for n, s in by_number.items() if s is ProblemStatus.BASICALLY_DONE} == {"4", "5", "7", "21"}
    assert sum(s is ProblemStatus.DONE for s in by_number.values()) == 30


def test_seed_004_stated_totals(huli):
    assert set(values(huli, "problems_total")) == {35}
    assert values(huli, "problems_done") == [30]
    assert values(huli, "problems_basically_done") == [4]
    assert values(huli, "problems_not_done") == [1]
    assert values(huli, "measures_total") == [112]
    assert values(huli, "people_handled")[0] == 21
    assert values(huli, "clues_transferred") == [6]
    assert values(huli, "petitions_received") == [65]


def test_seed_004_clues_and_petitions_of_section_three_and_the_opening(huli):
    # opening: "移交涉及处、科级干部的信访件16件14人", a count of its own beside section 三's 65
    assert values(huli, "petitions_about_cadres") == [16]
    assert values(huli, "petitions_concluded") == [63]
    assert values(huli, "petitions_in_progress") == [2]
    assert values(huli, "clues_concluded") == [6]
    # "转立案2条4人" (clues) and "信访转立案2件4人" (petitions): 立案 is a stage, kept as stated
    assert values(huli, "clues_to_case") == [2]
    assert values(huli, "petitions_to_case") == [2]
    # "信访件方面,…对5名相关责任人作出处理": the people handled from petitions, not a third 21
    assert values(huli, "petitions_people") == [5]
    assert values(huli, "people_handled") == [21, 21]
    checks = [(check.name, check.status, check.detail) for check in huli.checks]
    assert ("clues_to_case", CheckStatus.OK, "2 turned into cases of 6 (移交见人见事问题6条; 转立案2条4人)") in checks
    assert ("petitions_to_case", CheckStatus.OK, "2 turned into cases of 65 (信访件65件次; 信访转立案2件4人)") in checks


def test_seed_004_plan_was_issued_on_3_july_2021(huli):
    assert huli.plan_issued_on == date(2021, 7, 3)


def test_seed_004_explains_its_unfinished_problems_from_section_four(huli):
    explanations = {entry.number: entry for entry in huli.explanations}
    assert list(explanations) == ["12", "4", "5", "7", "21"]
    twelve = explanations["12"]
    assert twelve.reason.startswith("(1)根据计划,我区老旧小区整体改造工作需三年完成")
    assert twelve.next_steps.startswith("一是加快推动老旧小区改造工程")
    assert twelve.deadline == "2022年12月31日前并长期坚持"
    assert twelve.complete_by == date(2022, 12, 31)
    assert explanations["21"].reason.startswith("目前尚有积存未办结线索的问题")
    assert explanations["21"].next_steps.endswith("采取每周督办的方式进行催办。")
    assert explanations["21"].deadline == "2022年12月31日前"
    assert explanations["5"].complete_by == date(2021, 12, 31)
    assert "针对持续深化后续整改工作" not in explanations["21"].deadline + explanations["21"].next_steps
    assert {entry.number for entry in huli.explanations} == {
        problem.number for problem in huli.problems() if problem.status is not ProblemStatus.DONE
    }


def test_seed_004_figures_inside_problems_are_not_report_totals(huli):
    # "建章立制42项" is problem (17)'s own figure; "整改问题77个" belongs to problem (14).
    assert values(huli, "regulations_made") == []
    assert 77 not in values(huli, "problems_done")


def test_seed_004_has_no_mismatch(huli):
    mismatches = [check for check in huli.checks if not check.ok]
    assert mismatches == []
    names = {check.name: check.status for check in huli.checks}
    assert names["aspects_total"] is CheckStatus.OK
    assert names["items_total"] is CheckStatus.OK
    assert names["problems_total"] is CheckStatus.OK
    assert names["problem_status_sum"] is CheckStatus.OK
    assert names["people_by_disposition"] is CheckStatus.OK
    assert names["petitions"] is CheckStatus.OK
    assert names["measures_total"] is CheckStatus.NOT_CHECKABLE


def test_seed_004_rank_breakdowns_are_checked_per_total(huli):
    ranks = [check for check in huli.checks if check.name == "people_by_rank"]
    assert len(ranks) == 3
    assert all(check.status is CheckStatus.OK for check in ranks)
    assert "10" in ranks[0].detail and "partial" in ranks[0].detail


def test_seed_004_measures_are_ordinal_paragraphs_and_sub_splits(huli):
    problems = {problem.number: problem for problem in huli.problems()}
    assert [m.label for m in problems["1"].measures] == ["一是", "二是", "三是"]
    assert problems["1"].measures[0].text.startswith("强化制度规范。印发了")
    assert [m.label for m in problems["4"].measures][:4] == ["①一是", "①二是", "①三是", "②一是"]
    assert [m.label for m in problems["12"].measures] == ["①", "②", "③"]
    assert problems["11"].measures == []


def test_seed_004_problem_keeps_its_full_text(huli):
    first = huli.problems()[0]
    assert first.title == "学习还不够到位"
    assert first.text.split("\n")[:2] == ["学习还不够到位。", "整改情况:"]
    assert first.text.endswith("理论学习中心组专题检查或不定向抽查机制。")


def test_seed_004_metadata(huli):
    assert huli.title is None
    assert huli.issuer == "中共厦门市湖里区委"
    assert huli.issued_on == date(2022, 2, 22)
    assert huli.inspection.body == "省委巡视一组"
    assert (huli.inspection.start, huli.inspection.end) == (date(2021, 1, 11), date(2021, 2, 6))
    assert huli.inspection.feedback_on == date(2021, 6, 25)


# --- seed 001: 思明区, 2025 --------------------------------------------------------------------


def test_seed_001_counts_six_aspects_and_forty_eight_problems_without_items(siming):
    assert siming.counted.aspects == 6
    assert siming.counted.items == 0
    assert siming.counted.problems == 48
    assert [problem.number for problem in siming.problems()] == [str(n) for n in range(1, 49)]
    assert [len(aspect.problems) for aspect in siming.aspects] == [7, 5, 10, 4, 15, 7]


def test_seed_001_problem_forty_behind_a_no_break_space_is_found(seed_001, siming):
    assert "40.\xa0" in seed_001
    forty = siming.problems()[39]
    assert forty.number == "40"
    assert forty.title == "攻坚历史遗留问题,被占用国有资产均已收回"


def test_seed_001_aspects_are_named_by_the_quoted_problem(siming):
    assert siming.aspects[0].title == "坚持常态长效,落实巡视整改责任不够扎实"
    assert siming.aspects[5].title == "践行新时代党的组织路线不够全面深入"


def test_seed_001_stated_figures(siming):
    assert values(siming, "measures_total") == [212]
    assert values(siming, "regulations_made") == [123]
    assert values(siming, "topics_total") == [21]
    # "内控制度25项" is problem 15's own figure.
    assert 25 not in values(siming, "regulations_made")


def test_seed_001_statuses_are_unknown_and_nothing_mismatches(siming):
    assert {problem.status for problem in siming.problems()} == {None}
    assert all(check.ok for check in siming.checks)


def test_seed_001_metadata_and_furniture(siming):
    assert siming.title == "中共厦门市思明区委关于巡视整改进展情况的通报"
    assert siming.issuer == "中共厦门市思明区委"
    assert siming.issued_on == date(2025, 12, 25)
    assert siming.inspection.to_dict() == {
        "body": "省委巡视九组",
        "start": "2024-10-21",
        "end": "2024-12-05",
        "feedback_on": "2025-02-20",
        "level": "province",
        "word": "巡视",
        "targets": ["思明区委(鼓浪屿风景区党工委)"],
        "kinds": [],
    }
    assert "扫一扫" not in siming.problems()[-1].text


# --- synthetic shapes ----------------------------------------------------------------------------


def test_bureau_report_with_full_width_marks_and_status_tags():
    report = parse_file(FIXTURES / "synthetic_bureau_inspection_2023.txt")
    assert report.counted.to_dict() == {"aspects": 3, "items": 7, "problems": 12, "measures": 19}
    assert report.aspects[0].title == "贯彻落实上级决策部署不够有力"
    assert report.aspects[1].items[0].title == "主体责任压力传导不够"  # written "1、"
    assert report.aspects[0].items[0].problems[0].title == "理论学习中心组学习计划执行不严"
    statuses = [problem.status for problem in report.problems()]
    assert statuses.count(ProblemStatus.DONE) == 9
    assert statuses.count(ProblemStatus.NOT_DONE) == 3
    assert all(check.ok for check in report.checks)
    assert {check.name for check in report.checks} >= {
        "completion_rate",
        "people_by_disposition",
        "measures_done",
    }
    assert report.inspection.feedback_on == date(2023, 1, 12)


def test_round_summary_without_a_tree_still_checks_its_figures():
    report = parse_file(FIXTURES / "synthetic_round_summary_2023.txt")
    assert report.aspects == []
    checks = {check.name: check.status for check in report.checks}
    assert checks["structure"] is CheckStatus.NOT_CHECKABLE
    assert checks["problem_status_sum"] is CheckStatus.OK
    assert checks["completion_rate"] is CheckStatus.OK
    assert checks["problems_total"] is CheckStatus.NOT_CHECKABLE


def test_hard_wrapped_city_report_with_section_aspects():
    report = parse_file(FIXTURES / "synthetic_city_wrapped_2019.txt")
    assert report.counted.aspects == 3
    assert (report.counted.items, report.counted.problems) == (7, 16)
    assert [problem.number for problem in report.problems()] == [str(n) for n in range(1, 17)]
    assert report.aspects[0].title == "党的领导作用发挥不够充分"
    rural = report.problems()[2]
    assert "(2)新培育农民专业合作社58家。" in rural.text  # sub-points stay in the text
    assert report.issued_on == date(2019, 8, 30)
    assert report.issuer == "中共云岭市委"
    assert all(check.ok for check in report.checks)
    assert "下一步" not in report.problems()[-1].text
