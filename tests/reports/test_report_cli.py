"""`report parse`: its core function, and the Django command's argument wiring."""

import io
import json
from pathlib import Path

import pytest

from xuncha.reports.parsing.cli import run_parse

FIXTURES = Path(__file__).parent / "fixtures"
SEED_004 = FIXTURES / "seed_004_huli_2022.txt"


def test_json_output_is_exactly_one_object_with_the_contract_shape():
    code, out, err = run_parse(SEED_004, as_json=True)
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
    ]
    assert data["counted"] == {"aspects": 4, "items": 12, "problems": 35, "measures": 85}
    assert list(data["inspection"]) == ["body", "start", "end", "feedback_on"]
    aspect = data["aspects"][0]
    assert list(aspect) == ["number", "title", "items", "problems"]
    problem = aspect["items"][0]["problems"][0]
    assert list(problem) == ["number", "title", "status", "measures", "text"]
    assert problem["status"] == "done"
    assert problem["measures"][0]["label"] == "一是"
    assert set(data["stated"][0]) == {"key", "value", "unit", "phrase"}
    assert set(data["checks"][0]) == {"name", "ok", "status", "detail"}
    assert "中共厦门市湖里区委" in out  # ensure_ascii=False


def test_summary_output_uses_chinese_labels():
    code, out, err = run_parse(SEED_004, as_json=False)
    assert (code, err) == (0, "")
    assert "结构：4 个方面，12 项，35 个问题" in out
    assert "(12) 老旧小区、城中村隐患较多 [未完成]" in out
    assert "核对：" in out


@pytest.mark.parametrize("data", [b"", "今天天气很好".encode(), b"PK\x03\x04garbage"])
def test_unreadable_input_gives_exit_code_2_and_one_error_line(tmp_path, data):
    path = tmp_path / "upload.txt"
    path.write_bytes(data)
    code, out, err = run_parse(path, as_json=True)
    assert (code, out) == (2, "")
    assert err.startswith("错误：") and err.endswith("\n") and err.count("\n") == 1


def test_missing_file_gives_exit_code_2(tmp_path):
    code, _, err = run_parse(tmp_path / "missing.docx", as_json=False)
    assert code == 2 and err.startswith("错误：cannot read")


def test_django_command_parses_its_arguments_and_exits_with_the_code(tmp_path):
    pytest.importorskip("django")
    from xuncha.reports.management.commands.report import Command

    parser = Command().create_parser("xuncha", "report")
    options = vars(parser.parse_args(["parse", str(SEED_004), "--json"]))
    assert (options["action"], options["path"], options["json"]) == ("parse", str(SEED_004), True)

    out, err = io.StringIO(), io.StringIO()
    Command(stdout=out, stderr=err).handle(path=str(SEED_004), json=True)
    assert json.loads(out.getvalue())["counted"]["problems"] == 35

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        Command(stdout=io.StringIO(), stderr=err).handle(path=str(empty), json=False)
    assert exit_info.value.code == 2
    assert err.getvalue() == "错误：the file is empty\n"
