"""Views decide nothing themselves: no state guard or role check of their own in a view module
that has moved to declared actions (they ask `xuncha.workflow.actions` and the rules modules)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "xuncha"
CONVERTED = ["rectification/views.py", "supervision/views/documents.py", "clues/views.py"]
CONVERTED += ["supervision/views/interviews.py", "supervision/views/warnings.py"]
FORBIDDEN = [
    (re.compile(r"\bRole\."), "a role named in a view"),
    (re.compile(r"\b(has_role|in_scope|scope_q)\("), "a role check in a view"),
    (re.compile(r"\.(status|sign_off)\s*(==|!=|in\b|not in\b)"), "a state guard in a view"),
]
TEMPLATE_FORBIDDEN = re.compile(r"\.(status|sign_off)\s*(==|!=)\s*[\"']")


@pytest.mark.parametrize("module", CONVERTED)
def test_converted_views_ask_the_declarations(module):
    text = (ROOT / module).read_text()
    found = [(why, line) for line in text.splitlines() for pattern, why in FORBIDDEN if pattern.search(line)]
    assert found == []


CONVERTED_TEMPLATES = [
    *(ROOT / "rectification" / "templates").rglob("*.html"),
    ROOT / "supervision" / "templates" / "supervision" / "document_detail.html",
    ROOT / "clues" / "templates" / "clues" / "detail.html",
]
CONVERTED_TEMPLATES += [
    ROOT / "supervision" / "templates" / "supervision" / name
    for name in ("interview_detail.html", "interviews.html", "documents.html", "warnings.html")
] + [ROOT / "clues" / "templates" / "clues" / "list.html"]


def test_converted_templates_compare_no_raw_states():
    found = [
        (path.name, line.strip())
        for path in CONVERTED_TEMPLATES
        for line in path.read_text().splitlines()
        if TEMPLATE_FORBIDDEN.search(line)
    ]
    assert found == []


def test_the_checks_can_fail():
    assert FORBIDDEN[2][0].search("if measure.status == 'done':")
    assert TEMPLATE_FORBIDDEN.search('{% if plan.status == "submitted" %}')
