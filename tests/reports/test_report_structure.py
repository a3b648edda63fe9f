"""How the tree is inferred from marks, on small texts that isolate one rule each."""

from xuncha.reports.parsing import parse_text
from xuncha.reports.parsing.measures import extract_measures
from xuncha.reports.parsing.model import CheckStatus, ProblemStatus


def test_top_level_sections_are_not_aspects_when_a_section_holds_方面_headings():
    text = "\n".join(
        [
            "一、提高认识、加强领导",
            "一是提高政治站位。",
            "二、逐条落实整改",
            "(一)甲方面",
            "1.问题甲。",
            "整改情况:一是做了甲。",
            "2.问题乙。",
            "(二)乙方面",
            "3.问题丙。",
            "三、持续整改的工作打算",
            "一是继续。",
        ]
    )
    report = parse_text(text)
    assert [aspect.title for aspect in report.aspects] == ["甲方面", "乙方面"]
    assert [problem.number for problem in report.problems()] == ["1", "2", "3"]
    assert report.problems()[-1].text == "问题丙。"


def test_a_deeper_mark_right_after_each_heading_makes_an_item_level():
    text = "\n".join(
        ["(一)甲方面", "1.项甲。", "(1)问题一。", "整改情况:已改。", "(2)问题二。", "2.项乙。", "(3)问题三。"]
    )
    report = parse_text(text)
    [aspect] = report.aspects
    assert [item.title for item in aspect.items] == ["项甲", "项乙"]
    assert [[p.number for p in item.problems] for item in aspect.items] == [["1", "2"], ["3"]]


def test_sub_points_inside_problems_do_not_make_an_item_level():
    text = "\n".join(
        [
            "(一)甲方面",
            "1.问题一。",
            "整改情况:",
            "(1)做了甲。",
            "(2)做了乙。",
            "2.问题二。",
            "整改情况:",
            "(1)做了丙。",
        ]
    )
    report = parse_text(text)
    assert report.counted.items == 0
    assert [p.number for p in report.aspects[0].problems] == ["1", "2"]
    assert "(2)做了乙。" in report.problems()[0].text


def test_out_of_sequence_numbers_stay_in_the_problem_text():
    text = "\n".join(["(一)甲方面", "1.问题一。", "1.这是正文里的列举。", "2.问题二。", "5.正文里的另一行。"])
    report = parse_text(text)
    assert [p.number for p in report.problems()] == ["1", "2"]
    assert report.problems()[1].text.endswith("5.正文里的另一行。")


def test_problem_numbers_may_restart_under_each_item():
    text = "\n".join(["(一)甲方面", "1.项甲。", "(1)问题一。", "(2)问题二。", "2.项乙。", "(1)问题三。"])
    report = parse_text(text)
    assert [[p.title for p in item.problems] for item in report.aspects[0].items] == [
        ["问题一", "问题二"],
        ["问题三"],
    ]


def test_numbered_problems_without_aspect_headings_form_one_unnamed_aspect():
    text = "\n".join(
        [
            "关于巡察整改情况的通报",
            "1.关于“学习不深入”的问题。整改情况:一是制定计划;二是开展研讨。",
            "2.关于“制度不健全”的问题。整改情况:修订制度3项。",
            "3.关于“台账不规范”的问题。整改情况:已规范。",
        ]
    )
    report = parse_text(text)
    [aspect] = report.aspects
    assert (aspect.number, aspect.title) == ("", "")
    assert [p.title for p in aspect.problems] == ["学习不深入", "制度不健全", "台账不规范"]
    assert [m.label for m in aspect.problems[0].measures] == ["一是", "二是"]


def test_a_numbered_list_in_unrelated_text_is_not_a_tree():
    text = "春游安排\n1.早上八点集合。\n2.带好午餐。\n3.下午四点返回。"
    assert parse_text(text, strict=False).aspects == []


def test_closing_block_is_not_part_of_the_last_problem():
    text = "\n".join(
        [
            "(一)甲方面",
            "1.问题一。",
            "整改情况:已改。",
            "欢迎广大干部群众监督。",
            "中共某某区委",
            "2023年5月6日",
        ]
    )
    report = parse_text(text)
    assert report.problems()[0].text == "问题一。\n整改情况:已改。"
    assert report.issuer == "中共某某区委"


def test_measures_run_together_in_one_paragraph_are_split():
    measures = extract_measures(["整改情况:一是修订制度;二是开展培训。三是建立台账。"])
    assert [(m.label, m.text) for m in measures] == [
        ("一是", "修订制度;"),
        ("二是", "开展培训。"),
        ("三是", "建立台账。"),
    ]


def test_ordinals_out_of_sequence_are_text():
    measures = extract_measures(["一是甲。", "三是丙。"])
    assert [m.label for m in measures] == ["一是"]
    assert measures[0].text == "甲。\n三是丙。"


def test_status_tags_and_labels_on_problems_are_read():
    text = "\n".join(["(一)甲方面", "1.问题一【已完成】", "2.问题二。", "完成情况:基本完成", "3.问题三。"])
    statuses = [p.status for p in parse_text(text).problems()]
    assert statuses == [ProblemStatus.DONE, ProblemStatus.BASICALLY_DONE, None]


def test_a_bracketed_status_inside_the_text_describes_a_step_not_the_problem():
    text = "\n".join(["(一)甲方面", "1.问题一。", "①修订制度(已完成)", "②建设平台,正在推进。", "2.问题二。"])
    assert [p.status for p in parse_text(text).problems()] == [None, None]


def test_status_section_names_problems_by_title_when_numbers_repeat():
    text = "\n".join(
        [
            "一、整改落实情况",
            "(一)甲方面",
            "1.项甲。",
            "(1)学习不深入。",
            "(2)制度不健全。",
            "2.项乙。",
            "(1)台账不规范。",
            "二、未完成事项的说明",
            "“存在问题1:台账不规范”问题。",
            "有关情况说明:正在推进。",
        ]
    )
    report = parse_text(text)
    assert [(p.title, p.status) for p in report.problems()] == [
        ("学习不深入", ProblemStatus.DONE),
        ("制度不健全", ProblemStatus.DONE),
        ("台账不规范", ProblemStatus.NOT_DONE),
    ]


def test_mismatch_between_stated_and_counted_problems_is_named(seed_004):
    report = parse_text(seed_004.replace("(35)2015年经济责任审计", "2015年经济责任审计"))
    [check] = [c for c in report.checks if c.name == "problems_total"]
    assert check.status is CheckStatus.MISMATCH
    assert "35" in check.detail and "34" in check.detail


def test_two_different_stated_totals_are_a_mismatch(seed_004):
    report = parse_text(seed_004.replace("4个方面12项共35个问题", "4个方面12项共36个问题"))
    [check] = [c for c in report.checks if c.name == "problems_total"]
    assert check.status is CheckStatus.MISMATCH
    assert "stated differently" in check.detail


def test_disposition_sum_mismatch_is_named(seed_004):
    report = parse_text(seed_004.replace("诫勉6人。现将", "诫勉7人。现将"))
    failing = [c for c in report.checks if c.name == "people_by_disposition" and not c.ok]
    assert len(failing) == 1
    assert "add up to 22" in failing[0].detail


def test_petition_sum_mismatch_is_named(seed_004):
    report = parse_text(seed_004.replace("正在办理2件", "正在办理3件"))
    [check] = [c for c in report.checks if c.name == "petitions"]
    assert not check.ok and "= 66" in check.detail


def test_status_counts_are_compared_with_the_status_section(seed_004):
    report = parse_text(seed_004.replace("基本完成整改4个、未完成整改1个", "基本完成整改3个、未完成整改2个"))
    checks = {c.name: c for c in report.checks}
    assert checks["problems_basically_done"].status is CheckStatus.MISMATCH
    assert checks["problems_not_done"].status is CheckStatus.MISMATCH
    assert checks["problem_status_sum"].status is CheckStatus.OK


def test_completion_rate_that_does_not_match_is_a_mismatch():
    text = "巡察反馈的40个问题,完成整改30个,未完成10个,整改完成率80%。"
    [check] = [c for c in parse_text(text).checks if c.name == "completion_rate"]
    assert check.status is CheckStatus.MISMATCH


def test_unparseable_input_in_lenient_mode_reports_no_structure():
    report = parse_text("今天天气很好", strict=False)
    assert report.aspects == [] and report.stated == []
    assert [c.to_dict() for c in report.checks] == [
        {
            "name": "structure",
            "ok": True,
            "status": "not_checkable",
            "detail": "no rectification structure (feedback aspects, items or problems, or stated rectification "
            "totals): the document is not about an inspection (it never says 巡视 or 巡察); found: nothing else",
        }
    ]
