"""Views decide nothing themselves: no state guard or role check of their own in a view module
(they ask `xuncha.workflow.actions` and the rules modules)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "xuncha"
FORBIDDEN = [
    (re.compile(r"\bRole\."), "a role named in a view"),
    (re.compile(r"\b(has_role|in_scope|scope_q)\("), "a role check in a view"),
    (re.compile(r"\.(status|sign_off)\s*(==|!=|in\b|not in\b)"), "a state guard in a view"),
]
TEMPLATE_FORBIDDEN = re.compile(r"\.(status|sign_off)\s*(==|!=)\s*[\"']")


ALL_VIEWS = sorted(
    str(path.relative_to(ROOT)) for path in [*ROOT.rglob("views.py"), *ROOT.rglob("views/*.py")]
)


CONVERTED = ALL_VIEWS  # every view module, a new one from the start


def test_every_view_module_is_found():
    assert len(ALL_VIEWS) > 15 and "rectification/views.py" in ALL_VIEWS


@pytest.mark.parametrize("module", CONVERTED)
def test_converted_views_ask_the_declarations(module):
    text = (ROOT / module).read_text()
    found = [(why, line) for line in text.splitlines() for pattern, why in FORBIDDEN if pattern.search(line)]
    assert found == []


CONVERTED_TEMPLATES = sorted(ROOT.rglob("templates/**/*.html"))  # every template


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
