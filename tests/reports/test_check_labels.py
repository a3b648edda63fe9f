"""Check names, figure names and messages of the parser in the interface language
(xuncha/reports/check_labels.py, the report_checks template filters, the review page)."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils.translation import override

from xuncha.reports.check_labels import (
    CHECK_LABELS,
    FIGURE_LABELS,
    check_label,
    check_message,
    figure_label,
    parse_error_message,
)
from xuncha.reports.parsing import ReportParseError, parse_file, parse_text, require_rectification
from xuncha.reports.parsing.readers import read_bytes
from xuncha.reports.parsing.stated import RULES

FIXTURES = Path(__file__).parent / "fixtures"
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_figure_the_parser_can_state_has_a_chinese_name():
    keys = {rule.key for rule in RULES} | {"aspects_total", "items_total", "problems_total", "tasks_done"}
    keys |= {"measures_done", "petitions_people"}
    assert keys <= set(FIGURE_LABELS)
    with override("zh-hans"):
        untranslated = [key for key in FIGURE_LABELS if not CJK.search(str(FIGURE_LABELS[key]))]
    assert untranslated == []


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.txt")))
def test_every_check_on_every_fixture_has_a_chinese_name_and_message(name):
    report = parse_file(FIXTURES / name)
    assert report.checks
    with override("zh-hans"):
        for check in report.checks:
            assert check.name in CHECK_LABELS
            assert CJK.search(check_label(check.name)), check.name
            text = check_message(check)
            assert text and not re.search(r"\b(?:stated|counted|people|petitions|aspects)\b", text), text


def test_structure_message_of_an_opening_notice_in_chinese_and_english():
    report = parse_file(FIXTURES / "synthetic_opening_2023.txt")
    [structure] = [check for check in report.checks if check.name == "structure"]
    with override("zh-hans"):
        assert check_label("structure") == "反馈意见结构"
        assert check_message(structure) == (
            "无法核对整改结构（没有反馈的方面、项、问题，也没有写明的整改总数）：该文档是进驻（动员会）的消息；"
            "读取到：发布单位（省委巡视办）、开展巡视巡察的机构（省委第三巡视组）、被巡视巡察的党组织（云岭市）、"
            "巡视巡察时间（2023-04-10 – 2023-06-09）、巡视巡察方式（常规）"
        )
    with override("en"):
        assert check_message(structure) == structure.detail


def test_unreadable_input_is_explained_in_chinese():
    with pytest.raises(ReportParseError) as caught:
        read_bytes(b"\x89PNG\r\n\x1a\n")
    with override("zh-hans"):
        assert parse_error_message(caught.value) == "文件是图片（PNG），报告须有文字层"
    assert str(caught.value) == "the file is an image (PNG); a report must have a text layer"
    with pytest.raises(ReportParseError) as caught:
        require_rectification(parse_text("今天天气很好"))
    with override("zh-hans"):
        assert parse_error_message(caught.value).startswith("未找到整改结构")


def test_template_filters_show_translated_names():
    report = parse_file(FIXTURES / "seed_004_huli_2022.txt")
    template = Template(
        "{% load report_checks %}{% for c in checks %}{{ c.name|check_label }}={{ c|check_message }};{% endfor %}"
        "{{ key|figure_label }}|{{ status|problem_status }}"
    )
    with override("zh-hans"):
        text = template.render(Context({"checks": report.checks[:2], "key": "measures_total", "status": "not_done"}))
    assert text.startswith("反馈意见结构=4个方面、12项、35个问题;方面数=所述4（“4个方面”）")
    assert text.endswith("整改措施数|未完成")
    assert figure_label("no_such_key") == "no_such_key"


@pytest.mark.django_db
def test_review_page_and_upload_refusal_speak_chinese(tree, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import dated_inspection, user_with_role
    from xuncha.accounts.enums import Role

    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/reports/inspection/{inspection.pk}/import/"
    news = (FIXTURES / "synthetic_opening_2023.txt").read_bytes()
    refused = client.post(url, {"organisation": tree.district.pk, "report": SimpleUploadedFile("n.txt", news)})
    assert refused.status_code == 200
    assert "未找到整改结构" in refused.content.decode()
    blank = SimpleUploadedFile("blank.txt", b" \r\n\t\n")
    refused = client.post(url, {"organisation": tree.district.pk, "report": blank})
    assert refused.context["form"].errors == {"report": ["文件是空的"]}
    seed = (FIXTURES / "seed_004_huli_2022.txt").read_bytes()
    response = client.post(url, {"organisation": tree.district.pk, "report": SimpleUploadedFile("r.txt", seed)})
    page = client.get(response["Location"]).content.decode()
    assert "反馈意见结构" in page and "问题完成情况合计" in page and "处理人数（按职级）" in page
    assert "problem_status_sum" not in page and "people_by_rank" not in page and "stated 4" not in page
    assert "未完成</span>" in page
    assert "文中数字</h3>" in page and "<td>整改措施数</td>" in page and "<td>信访件处理人数</td>" in page
