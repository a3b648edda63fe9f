"""Stated figures in the wordings reports use, Arabic or Chinese numerals."""

import pytest

from xuncha.reports.parsing.stated import extract_stated


def stated(text: str) -> dict[str, list[int | float]]:
    found: dict[str, list[int | float]] = {}
    for entry in extract_stated([text]):
        found.setdefault(entry.key, []).append(entry.value)
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("指出了4个方面12项共35个问题", {"aspects_total": [4], "items_total": [12], "problems_total": [35]}),
        (
            "反馈五方面17项问题56项具体问题",
            {"aspects_total": [5], "items_total": [17], "problems_total": [56]},
        ),
        (
            "归纳为4大类、13个大项、26个具体问题",
            {"aspects_total": [4], "items_total": [13], "problems_total": [26]},
        ),
        (
            "梳理出6个方面17大项问题69子项问题177项任务,细化整改措施543条",
            {
                "aspects_total": [6],
                "items_total": [17],
                "problems_total": [69],
                "tasks_total": [177],
                "measures_total": [543],
            },
        ),
        (
            "明确了4个方面、12项、35个问题整改的牵头区领导",
            {"aspects_total": [4], "items_total": [12], "problems_total": [35]},
        ),
        (
            "反馈了三个方面十二项共三十五个问题",
            {"aspects_total": [3], "items_total": [12], "problems_total": [35]},
        ),
        ("巡察反馈的697个问题,完成整改688个", {"problems_total": [697], "problems_done": [688]}),
        (
            "研究制定整改措施112项,完成问题整改30个,基本完成整改4个、未完成整改1个",
            {
                "measures_total": [112],
                "problems_done": [30],
                "problems_basically_done": [4],
                "problems_not_done": [1],
            },
        ),
        (
            "基本完成取得阶段性成果并持续整改问题4个,未完成5个,总体完成率98.71%",
            {"problems_basically_done": [4], "problems_not_done": [5], "completion_rate": [98.71]},
        ),
        (
            "已完成整改19个、正在整改6个,整改完成率76%",
            {"problems_done": [19], "problems_in_progress": [6], "completion_rate": [76]},
        ),
        ("制定212条整改措施", {"measures_total": [212]}),
        ("共制定支撑措施1,024条", {"measures_total": [1024]}),
        ("整改措施41条,已完成36条", {"measures_total": [41], "measures_done": [36]}),
        ("整改措施121项,截至目前,已完成120项", {"measures_total": [121], "measures_done": [120]}),
        ("分解为86项整改任务,已完成80项", {"tasks_total": [86], "tasks_done": [80]}),
        ("完善和新建制度589项", {"regulations_made": [589]}),
        ("已建立健全123项工作制度", {"regulations_made": [123]}),
        ("制定及修改完善制度12项", {"regulations_made": [12]}),
        ("建章立制291项", {"regulations_made": [291]}),
        ("将巡视反馈问题分类梳理成21个专题", {"topics_total": [21]}),
        ("分类梳理成二十一个专题", {"topics_total": [21]}),
        ("对21名相关人员已处理", {"people_handled": [21]}),
        (
            "对21名相关责任人作出处理,涉及处级干部10人,科级干部5人,国企中层及以上干部6人",
            {
                "people_handled": [21],
                "people_division_level": [10],
                "people_section_level": [5],
                "people_soe_middle": [6],
            },
        ),
        (
            "其中立案6人(含已党纪政务处分1人),谈话提醒1人,批评教育6人,责令检查2人,诫勉6人",
            {
                "people_case_filed": [6],
                "people_talk_reminder": [1],
                "people_criticism": [6],
                "people_ordered_review": [2],
                "people_admonished": [6],
            },
        ),
        (
            "给予政务处分0人;组织处理0人;诫勉0人;交由纪委调查1人",
            {
                "people_sanctioned": [0],
                "people_org_handling": [0],
                "people_admonished": [0],
                "people_referred": [1],
            },
        ),
        (
            "共向我区移交见人见事问题6条以及信访件65件次",
            {"clues_transferred": [6], "petitions_received": [65]},
        ),
        ("问题线索方面,已办结6条,转立案2条4人", {"clues_concluded": [6], "clues_to_case": [2]}),
        (
            "信访件方面,已办结63件,正在办理2件,信访转立案2件4人",
            {"petitions_concluded": [63], "petitions_in_progress": [2], "petitions_to_case": [2]},
        ),
        ("移交涉及处、科级干部的信访件16件14人", {"petitions_about_cadres": [16]}),
        (
            "对21名相关责任人作出处理。信访件方面,已办结63件;对5名相关责任人作出处理。问题线索方面,对2名干部作出处理",
            {"people_handled": [21, 2], "petitions_concluded": [63], "petitions_people": [5]},
        ),
        ("信访件方面,已办结63件,正在办理2件", {"petitions_concluded": [63], "petitions_in_progress": [2]}),
        ("受理各类线索46条,办结率93.48%", {"clues_concluded_rate": [93.48]}),
    ],
)
def test_stated_wordings_give_keys_and_values(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "主要经济指标基本完成既定目标。",
        "开展省委巡视整改专项监督,督促整改问题17个。",
        "同时对落实意识形态工作责任制、选人用人、巡察工作3项工作要求整改的事项进行了部署。",
        "建立涵盖4大类21项制度的对村巡察制度体系。",
        "进行2轮17批次专题研究。",
        "“十四五”期间建成29个义务教育项目。",
        "第一个方面的问题已整改。",
    ],
)
def test_sentences_without_report_totals_state_nothing(text):
    assert stated(text) == {}


def test_count_inside_含_parenthesis_is_not_stated_twice():
    assert "people_sanctioned" not in stated("立案6人(含已党纪政务处分1人),谈话提醒1人")


def test_each_stated_entry_keeps_its_exact_phrase_and_unit():
    [entry] = extract_stated(["自整改工作启动以来,研究制定整改措施112项。"])
    assert entry.to_dict() == {"key": "measures_total", "value": 112, "unit": "项", "phrase": "整改措施112项"}


def test_skipped_paragraphs_are_not_read():
    paragraphs = ["指出了4个方面12项共35个问题。", "建章立制42项。"]
    assert [entry.key for entry in extract_stated(paragraphs, skip={1})] == [
        "aspects_total",
        "items_total",
        "problems_total",
    ]
