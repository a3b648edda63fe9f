"""`report parse`: its core function, and the Django command's argument wiring.

The contract: exit 0 for any readable document (the JSON or the summary says what it lacks),
exit 2 and one line "错误：<reason>" on stderr for unreadable input; the JSON's shape is
stable (keys are only ever added at the end).
"""

import io
import json
from pathlib import Path

import pytest

from xuncha.reports.check_labels import parse_error_line, summary_text
from xuncha.reports.parsing.cli import render_json, run_parse

FIXTURES = Path(__file__).parent / "fixtures"
SEED_004 = FIXTURES / "seed_004_huli_2022.txt"


def parse_json(path):
    return run_parse(path, render=render_json, error=parse_error_line)


def parse_summary(path):
    return run_parse(path, render=summary_text, error=parse_error_line)


def test_json_output_is_exactly_one_object_with_the_contract_shape():
    code, out, err = parse_json(SEED_004)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == [
        "title",
        "issuer",
        "issued_on",
        "inspection",
        "aspects",
        "counted",
        "stated",
        "checks",
        "plan_issued_on",
        "explanations",
        "document",
    ]
    assert data["counted"] == {"aspects": 4, "items": 12, "problems": 35, "measures": 85}
    assert list(data["inspection"]) == ["body", "start", "end", "feedback_on", "level", "word", "targets", "kinds"]
    aspect = data["aspects"][0]
    assert list(aspect) == ["number", "title", "items", "problems"]
    problem = aspect["items"][0]["problems"][0]
    assert list(problem) == ["number", "title", "status", "measures", "text"]
    assert problem["status"] == "done"
    assert problem["measures"][0]["label"] == "一是"
    assert set(data["stated"][0]) == {"key", "value", "unit", "phrase"}
    assert set(data["checks"][0]) == {"name", "ok", "status", "detail"}
    assert data["checks"][0]["detail"] == "4 aspects, 12 items, 35 problems"  # English: scripts read it
    assert "中共厦门市湖里区委" in out  # ensure_ascii=False


def test_summary_output_uses_chinese_labels_for_everything():
    code, out, err = parse_summary(SEED_004)
    assert (code, err) == (0, "")
    assert "结构：4 个方面，12 项，35 个问题" in out
    assert "(12) 老旧小区、城中村隐患较多 [未完成]" in out
    assert "巡视巡察机构层级：省级（巡视）" in out
    assert "核对：" in out
    assert "✓ 反馈意见结构：4个方面、12项、35个问题" in out
    assert "✓ 问题完成情况合计：" in out
    assert "– 整改措施数：文中写明112" in out
    for english in ("structure", "problem_status_sum", "people_by_rank", "measures_total", "stated "):
        assert english not in out


def test_summary_in_english_when_english_is_active():
    from django.utils.translation import override

    with override("en"):
        _, out, _ = parse_summary(SEED_004)
    assert "Structure: 4 aspects, 12 items, 35 problems" in out
    assert "✓ Feedback structure: 4 aspects, 12 items, 35 problems" in out


@pytest.mark.parametrize("data", [b"", b"  \n\t ", b"PK\x03\x04garbage", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_unreadable_input_gives_exit_code_2_and_one_chinese_error_line(tmp_path, data):
    path = tmp_path / "upload.txt"
    path.write_bytes(data)
    code, out, err = parse_json(path)
    assert (code, out) == (2, "")
    assert err.startswith("错误：") and err.endswith("\n") and err.count("\n") == 1


@pytest.mark.parametrize("text", ["今天天气很好", "省委第三巡视组进驻云岭市召开动员会。"])
def test_readable_text_that_is_not_a_report_gives_exit_code_0_and_says_what_is_missing(tmp_path, text):
    path = tmp_path / "upload.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = parse_json(path)
    assert (code, err) == (0, "")
    [structure] = [check for check in json.loads(out)["checks"] if check["name"] == "structure"]
    assert structure["status"] == "not_checkable"
    assert "no rectification structure" in structure["detail"]


def test_missing_file_gives_exit_code_2(tmp_path):
    code, _, err = parse_summary(tmp_path / "missing.docx")
    assert code == 2 and err.startswith("错误：无法读取")


def test_django_command_parses_its_arguments_and_exits_with_the_code(tmp_path):
    from xuncha.reports.management.commands.report import Command

    parser = Command().create_parser("xuncha", "report")
    options = vars(parser.parse_args(["parse", str(SEED_004), "--json"]))
    assert (options["action"], options["path"], options["json"]) == ("parse", str(SEED_004), True)

    out, err = io.StringIO(), io.StringIO()
    Command(stdout=out, stderr=err).handle(action="parse", path=str(SEED_004), json=True)
    assert json.loads(out.getvalue())["counted"]["problems"] == 35

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        Command(stdout=io.StringIO(), stderr=err).handle(action="parse", path=str(empty), json=False)
    assert exit_info.value.code == 2
    assert err.getvalue() == "错误：文件是空的\n"


def test_django_command_prints_the_chinese_summary(capsys):
    from django.core.management import call_command

    call_command("report", "parse", str(SEED_004))
    out = capsys.readouterr().out
    assert "结构：4 个方面，12 项，35 个问题" in out and "核对：" in out
